// Questions about a season's format (its stages, groups, matchdays, legs): every read model asks
// here instead of holding constants, so a season with three groups or a single-leg final just works.
import {
  GROUPS,
  isKnownStage,
  STAGE_KEY,
  STAGE_LABEL,
  STAGES,
  type GroupId,
  type GroupStageFormat,
  type KnownStage,
  type Season,
  type SeasonFormat,
  type Stage,
  type StageFormat,
  type StageKind,
  type TieStageFormat,
} from './types.js';

type HasFormat = Pick<Season, 'format'>;

const formatIndex = new WeakMap<SeasonFormat, ReadonlyMap<Stage, { stage: StageFormat; ordinal: number }>>();

function indexOf(format: SeasonFormat): ReadonlyMap<Stage, { stage: StageFormat; ordinal: number }> {
  let index = formatIndex.get(format);
  if (index === undefined) {
    index = new Map(format.stages.map((stage, ordinal) => [stage.code, { stage, ordinal }]));
    formatIndex.set(format, index);
  }
  return index;
}

/** The stage's format; undefined when the season has no such stage. */
export const stageFormat = (season: HasFormat, code: Stage): StageFormat | undefined => indexOf(season.format).get(code)?.stage;

/** The stage's place in the season (0 = played first); stages the format does not list sort last. */
export const stageOrdinal = (season: HasFormat, code: Stage): number => indexOf(season.format).get(code)?.ordinal ?? season.format.stages.length;

/** The stage codes in the order they are played. */
export const stageCodes = (season: HasFormat): readonly Stage[] => season.format.stages.map((s) => s.code);

export const stagesOfKind = (season: HasFormat, ...kinds: readonly StageKind[]): readonly Stage[] =>
  season.format.stages.filter((s) => kinds.includes(s.kind)).map((s) => s.code);

/** The season's group stage; null when it has none (a knockout-only competition). */
export const groupStage = (season: HasFormat): GroupStageFormat | null =>
  season.format.stages.find((s): s is GroupStageFormat => s.kind === 'group') ?? null;

/** Is this stage the season's group stage (a round robin)? */
export const isGroupStage = (season: HasFormat, code: Stage): boolean => stageFormat(season, code)?.kind === 'group';

/** The group labels in order; empty without a group stage. */
export const groupLabels = (season: HasFormat): readonly GroupId[] => groupStage(season)?.groups ?? [];

/** True when the season's group stage is one group fans see without a label (a league phase). */
export const hasUnnamedGroup = (season: HasFormat): boolean => groupStage(season)?.unnamed === true;

/**
 * A group as fans may see it: its label, or null for the unnamed group of a league phase (and for
 * no group). Renderers show the group stage's name where this is null, never the internal id.
 */
export const shownGroup = (season: HasFormat, group: GroupId | null): GroupId | null => (group === null || hasUnnamedGroup(season) ? null : group);

/** The group labels fans pick from: none for an unnamed group (there is one table, nothing to choose). */
export const shownGroupLabels = (season: HasFormat): readonly GroupId[] => (hasUnnamedGroup(season) ? [] : groupLabels(season));

/** The group stage's matchdays (1…n); 0 without a group stage. */
export const matchdayCount = (season: HasFormat): number => groupStage(season)?.matchdays ?? 0;

/** True for a knockout or qualifying stage played as one match per tie (a single-leg final). */
export const isSingleLeg = (season: HasFormat, code: Stage): boolean => {
  const stage = stageFormat(season, code);
  return stage !== undefined && stage.kind !== 'group' && stage.legs === 'single_leg';
};

/** The last stage, when it is a knockout round: its winner wins the competition. */
export const finalStage = (season: HasFormat): TieStageFormat | null => {
  const last = season.format.stages.at(-1);
  return last !== undefined && last.kind === 'knockout' ? last : null;
};

export const isFinalStage = (season: HasFormat, code: Stage): boolean => finalStage(season)?.code === code;

/** The short key of a stage in round ids: `R1`, `GS`, `QF`, `F`. */
export const stageKey = (season: HasFormat, code: Stage): string =>
  stageFormat(season, code)?.key ?? (isKnownStage(code) ? STAGE_KEY[code] : code.toUpperCase().replace(/[^A-Z0-9]/g, ''));

/** The stage's English name: the format's, else the house's for a known code, else the code. */
export const stageName = (season: HasFormat, code: Stage): string =>
  stageFormat(season, code)?.name ?? (isKnownStage(code) ? STAGE_LABEL[code] : code);

/** The first knockout round after the group stage (where the groups' teams go through to); null when none follows it. */
export const stageAfterGroups = (season: HasFormat): Stage | null => {
  const at = season.format.stages.findIndex((s) => s.kind === 'group');
  return at < 0 ? null : (season.format.stages.slice(at + 1).find((s) => s.kind === 'knockout')?.code ?? null);
};

/**
 * The CAF stage this one is, read from the format: its own code when the house knows it; for another
 * code, `final` when it is the season's final (its last knockout round), else the known stage whose
 * English name the format gives it ("Semi-finals"); null when none fits. Words and ranking points of
 * CAF's stages follow it.
 */
export const knownStageLike = (season: HasFormat, code: Stage): KnownStage | null => {
  if (isKnownStage(code)) return code;
  if (isFinalStage(season, code)) return 'final';
  const name = stageName(season, code);
  return STAGES.find((known) => STAGE_LABEL[known] === name) ?? null;
};

/** The stage played before this one (its winners feed this one); null for the first stage. */
export const previousStage = (season: HasFormat, code: Stage): Stage | null => {
  const ordinal = indexOf(season.format).get(code)?.ordinal;
  return ordinal === undefined || ordinal === 0 ? null : (season.format.stages[ordinal - 1]?.code ?? null);
};

/**
 * How many teams of each group go through: the first knockout round after the group stage needs two
 * teams a tie, and ties halve round by round to one in the final (quarter-finals: 8 teams, semi-finals: 4,
 * final: 2). `direct` places go through from every group; `bestPlaced` more come from the teams placed
 * `direct + 1` (the best runners-up when three groups send four teams). Null without a knockout stage
 * after the groups.
 */
export function advancing(season: HasFormat): { readonly direct: number; readonly bestPlaced: number } | null {
  const groups = groupStage(season);
  if (groups === null || groups.groups.length === 0) return null;
  const after = season.format.stages.slice(indexOf(season.format).get(groups.code)?.ordinal ?? 0).filter((s) => s.kind === 'knockout');
  if (after.length === 0) return null;
  const teams = 2 ** after.length;
  const direct = Math.floor(teams / groups.groups.length);
  return { direct, bestPlaced: teams - direct * groups.groups.length };
}

/**
 * The round a match belongs to: `GS-MD3`, `QF-L1`, `F` (a single-leg round), `F-L2`. Null when the
 * match has no matchday or leg where its stage needs one (a walkover with no leg played).
 */
export function roundIdFor(season: HasFormat, stage: Stage, matchday: number | null, leg: number | null): string | null {
  const key = stageKey(season, stage);
  const format = stageFormat(season, stage);
  if (format?.kind === 'group') return matchday === null ? null : `${key}-MD${matchday}`;
  if (format?.legs === 'single_leg') return key;
  return leg === null ? null : `${key}-L${leg}`;
}

/** What the house assumes of a known stage code when a file gives no format (see `deriveFormat`). */
const KNOWN_KIND: Readonly<Record<KnownStage, StageKind>> = {
  first_round: 'qualifying',
  second_round: 'qualifying',
  group: 'group',
  quarter_final: 'knockout',
  semi_final: 'knockout',
  final: 'knockout',
};

export interface FormatEvidence {
  readonly stage: Stage;
  readonly group: GroupId | null;
  readonly matchday: number | null;
  readonly leg: number | null;
}

/**
 * The format of a season file that declares none (files written before formats were data), by one
 * rule: the stages its matches, teams' entry rounds and calendar use (`alsoNamed`), in the CAF order (first round, second round, group stage,
 * quarter-finals, semi-finals, final); a round is single-leg when it has matches and none of them
 * names a leg (every one a single match), else two-legged as CAF plays it; the groups are the group records' labels in CAF
 * order (A–D first), and matchdays the most any match has (at least 6 for groups of four). Returns
 * null when a match names a stage the house does not know: such a file must declare its format.
 */
export function deriveFormat(matches: readonly FormatEvidence[], groupIds: readonly GroupId[], alsoNamed: readonly Stage[] = []): SeasonFormat | null {
  const used = new Set(matches.map((m) => m.stage));
  if ([...used].some((code) => !isKnownStage(code))) return null;
  // An unknown code elsewhere is that record's mistake, reported against the derived format.
  for (const code of alsoNamed) if (isKnownStage(code)) used.add(code);
  const stages = STAGES.filter((code) => used.has(code) || (code === 'group' && groupIds.length > 0)).map((code): StageFormat => {
    const base = { code, name: STAGE_LABEL[code], key: STAGE_KEY[code] };
    if (KNOWN_KIND[code] === 'group') {
      const caf = GROUPS.filter((g) => groupIds.includes(g));
      const labels = [...caf, ...groupIds.filter((g) => !caf.includes(g as (typeof GROUPS)[number]))];
      const most = Math.max(0, ...matches.filter((m) => m.stage === code).map((m) => m.matchday ?? 0));
      return { ...base, kind: 'group', groups: labels, matchdays: Math.max(most, 6) };
    }
    const own = matches.filter((m) => m.stage === code);
    const single = own.length > 0 && own.every((m) => m.leg === null);
    return { ...base, kind: KNOWN_KIND[code] === 'qualifying' ? 'qualifying' : 'knockout', legs: single ? 'single_leg' : 'two_legged' };
  });
  return { stages, tiebreak: 'caf' };
}
