// The ranking points per achievement and the season coefficients, as the seed prints them (the
// 2023–24 Confederation Cup article's table: African Football League, Champions League and
// Confederation Cup columns; coefficients 2023–24 ×5 … 2019–20 ×1). The season file keeps one
// column under `rankingCriteria.confederationCup` (the schema's name for it until formats are data).
import type { SeasonFileInput } from '../season/schema.js';

const SEED = 'seed 000_960979acb82d6ea3.txt';

const COLUMNS = new Map<string, { winners: number; runnersUp: number; semiFinalists: number; quarterFinalists: number; groupThird: number; groupFourth: number }>([
  ['African Football League', { winners: 7, runnersUp: 6, semiFinalists: 5, quarterFinalists: 4, groupThird: 3, groupFourth: 2 }],
  ['CAF Champions League', { winners: 6, runnersUp: 5, semiFinalists: 4, quarterFinalists: 3, groupThird: 2, groupFourth: 1 }],
  ['CAF Confederation Cup', { winners: 5, runnersUp: 4, semiFinalists: 3, quarterFinalists: 2, groupThird: 1, groupFourth: 0.5 }],
]);

const COEFFICIENTS = new Map<string, number>([
  ['2023-24', 5],
  ['2022-23', 4],
  ['2021-22', 3],
  ['2020-21', 2],
  ['2019-20', 1],
]);

/** The criteria for a competition and season label, or why there are none. */
export function rankingCriteriaFor(competition: string, label: string): SeasonFileInput['rankingCriteria'] | { problem: string } {
  const column = COLUMNS.get(competition);
  const coefficient = COEFFICIENTS.get(label.replace('/', '-'));
  if (!column) return { problem: `no sourced ranking points for the competition "${competition}" (known: ${[...COLUMNS.keys()].join(', ')})` };
  if (coefficient === undefined) return { problem: `no sourced ranking coefficient for the season ${label} (the seed lists 2019-20 to 2023-24)` };
  return {
    confederationCup: column,
    seasonCoefficient: coefficient,
    note: `The seed's ${competition} column (points per achievement) and its coefficient for ${label} (×${coefficient}), from its 2019–2024 list. The field is named confederationCup because the season schema still has one competition's column; for this season it holds the ${competition} column.`,
    sources: [SEED],
  };
}
