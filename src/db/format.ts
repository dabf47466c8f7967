// A season's format (stages, rounds, groups) as table rows, and back. The importer writes the rows
// from the season's `format`; season-repo.ts rebuilds the format from them.
import { roundIdFor } from '../domain/format.js';
import type { GroupId, Season, SeasonFormat, StageFormat, StageKind, TiebreakRuleSet } from '../domain/types.js';
import type { groups, rounds, stages } from './schema.js';

type WithoutSeason<T> = Omit<T, 'seasonId'>;
export type StageRow = WithoutSeason<typeof stages.$inferInsert>;
export type RoundRow = WithoutSeason<typeof rounds.$inferInsert>;
export type GroupRow = WithoutSeason<typeof groups.$inferInsert>;

const LEGS = [1, 2] as const;

export function stageRows(season: Pick<Season, 'format'>): StageRow[] {
  return season.format.stages.map((stage, ordinal) => ({
    code: stage.code,
    ordinal,
    name: stage.name,
    format: stage.kind === 'group' ? 'round_robin' : stage.legs,
    kind: stage.kind,
    key: stage.key,
    unnamedGroup: stage.kind === 'group' && stage.unnamed === true,
  }));
}

/** Every round of the format: a group stage's matchdays, a two-legged round's legs, a single-leg round itself. */
export function roundRows(season: Pick<Season, 'format'>): RoundRow[] {
  const shapes = season.format.stages.flatMap((stage): { stage: string; matchday: number | null; leg: number | null; name: string }[] => {
    if (stage.kind === 'group') {
      return Array.from({ length: stage.matchdays }, (_, i) => ({ stage: stage.code, matchday: i + 1, leg: null, name: `Matchday ${i + 1}` }));
    }
    if (stage.legs === 'single_leg') return [{ stage: stage.code, matchday: null, leg: null, name: stage.name }];
    return LEGS.map((leg) => ({ stage: stage.code, matchday: null, leg, name: `${stage.name}, leg ${leg}` }));
  });
  return shapes.map((round, ordinal) => ({ id: roundIdFor(season, round.stage, round.matchday, round.leg) ?? round.stage, ordinal, ...round }));
}

export function groupRows(season: Pick<Season, 'format'>): GroupRow[] {
  const stage = season.format.stages.find((s) => s.kind === 'group');
  return (stage?.kind === 'group' ? stage.groups : []).map((id, ordinal) => ({ id, ordinal }));
}

type StoredStage = Pick<StageRow, 'code' | 'ordinal' | 'name' | 'format'> & Partial<Pick<StageRow, 'kind' | 'key' | 'unnamedGroup'>>;

/**
 * The format rebuilt from its rows. A stage's kind and key and the season's tiebreak are stored
 * (migration 0014); rows written before that hold null there and are read by rule: a round robin is
 * the group stage, rounds before it are qualifying rounds and rounds after it knockout rounds; without
 * a group stage, `first_round`/`second_round` are qualifying and every other round knockout. The key
 * is then the part of the stage's round ids before the first dash (`QF-L1` → `QF`), and the tiebreak
 * `caf`, the only rule set there was.
 */
export function formatFromRows(
  stageList: readonly StoredStage[],
  roundList: readonly Pick<RoundRow, 'id' | 'stage' | 'matchday'>[],
  groupList: readonly Pick<GroupRow, 'id' | 'ordinal'>[],
  tiebreak: TiebreakRuleSet | null = null,
): SeasonFormat {
  const ordered = [...stageList].sort((a, b) => a.ordinal - b.ordinal);
  const groupAt = ordered.findIndex((s) => s.format === 'round_robin');
  const labels: GroupId[] = [...groupList].sort((a, b) => a.ordinal - b.ordinal).map((g) => g.id);
  const stagesOut = ordered.map((row, i): StageFormat => {
    const own = roundList.filter((r) => r.stage === row.code);
    const key = row.key ?? own[0]?.id.split('-')[0] ?? row.code.toUpperCase();
    if (row.format === 'round_robin') {
      const matchdays = Math.max(1, ...own.map((r) => r.matchday ?? 0));
      return { code: row.code, name: row.name, key, kind: 'group', groups: labels, matchdays, ...(row.unnamedGroup === true ? { unnamed: true } : {}) };
    }
    const byRule: StageKind =
      groupAt >= 0 ? (i < groupAt ? 'qualifying' : 'knockout') : row.code === 'first_round' || row.code === 'second_round' ? 'qualifying' : 'knockout';
    const kind = row.kind === 'qualifying' || row.kind === 'knockout' ? row.kind : byRule;
    return { code: row.code, name: row.name, key, kind, legs: row.format === 'single_leg' ? 'single_leg' : 'two_legged' };
  });
  return { stages: stagesOut, tiebreak: tiebreak ?? 'caf' };
}
