// The competition's fixed shape (stages, rounds, groups) as table rows, without their season: the
// same for every season today, so the importer writes it from here (adding season_id) rather than
// from the season file. Formats as data will make it per season.
import { GROUPS, STAGE_KEY, STAGE_LABEL, STAGES, type GroupId, type Stage } from '../domain/types.js';
import type { groups, rounds, stages } from './schema.js';

const GROUP_MATCHDAYS = [1, 2, 3, 4, 5, 6] as const;
const LEGS = [1, 2] as const;

type WithoutSeason<T> = Omit<T, 'seasonId'>;

export const STAGE_ROWS: readonly WithoutSeason<typeof stages.$inferInsert>[] = STAGES.map((code, ordinal) => ({
  code,
  ordinal,
  name: STAGE_LABEL[code],
  format: code === 'group' ? 'round_robin' : 'two_legged',
}));

interface RoundShape {
  readonly stage: Stage;
  readonly matchday: number | null;
  readonly leg: number | null;
  readonly name: string;
}

export const ROUND_ROWS: readonly WithoutSeason<typeof rounds.$inferInsert>[] = STAGES.flatMap((stage): RoundShape[] =>
  stage === 'group'
    ? GROUP_MATCHDAYS.map((matchday) => ({ stage, matchday, leg: null, name: `Matchday ${matchday}` }))
    : LEGS.map((leg) => ({ stage, matchday: null, leg, name: `${STAGE_LABEL[stage]}, leg ${leg}` })),
).map((round, ordinal) => ({ id: requiredRoundId(round), ordinal, ...round }));

function requiredRoundId(round: RoundShape): string {
  const id = roundIdFor(round.stage, round.matchday, round.leg);
  if (id === null) throw new Error(`round of ${round.stage} has neither matchday nor leg`);
  return id;
}

export const GROUP_ROWS: readonly WithoutSeason<typeof groups.$inferInsert>[] = GROUPS.map((id: GroupId, ordinal) => ({ id, ordinal }));

/**
 * The round a match belongs to: `GS-MD3`, `QF-L1`, `F-L2`. Null when the match has no leg or
 * matchday (a walkover with no leg played).
 */
export function roundIdFor(stage: Stage, matchday: number | null, leg: number | null): string | null {
  if (stage === 'group') return matchday === null ? null : `${STAGE_KEY[stage]}-MD${matchday}`;
  return leg === null ? null : `${STAGE_KEY[stage]}-L${leg}`;
}
