// Checks across records of a season file that a schema cannot express: names that must exist,
// ids that must be unique, scores, goals and decisions that must agree with each other.
import type { GroupId, SeasonFormat, StageFormat, TeamId } from '../domain/types.js';
import { stringField, type Collector, type Indexed, type Segment } from './problems.js';
import type {
  AssociationRecord,
  CalendarRecord,
  GroupRecord,
  MatchRecord,
  ScoreRecord,
  TeamRecord,
} from './schema.js';
import { nameKey, teamSlug } from './slug.js';

export interface TeamDirectory {
  /** Canonical name → id; records a problem and returns null for anything else. */
  readonly resolve: (name: string, path: readonly Segment[]) => TeamId | null;
  readonly idOf: ReadonlyMap<string, TeamId>;
  readonly entryRoundOf: ReadonlyMap<TeamId, TeamRecord['entryRound']>;
}

/** Team ids from names, clashes between names and aliases, and a resolver for every team reference. */
export function checkTeams(
  teams: readonly Indexed<TeamRecord>[],
  rawTeams: readonly Indexed<Record<string, unknown>>[],
  collector: Collector,
): TeamDirectory {
  const idOf = new Map<string, TeamId>();
  const entryRoundOf = new Map<TeamId, TeamRecord['entryRound']>();
  const teamAtId = new Map<TeamId, number>();
  /** nameKey of every name and alias → who owns it, to catch clashes and to explain unknown names. */
  const owners = new Map<string, { team: string; index: number; isAlias: boolean }>();

  // Names of team records that failed validation still count as known, so one bad team record
  // does not also turn every match that names it into an "unknown team" problem.
  const validIndexes = new Set(teams.map((t) => t.index));
  for (const { index, value } of rawTeams) {
    const name = stringField(value, 'name');
    if (!validIndexes.has(index) && name !== null) idOf.set(name, teamSlug(name));
  }

  for (const { index, value: team } of teams) {
    checkShortName(team.name, team.shortName, ['teams', index, 'shortName'], collector);
    const id = teamSlug(team.name);
    if (id === '') {
      collector.add(['teams', index, 'name'], `"${team.name}" has no ASCII letter or digit to derive a team id from`);
    } else {
      const clash = teamAtId.get(id);
      if (clash !== undefined) {
        collector.add(['teams', index, 'name'], `team id "${id}" is already derived from teams[${clash}].name`);
      } else teamAtId.set(id, index);
    }
    idOf.set(team.name, id);
    entryRoundOf.set(id, team.entryRound);

    const claim = (label: string, path: readonly Segment[], isAlias: boolean): void => {
      const key = nameKey(label);
      const owner = owners.get(key);
      if (owner === undefined) {
        owners.set(key, { team: team.name, index, isAlias });
      } else if (owner.index === index) {
        collector.add(path, `alias "${label}" repeats another name of the same team`);
      } else {
        const what = owner.isAlias ? 'an alias' : 'the name';
        collector.add(path, `"${label}" is already ${what} of "${owner.team}" (teams[${owner.index}])`);
      }
    };
    claim(team.name, ['teams', index, 'name'], false);
    team.aliases.forEach((alias, a) => claim(alias, ['teams', index, 'aliases', a], true));
  }

  const resolve = (name: string, path: readonly Segment[]): TeamId | null => {
    const id = idOf.get(name);
    if (id !== undefined) return id;
    const owner = owners.get(nameKey(name));
    if (owner === undefined) collector.add(path, `unknown team "${name}" (not the name of any team in teams[])`);
    else if (owner.isAlias) {
      collector.add(path, `unknown team "${name}": it is an alias of "${owner.team}"; use the canonical name`);
    } else collector.add(path, `unknown team "${name}": did you mean "${owner.team}"?`);
    return null;
  };
  return { resolve, idOf, entryRoundOf };
}

export function checkAssociations(
  associations: readonly Indexed<AssociationRecord>[],
  teams: readonly Indexed<TeamRecord>[],
  rawTeams: readonly Indexed<Record<string, unknown>>[],
  collector: Collector,
): void {
  const byName = new Map<string, Indexed<AssociationRecord>>();
  const codeAt = new Map<string, number>();
  for (const entry of associations) {
    const { index, value } = entry;
    checkShortName(value.name, value.shortName, ['associations', index, 'shortName'], collector);
    if (value.rankDispute !== null && value.rankDispute.printed !== value.rank) {
      collector.add(
        ['associations', index, 'rankDispute', 'printed'],
        `is ${value.rankDispute.printed ?? 'null'} but rank is ${value.rank ?? 'null'}: rank keeps the printed one`,
      );
    }
    const twin = byName.get(value.name);
    if (twin) collector.add(['associations', index, 'name'], `duplicate association "${value.name}" (also associations[${twin.index}])`);
    else byName.set(value.name, entry);
    if (value.code !== null) {
      const other = codeAt.get(value.code);
      if (other !== undefined) collector.add(['associations', index, 'code'], `code "${value.code}" is also used by associations[${other}]`);
      else codeAt.set(value.code, index);
    }
  }
  const teamCount = new Map<string, number>();
  for (const { index, value: team } of teams) {
    const association = byName.get(team.association);
    if (!association) {
      collector.add(['teams', index, 'association'], `unknown association "${team.association}"`);
      continue;
    }
    if (!association.value.entered) {
      collector.add(
        ['teams', index, 'association'],
        `association "${team.association}" is marked entered: false (associations[${association.index}])`,
      );
    }
  }
  // Counted over every team record, valid or not, so one broken team does not empty its association.
  for (const { value } of rawTeams) {
    const name = stringField(value, 'association');
    if (name !== null) teamCount.set(name, (teamCount.get(name) ?? 0) + 1);
  }
  for (const { index, value } of associations) {
    const count = teamCount.get(value.name) ?? 0;
    if (value.entered && count === 0) collector.add(['associations', index, 'entered'], `is true but no team belongs to "${value.name}"`);
    if (count > 2) collector.add(['associations', index, 'name'], `"${value.name}" has ${count} teams; an association enters at most 2`);
  }
}

export function checkGroups(groups: readonly Indexed<GroupRecord>[], teams: TeamDirectory, collector: Collector): Map<TeamId, GroupId> {
  const groupOf = new Map<TeamId, GroupId>();
  const seen = new Map<GroupId, number>();
  for (const { index, value: group } of groups) {
    const other = seen.get(group.id);
    if (other !== undefined) collector.add(['groups', index, 'id'], `group ${group.id} is also defined at groups[${other}]`);
    else seen.set(group.id, index);
    group.teams.forEach((name, t) => {
      const id = teams.resolve(name, ['groups', index, 'teams', t]);
      if (id === null) return;
      const already = groupOf.get(id);
      if (already !== undefined) collector.add(['groups', index, 'teams', t], `"${name}" is already in group ${already}`);
      else groupOf.set(id, group.id);
    });
  }
  return groupOf;
}

const sideGoals = (score: ScoreRecord, side: 'home' | 'away'): number => score[side];

/** Every stage, group and matchday the file names must be one of its format's. */
export function checkAgainstFormat(
  format: SeasonFormat,
  lists: {
    readonly groups: readonly Indexed<GroupRecord>[];
    readonly teams: readonly Indexed<TeamRecord>[];
    readonly matches: readonly Indexed<MatchRecord>[];
    readonly calendar: readonly Indexed<CalendarRecord>[];
  },
  collector: Collector,
): void {
  const stages = new Map(format.stages.map((stage) => [stage.code, stage]));
  const codes = format.stages.map((s) => s.code).join(', ');
  const groupStage = format.stages.find((s) => s.kind === 'group');
  const labels = groupStage?.kind === 'group' ? groupStage.groups : [];
  const unknownStage = (code: string) => `unknown stage "${code}" (the format's stages: ${codes})`;
  const unknownGroup = (label: string) =>
    labels.length === 0 ? `group "${label}" but the format has no group stage` : `unknown group "${label}" (the format's groups: ${labels.join(', ')})`;

  for (const { index, value } of lists.groups) {
    if (!labels.includes(value.id)) collector.add(['groups', index, 'id'], unknownGroup(value.id));
  }
  for (const { index, value } of lists.teams) {
    const stage = stages.get(value.entryRound);
    if (stage === undefined) collector.add(['teams', index, 'entryRound'], unknownStage(value.entryRound));
    // A knockout-only competition (the African Football League) is entered in its first round.
    else if (stage.kind === 'knockout' && stage !== format.stages[0]) collector.add(['teams', index, 'entryRound'], `a team enters in a qualifying round, the group stage or the first round of the format, not "${value.entryRound}"`);
  }
  for (const { index, value } of lists.matches) {
    const stage = stages.get(value.stage);
    if (stage === undefined) collector.add(['matches', index, 'stage'], unknownStage(value.stage));
    if (value.group !== null && stage?.kind === 'group' && !labels.includes(value.group)) {
      collector.add(['matches', index, 'group'], unknownGroup(value.group));
    }
    if (value.matchday !== null && stage?.kind === 'group' && value.matchday > stage.matchdays) {
      collector.add(['matches', index, 'matchday'], `the format's group stage has ${stage.matchdays} matchdays`);
    }
  }
  for (const { index, value } of lists.calendar) {
    if (value.stage !== null && !stages.has(value.stage)) collector.add(['calendar', index, 'stage'], unknownStage(value.stage));
  }
}

export function checkMatches(
  format: SeasonFormat,
  matches: readonly Indexed<MatchRecord>[],
  teams: TeamDirectory,
  groupOf: ReadonlyMap<TeamId, GroupId>,
  collector: Collector,
): void {
  const fixtureAt = new Map<string, number>();
  const stageAt = new Map(format.stages.map((stage, ordinal) => [stage.code, { stage, ordinal }]));
  for (const { index, value: match } of matches) {
    const stage = stageAt.get(match.stage);
    if (stage === undefined) continue; // reported by checkAgainstFormat
    const at = (...rest: Segment[]): Segment[] => ['matches', index, ...rest];
    const add = (rest: readonly Segment[], message: string): void => collector.add(at(...rest), message);

    const home = teams.resolve(match.home, at('home'));
    const away = teams.resolve(match.away, at('away'));
    if (match.home === match.away) add(['away'], `a team cannot play itself ("${match.home}")`);

    // Same pairing twice in one stage (group: at all; two-legged rounds: in the same leg).
    const slot = stage.stage.kind === 'group' ? '' : match.leg === null ? 'no-leg' : `leg${match.leg}`;
    const fixture = [match.stage, match.home, match.away, slot].join('|');
    const sameFixture = fixtureAt.get(fixture);
    if (sameFixture !== undefined) {
      add(['id'], `duplicate match: ${match.home} v ${match.away} (${match.stage}${slot ? `, ${slot}` : ''}) is also matches[${sameFixture}]`);
    } else fixtureAt.set(fixture, index);

    checkStageFields(match, stage.stage, add);
    if (stage.stage.kind === 'group' && match.group !== null) {
      for (const [side, id] of [['home', home], ['away', away]] as const) {
        const group = id === null ? undefined : groupOf.get(id);
        if (id !== null && group !== match.group) {
          add([side], `"${match[side]}" is not in group ${match.group}${group ? ` (it is in group ${group})` : ''}`);
        }
      }
    }
    // A team with a bye does not play the rounds before the one it entered in.
    for (const [side, id] of [['home', home], ['away', away]] as const) {
      const entry = id === null ? undefined : teams.entryRoundOf.get(id);
      const entered = entry === undefined ? undefined : stageAt.get(entry);
      if (entered !== undefined && entered.ordinal > stage.ordinal) {
        add([side], `"${match[side]}" had a bye (entryRound ${entry}) but plays a ${match.stage} match`);
      }
    }

    checkStatus(match, add);
    checkGoals(match, teams, add);
    checkFanFacts(match, teams, add);
    if (match.decision !== null) {
      const winner = teams.resolve(match.decision.winner, at('decision', 'winner'));
      if (winner !== null && match.decision.winner !== match.home && match.decision.winner !== match.away) {
        add(['decision', 'winner'], `"${match.decision.winner}" is not playing in this match`);
      }
      const awarded = match.decision.score;
      if (awarded !== null) {
        const winnerSide = match.decision.winner === match.home ? 'home' : 'away';
        const loserSide = winnerSide === 'home' ? 'away' : 'home';
        if (sideGoals(awarded, winnerSide) <= sideGoals(awarded, loserSide)) {
          add(['decision', 'score'], `the awarded score does not favour the winner "${match.decision.winner}"`);
        }
      }
    }
    if (match.kickoff !== null && match.date !== null) {
      const gapDays = Math.abs(Date.parse(match.kickoff) - Date.parse(`${match.date}T12:00:00Z`)) / 86_400_000;
      // A UTC kickoff can fall on the day before or after the local date, never further.
      if (gapDays > 1.5) add(['kickoff'], `kickoff ${match.kickoff} is not on or next to the local date ${match.date}`);
    }
  }
}

type AddAt = (rest: readonly Segment[], message: string) => void;

/** The structured facts fans read: each must agree with the rest of its match. */
function checkFanFacts(match: MatchRecord, teams: TeamDirectory, add: AddAt): void {
  if (match.resultNotPublished && match.status !== 'scheduled') {
    add(['resultNotPublished'], `is only for a scheduled match whose result no source publishes (status "${match.status}")`);
  }
  if (match.kickoffAlternatives.length > 0 && match.kickoff === null) {
    add(['kickoffAlternatives'], 'needs the kickoff the file keeps (kickoff is null)');
  }
  match.kickoffAlternatives.forEach((alternative, i) => {
    if (alternative === match.kickoff) add(['kickoffAlternatives', i], 'is the same as the kickoff; list only the other times sources give');
    else if (match.kickoff !== null && Math.abs(Date.parse(alternative) - Date.parse(match.kickoff)) > 86_400_000) {
      add(['kickoffAlternatives', i], `${alternative} is more than a day from the kickoff ${match.kickoff}`);
    }
  });
  match.redCards?.forEach((card, i) => {
    if (teams.resolve(card.team, ['redCards', i, 'team']) === null) return;
    if (card.team !== match.home && card.team !== match.away) {
      add(['redCards', i, 'team'], `"${card.team}" is not playing in this match (${match.home} v ${match.away})`);
    }
  });
}

/** A short name must be a short form of the name. */
export function checkShortName(name: string, shortName: string | null, path: readonly Segment[], collector: Collector): void {
  if (shortName === null) return;
  if (shortName.length >= name.length) collector.add(path, `"${shortName}" must be shorter than the name "${name}" (or null)`);
}

function checkStageFields(match: MatchRecord, stage: StageFormat, add: AddAt): void {
  if (stage.kind === 'group') {
    if (match.group === null) add(['group'], `a group-stage match needs its group (${stage.groups.join(', ')})`);
    if (match.matchday === null) add(['matchday'], `a group-stage match needs its matchday (1–${stage.matchdays})`);
    if (match.tie !== null) add(['tie'], 'must be null for a group-stage match');
    if (match.leg !== null) add(['leg'], 'must be null for a group-stage match');
    if (match.penalties !== null) add(['penalties'], 'group-stage matches have no shoot-out');
    return;
  }
  if (match.group !== null) add(['group'], `must be null outside the group stage (stage ${match.stage})`);
  if (match.matchday !== null) add(['matchday'], `must be null outside the group stage (stage ${match.stage})`);
  if (match.tie === null) add(['tie'], `a ${match.stage} match needs its tie number`);
  if (stage.legs === 'single_leg') {
    if (match.leg !== null) add(['leg'], `must be null: ${match.stage} is played as a single match (format legs "single_leg")`);
  } else if (match.leg === null && match.status !== 'walkover') add(['leg'], 'only a walkover with no leg played may have leg null');
}

function checkStatus(match: MatchRecord, add: AddAt): void {
  const offPitch = match.status === 'awarded' || match.status === 'walkover';
  if (offPitch && match.decision === null) add(['decision'], `status "${match.status}" needs a decision {winner, score, reason}`);
  if (!offPitch && match.decision !== null) add(['decision'], `must be null unless status is "awarded" or "walkover" (status "${match.status}")`);
  if (match.status === 'played' && match.score === null && match.note === null) {
    add(['score'], 'a played match needs a score; if no source gives it, keep null and explain in note');
  }
  if ((match.status === 'scheduled' || match.status === 'postponed' || match.status === 'cancelled') && match.score !== null) {
    add(['score'], `must be null for a match with status "${match.status}"`);
  }
  if (match.penalties !== null) {
    if (match.score === null) add(['penalties'], 'a shoot-out needs the score of the leg it followed');
    if (match.penalties.home === match.penalties.away) add(['penalties'], 'a shoot-out cannot end level');
  }
  if (match.extraTime && match.score === null) add(['extraTime'], 'extra time needs the score after it');
}

function checkGoals(match: MatchRecord, teams: TeamDirectory, add: AddAt): void {
  const perSide = { home: 0, away: 0 };
  match.goals.forEach((goal, g) => {
    const id = teams.resolve(goal.team, ['goals', g, 'team']);
    if (id === null) return;
    if (goal.team === match.home) perSide.home += 1;
    else if (goal.team === match.away) perSide.away += 1;
    else add(['goals', g, 'team'], `"${goal.team}" is not playing in this match (${match.home} v ${match.away})`);
  });
  if (match.goals.length === 0) return;
  if (match.score === null) {
    // A scheduled match may list goals before its result: a match being played (its score so far).
    if (match.status !== 'scheduled' || match.resultNotPublished) add(['goals'], 'goals are listed but the score is null');
    return;
  }
  // Scorers may be incomplete (unknown goals are simply not listed), but never more than the score.
  for (const side of ['home', 'away'] as const) {
    if (perSide[side] > match.score[side]) {
      add(['goals'], `${perSide[side]} goals listed for ${match[side]} but the score gives them ${match.score[side]}`);
    }
  }
}

export function checkUniqueIds(
  records: readonly Indexed<Record<string, unknown>>[],
  key: 'matches' | 'calendar',
  what: string,
  collector: Collector,
): void {
  const idAt = new Map<string, number>();
  for (const { index, value } of records) {
    const id = stringField(value, 'id');
    if (id === null) continue;
    const previous = idAt.get(id);
    if (previous !== undefined) collector.add([key, index, 'id'], `duplicate ${what} id "${id}" (also ${key}[${previous}])`);
    else idAt.set(id, index);
  }
}

export function checkCalendar(format: SeasonFormat, calendar: readonly Indexed<CalendarRecord>[], collector: Collector): void {
  const singleLeg = new Set(format.stages.filter((s) => s.kind !== 'group' && s.legs === 'single_leg').map((s) => s.code));
  for (const { index, value: entry } of calendar) {
    if (entry.endDate < entry.startDate) collector.add(['calendar', index, 'endDate'], `${entry.endDate} is before startDate ${entry.startDate}`);
    if (entry.kind === 'matchday' && entry.matchday === null) collector.add(['calendar', index, 'matchday'], 'a matchday entry needs its matchday');
    const single = entry.stage !== null && singleLeg.has(entry.stage);
    if (entry.kind === 'leg' && entry.leg === null && !single) collector.add(['calendar', index, 'leg'], 'a leg entry needs its leg (1 or 2)');
    if (entry.kind === 'leg' && entry.leg !== null && single) collector.add(['calendar', index, 'leg'], `must be null: ${entry.stage} is played as a single match`);
  }
}
