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

/** The weight of the most recent season in CAF's 5-year ranking (the seed's list: 2023–24 ×5). */
const MOST_RECENT = 5;
const LATEST_LISTED = '2023-24';

/**
 * The CAF season a label counts in: a one-year competition played in the second half of a year (the
 * African Football League 2023, October–November) belongs to the season that starts that year.
 */
const cafSeasonOf = (label: string): string => {
  const normal = label.replace('/', '-');
  const year = /^(\d{4})$/.exec(normal)?.[1];
  return year === undefined ? normal : `${year}-${String((Number(year) + 1) % 100).padStart(2, '0')}`;
};

/** The criteria for a competition and season label, or why there are none. */
export function rankingCriteriaFor(competition: string, label: string): SeasonFileInput['rankingCriteria'] | { problem: string } {
  const column = COLUMNS.get(competition);
  const season = cafSeasonOf(label);
  const listed = COEFFICIENTS.get(season);
  if (!column) return { problem: `no sourced ranking points for the competition "${competition}" (known: ${[...COLUMNS.keys()].join(', ')})` };
  // A season after the seed's list weighs what the most recent season weighs in the ranking that first counts it.
  const later = listed === undefined && /^\d{4}-\d{2}$/.test(season) && season > LATEST_LISTED;
  if (listed === undefined && !later) return { problem: `no sourced ranking coefficient for the season ${label} (the seed lists 2019-20 to 2023-24)` };
  const coefficient = listed ?? MOST_RECENT;
  const schemaNote = `The field is named confederationCup because the season schema still has one competition's column; for this season it holds the ${competition} column.`;
  const counted = season === label.replace('/', '-') ? '' : ` A one-year season (${label}) counts in the CAF season that starts that year, ${season}.`;
  const note = later
    ? `The seed's ${competition} column (points per achievement). The seed's coefficients stop at ${LATEST_LISTED} (the most recent season ×${MOST_RECENT}); ${season} is not in its list, so it has ×${MOST_RECENT}, the weight of the most recent season in the ranking that first counts it (an inference from the seed's list, not a published figure). ${schemaNote}`
    : `The seed's ${competition} column (points per achievement) and its coefficient for ${season} (×${coefficient}), from its 2019–2024 list.${counted} ${schemaNote}`;
  return {
    confederationCup: column,
    seasonCoefficient: coefficient,
    note,
    sources: [SEED],
  };
}
