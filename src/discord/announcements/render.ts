// Announcement posts as plain embeds: a round preview, a round recap, a "moved" notice and a test
// message. Pure: the same round renders once and is reused for every channel. Kickoff times are
// Discord timestamps, so one payload reads correctly in every viewer's timezone.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { roundTiming, type MatchMove, type MatchSlot, type PlanningRound } from '../../domain/announcements.js';
import { matchOutcome } from '../../domain/outcome.js';
import { indexSeason, type SeasonIndex } from '../../domain/season-index.js';
import { computeGroupTable, decidedBetween } from '../../domain/standings.js';
import { resolveTie } from '../../domain/ties.js';
import { GROUPS } from '../../domain/types.js';
import type { GroupId, Match, Season, StandingRow } from '../../domain/types.js';
import { goalsLine, missingGoalsOf } from '../render/goals.js';
import { clampEmbed, embedLength, LIMITS } from '../render/limits.js';
import { listNames, tieOutcome } from '../render/match-format.js';
import { fateText, listJoin, plural } from '../render/words.js';
import { codeText, escapeText, padEnd, padStart, truncate } from '../render/text.js';
import { seasonFooter, stageColour } from '../render/theme.js';

/** One post: one or more messages, each a list of embeds within Discord's limits. */
export interface RenderedPost {
  readonly messages: readonly (readonly APIEmbed[])[];
  /** One line for logs and the status ledger. */
  readonly summary: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Sun 26 Nov 2023`, from a `YYYY-MM-DD` local match date (no timezone conversion: it is a calendar day). */
export const formatDay = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return escapeText(date);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

export const discordTime = (ms: number, style: 'f' | 'F' | 'R' | 't' | 'd' = 'f'): string => `<t:${Math.floor(ms / 1000)}:${style}>`;

/**
 * When a match is: a Discord timestamp, or its date where only the date is known (the post says
 * "time not published" once, not on every line), or "date not published".
 */
export const whenText = (slot: Pick<Match, 'kickoff' | 'date'>): string => {
  const kickoff = slot.kickoff === null ? Number.NaN : Date.parse(slot.kickoff);
  if (!Number.isNaN(kickoff)) return discordTime(kickoff);
  if (slot.date !== null) return formatDay(slot.date);
  return 'date not published';
};

const title = (index: SeasonIndex, m: Match): string => `${escapeText(index.teamName(m.home))} v ${escapeText(index.teamName(m.away))}`;

// ---- Packing: lines → fields → embeds → messages ----

/** Splits lines into fields of at most 1024 characters; continuation fields say "(cont.)". */
export function linesToFields(name: string, lines: readonly string[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length === 0) return;
    fields.push({ name: truncate(fields.length === 0 ? name : `${name} (cont.)`, LIMITS.fieldName), value: current.join('\n') });
    current = [];
  };
  for (const raw of lines) {
    const line = truncate(raw, LIMITS.fieldValue);
    if ([...current, line].join('\n').length > LIMITS.fieldValue) flush();
    current.push(line);
  }
  flush();
  return fields;
}

interface Section {
  readonly description?: string;
  readonly fields: readonly APIEmbedField[];
}

/**
 * Builds embeds of at most 25 fields and 6000 characters each, then packs them into messages of at
 * most 10 embeds and 6000 characters. Nothing is cut: what does not fit goes to the next message.
 */
export function packPost(head: { title: string; colour: number; footer: APIEmbed['footer'] }, sections: readonly Section[]): APIEmbed[][] {
  // Room for the title and footer on every embed, with a margin for "(cont.)".
  const overhead = head.title.length + 10 + (head.footer?.text.length ?? 0);
  const budget = LIMITS.total - overhead;
  const embeds: APIEmbed[] = [];
  let fields: APIEmbedField[] = [];
  let description: string | undefined;
  let size = 0;
  const flush = (): void => {
    if (fields.length === 0 && description === undefined) return;
    const first = embeds.length === 0;
    embeds.push(
      clampEmbed({
        title: first ? head.title : `${head.title} (cont.)`,
        color: head.colour,
        ...(description === undefined ? {} : { description }),
        ...(fields.length === 0 ? {} : { fields }),
        ...(head.footer ? { footer: head.footer } : {}),
      }),
    );
    fields = [];
    description = undefined;
    size = 0;
  };
  for (const section of sections) {
    if (section.description !== undefined) {
      const text = truncate(section.description, LIMITS.description);
      if (description !== undefined || fields.length > 0) flush();
      description = text;
      size += text.length;
    }
    for (const field of section.fields) {
      const length = field.name.length + field.value.length;
      if (fields.length >= LIMITS.fields || size + length > budget) flush();
      fields.push(field);
      size += length;
    }
  }
  flush();

  const messages: APIEmbed[][] = [];
  let message: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (message.length >= LIMITS.embeds || total + length > LIMITS.total) {
      messages.push(message);
      message = [];
      total = 0;
    }
    message.push(embed);
    total += length;
  }
  if (message.length > 0) messages.push(message);
  return messages;
}

// ---- Preview ----

/** The groups of a round in the season's group order (A–D), whatever order the matches kick off in. */
const groupsOf = (matches: readonly Match[]): (GroupId | null)[] =>
  [...new Set(matches.map((m) => m.group))].sort((a, b) => (a === null ? GROUPS.length : GROUPS.indexOf(a)) - (b === null ? GROUPS.length : GROUPS.indexOf(b)));

/** A match that already happened or is off the schedule, as the preview shows it. */
const statusNote = (m: Match): string =>
  m.status === 'postponed' ? ' — **postponed**' : m.status === 'cancelled' ? ' — **cancelled**' : m.status === 'walkover' ? ' — walkover' : '';

/** `Tie 3: ` in a knockout or qualifying round with several ties; nothing otherwise. */
const tiePrefix = (m: Match): string => (m.tie === null || m.stage === 'group' || m.stage === 'final' ? '' : `Tie ${m.tie}: `);

function previewLine(index: SeasonIndex, m: Match, firstLeg: Match | null): string {
  const parts = [`• ${tiePrefix(m)}${whenText(m)} — ${title(index, m)}${statusNote(m)}`];
  if (firstLeg !== null) parts.push(`  first leg: ${resultText(index, firstLeg)}`);
  if (m.venue !== null) parts.push(`  ${escapeText(m.venue)}`);
  return parts.join('\n');
}

/** The first leg of the same tie, for a second leg. */
const firstLegOf = (season: Season, m: Match): Match | null =>
  m.leg !== 2 ? null : (season.matches.find((o) => o.stage === m.stage && o.tie === m.tie && o.leg === 1) ?? null);

/** The group table over the matchdays before `matchday` only: a replayed season must not leak later results. */
const tableBefore = (season: Season, group: GroupId, matchday: number): readonly StandingRow[] =>
  computeGroupTable(
    { ...season, matches: season.matches.filter((m) => m.stage === 'group' && m.matchday !== null && m.matchday < matchday) },
    group,
  ).rows;

/** The season after `matchday`: later group matches count as not yet played, so no group looks finished early. */
const groupsAfter = (season: Season, matchday: number): Season => ({
  ...season,
  matches: season.matches
    .filter((m) => m.stage === 'group' && m.matchday !== null)
    .map((m) => ((m.matchday ?? 0) <= matchday ? m : { ...m, status: 'scheduled' as const, resultNotPublished: false, score: null, penalties: null, decision: null, goals: [] })),
});

const tableAfter = (season: Season, group: GroupId, matchday: number) => computeGroupTable(groupsAfter(season, matchday), group);

/**
 * Who this matchday settled, in plain sentences: "Zamalek are through with a game to spare"; after
 * the last matchday, "Through to the quarter-finals: A and B."
 */
function fatesSettled(season: Season, index: SeasonIndex, group: GroupId, matchday: number): string[] {
  const settled = decidedBetween(groupsAfter(season, matchday - 1), groupsAfter(season, matchday)).filter((d) => d.group === group);
  const name = (id: string): string => escapeText(index.teamName(id));
  const finalThrough = settled.filter((d) => d.fate === 'through' && d.toPlay === 0).map((d) => name(d.team));
  const lines = settled
    .filter((d) => !(d.fate === 'through' && d.toPlay === 0))
    .map((d) => fateText(name(d.team), d.fate, d.toPlay))
    .filter((t): t is string => t !== null)
    .map((t) => `${t}.`);
  return finalThrough.length > 0 ? [`Through to the quarter-finals: ${listJoin(finalThrough)}.`, ...lines] : lines;
}

/** A round whose first day has a match with no recorded time: say so, and give the first time that is recorded. */
function startsWithoutTime(matches: readonly Match[], start: number): string {
  const day = formatDay(new Date(start).toISOString().slice(0, 10));
  const known = matches
    .filter((m) => m.status !== 'postponed' && m.status !== 'cancelled' && m.kickoff !== null)
    .map((m) => Date.parse(m.kickoff!))
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => a - b)[0];
  return known === undefined
    ? `Starts ${day}; kickoff times not published.`
    : `Starts ${day}; not every kickoff time is published (the first published one is ${discordTime(known, 'F')}).`;
}

export function renderPreview(season: Season, round: PlanningRound): RenderedPost {
  const index = indexSeason(season);
  const matches = [...round.matches].sort(byKickoff);
  const timing = roundTiming(matches);
  const stage = matches[0]?.stage ?? null;
  const opening =
    timing === null
      ? 'No date is recorded for this round yet.'
      : timing.startTimeKnown
        ? `First kick-off ${discordTime(timing.start, 'F')} (${discordTime(timing.start, 'R')}). Times show in your own timezone.`
        : startsWithoutTime(matches, timing.start);
  // Said once for the round; the lines of those matches show their date only.
  const untimed = timing?.startTimeKnown === true && matches.some((m) => m.kickoff === null && m.date !== null);
  const openingText = untimed ? `${opening} Some kickoff times are not published; those matches show their date.` : opening;
  const sections: Section[] = [{ description: openingText, fields: [] }];

  if (stage === 'group') {
    const matchday = matches[0]?.matchday ?? 1;
    for (const group of groupsOf(matches)) {
      const inGroup = matches.filter((m) => m.group === group);
      const lines = inGroup.map((m) => previewLine(index, m, null));
      if (group !== null && matchday > 1) {
        const rows = tableBefore(season, group, matchday);
        if (rows.some((r) => r.played > 0)) {
          lines.push(`Table: ${rows.map((r) => `${r.position}. ${escapeText(index.teamName(r.team))} ${r.points}`).join(' · ')}`);
        }
      }
      sections.push({ fields: linesToFields(group === null ? 'Group stage' : `Group ${group}`, lines) });
    }
  } else {
    const lines = matches.map((m) => previewLine(index, m, firstLegOf(season, m)));
    sections.push({ fields: linesToFields('Fixtures', lines) });
  }

  return {
    messages: packPost({ title: `${escapeText(round.label)} — preview`, colour: stageColour(stage), footer: seasonFooter(season) }, sections),
    summary: `${round.label} preview: ${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`,
  };
}

// ---- Recap ----

/** "USM Alger **2–0** Al Hilal Benghazi", with the off-pitch, extra-time and shoot-out notes. */
export function resultText(index: SeasonIndex, m: Match): string {
  const home = escapeText(index.teamName(m.home));
  const away = escapeText(index.teamName(m.away));
  const outcome = matchOutcome(m);
  switch (outcome.kind) {
    case 'score': {
      const extras = [
        outcome.offPitch ? `awarded to ${escapeText(index.teamName(m.decision?.winner ?? ''))}` : null,
        m.extraTime ? 'a.e.t.' : null,
        m.penalties ? `${m.penalties.home}–${m.penalties.away} on penalties` : null,
      ].filter((x): x is string => x !== null);
      return `${home} **${outcome.score.home}–${outcome.score.away}** ${away}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
    }
    case 'winner_only':
      return `${home} v ${away}: awarded to ${escapeText(index.teamName(outcome.winner))}; the score was not published`;
    case 'unrecorded':
      return `${home} v ${away}: result not published`;
    case 'pending':
      return `${home} v ${away}: ${m.status === 'postponed' ? 'postponed' : m.status === 'scheduled' && m.resultNotPublished ? 'result not published' : 'no result yet'}`;
    case 'cancelled':
      return `${home} v ${away}: cancelled`;
  }
}

function recapLine(index: SeasonIndex, m: Match): string {
  const lines = [`• ${tiePrefix(m)}${resultText(index, m)}`];
  if (m.status === 'played') {
    for (const team of [m.home, m.away]) {
      const goals = goalsLine(
        m.goals.filter((g) => g.team === team),
        missingGoalsOf(m, team),
      );
      if (goals !== null) lines.push(`  ${escapeText(index.teamName(team))}: ${goals}`);
    }
  }
  return lines.join('\n');
}

function tableBlock(index: SeasonIndex, season: Season, rows: readonly StandingRow[]): string {
  const name = listNames(season.teams, index.teamName);
  const names = rows.map((r) => codeText(name(r.team)));
  // The column fits the longest name: a short name from the data where there is one, never a cut name.
  const width = Math.max(4, ...names.map((n) => Array.from(n).length));
  const lines = [`Pos ${padEnd('Team', width)} P  GD Pts`];
  rows.forEach((r, i) => {
    const gd = r.goalDifference > 0 ? `+${r.goalDifference}` : String(r.goalDifference);
    lines.push(`${padStart(String(r.position), 3)} ${padEnd(names[i] ?? '', width)} ${padStart(String(r.played), 1)} ${padStart(gd, 3)} ${padStart(String(r.points), 3)}`);
  });
  return `\`\`\`\n${lines.join('\n')}\n\`\`\``;
}

export function renderRecap(season: Season, round: PlanningRound): RenderedPost {
  const index = indexSeason(season);
  const matches = [...round.matches].sort(byKickoff);
  const stage = matches[0]?.stage ?? null;
  const sections: Section[] = [];
  let summary = `${round.label} recap: ${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`;

  if (stage === 'group') {
    const matchday = matches[0]?.matchday ?? 1;
    sections.push({ description: `Results of matchday ${matchday}.`, fields: [] });
    for (const group of groupsOf(matches)) {
      const inGroup = matches.filter((m) => m.group === group);
      const fields = linesToFields(group === null ? 'Results' : `Group ${group}`, inGroup.map((m) => recapLine(index, m)));
      if (group !== null) {
        const table = tableAfter(season, group, matchday);
        fields.push({ name: `Group ${group} table after matchday ${matchday}`, value: tableBlock(index, season, table.rows) });
        const fates = fatesSettled(season, index, group, matchday);
        if (fates.length > 0) fields.push({ name: '\u200b', value: truncate(fates.join('\n'), LIMITS.fieldValue) });
        if (table.unrecorded.length > 0) {
          fields.push({ name: '\u200b', value: truncate(`Incomplete: ${plural(table.unrecorded.length, 'result')} not published.`, LIMITS.fieldValue) });
        }
      }
      sections.push({ fields });
    }
  } else {
    sections.push({ fields: linesToFields('Results', matches.map((m) => recapLine(index, m))) });
    const secondLegs = matches.filter((m) => m.leg === 2 || (m.leg === null && m.status === 'walkover'));
    if (secondLegs.length > 0) {
      const lines: string[] = [];
      let champion: string | null = null;
      const name = (id: string): string => escapeText(index.teamName(id));
      for (const m of secondLegs) {
        const legs = season.matches.filter((o) => o.stage === m.stage && o.tie === m.tie);
        const tie = resolveTie(legs);
        const outcome = tieOutcome(tie, name, { competition: season.competition });
        lines.push(`• ${outcome ?? `${name(tie.teams[0])} v ${name(tie.teams[1])}: not decided yet`}`);
        if (stage === 'final' && tie.winner !== null) champion = index.teamName(tie.winner);
      }
      sections.push({ fields: linesToFields(stage === 'final' ? 'Final on aggregate' : 'Who goes through', lines) });
      if (stage === 'final') {
        const name = champion ?? (season.champion === null ? null : index.teamName(season.champion));
        sections.push({ fields: [{ name: '🏆 Champion', value: name === null ? 'not published' : `**${escapeText(name)}** win the ${escapeText(season.name)}` }] });
        if (name !== null) summary += `; champion ${name}`;
      }
    }
  }

  return {
    messages: packPost({ title: `${escapeText(round.label)} — results`, colour: stageColour(stage), footer: seasonFooter(season) }, sections),
    summary,
  };
}

// ---- Moved notice ----

const slotText = (slot: MatchSlot | null): string => {
  if (slot === null) return 'not in the schedule';
  if (slot.state === 'postponed') return '**postponed**';
  if (slot.state === 'cancelled') return '**cancelled**';
  return whenText(slot);
};

export function renderMoved(season: Season, round: PlanningRound, moves: readonly MatchMove[]): RenderedPost {
  const index = indexSeason(season);
  const lines = moves.map((move) => {
    const m = index.matchById.get(move.matchId);
    const name = m === undefined ? escapeText(move.matchId) : title(index, m);
    return `• ${name}: now ${slotText(move.after)} (was ${slotText(move.before)})`;
  });
  const stage = round.matches[0]?.stage ?? null;
  return {
    messages: packPost(
      { title: `${escapeText(round.label)} — schedule change`, colour: stageColour(stage), footer: seasonFooter(season) },
      [{ description: 'The schedule for this round changed in the data. Planned posts have moved with it.', fields: linesToFields('Changes', lines) }],
    ),
    summary: `${round.label}: ${moves.length} schedule ${moves.length === 1 ? 'change' : 'changes'}`,
  };
}

// ---- Test message ----

export function renderTestMessage(settings: { leads: readonly string[]; recap: boolean; roleId: string | null }): RenderedPost {
  const lines = [
    `Previews: ${settings.leads.length === 0 ? 'none' : settings.leads.map((l) => `${l} before`).join(', ')} each matchday or leg.`,
    `Recap after each round: ${settings.recap ? 'on' : 'off'}.`,
    `Role mentioned: ${settings.roleId === null ? 'none' : `<@&${settings.roleId}>`}.`,
  ];
  return {
    messages: [[clampEmbed({ title: 'Test: matchday announcements can post here', description: lines.join('\n'), color: 0x1565c0 })]],
    summary: 'test message',
  };
}

const byKickoff = (a: Match, b: Match): number => {
  const ka = a.kickoff ?? `${a.date ?? '9999-12-31'}T99`;
  const kb = b.kickoff ?? `${b.date ?? '9999-12-31'}T99`;
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** Checks a rendered post against Discord's limits; used by tests and as a guard before sending. */
export function fitsDiscordLimits(post: RenderedPost): boolean {
  return (
    post.messages.length > 0 &&
    post.messages.every(
      (embeds) =>
        embeds.length > 0 &&
        embeds.length <= LIMITS.embeds &&
        embeds.reduce((sum, e) => sum + embedLength(e), 0) <= LIMITS.total &&
        embeds.every(
          (e) =>
            (e.title?.length ?? 0) <= LIMITS.title &&
            (e.description?.length ?? 0) <= LIMITS.description &&
            (e.fields ?? []).length <= LIMITS.fields &&
            (e.fields ?? []).every((f) => f.name.length <= LIMITS.fieldName && f.value.length <= LIMITS.fieldValue && f.value.length > 0),
        ),
    )
  );
}
