// resolveTeamOnce and findTeamOnce keep resolveTeam's answer per team list and folded query (issue 15):
// they must answer exactly as resolveTeam does (the team, or the same UserError naming the query as
// typed, with the same suggestions), asked once or again, and a new team list gets its own answer.
import { describe, expect, test } from 'vitest';
import { UserError } from '../../src/domain/errors.js';
import { findTeamOnce, resolveTeam, resolveTeamOnce } from '../../src/domain/names.js';
import type { Team } from '../../src/domain/types.js';
import { readSeasonFile, seasonFilesIn } from '../../src/season/read.js';
import { team } from './builders.js';

const teams = [
  team('zamalek', { name: 'Zamalek', aliases: ['Zamalek SC', 'الزمالك'] }),
  team('modern-future', { name: 'Modern Future', aliases: ['Future FC'] }),
  team('academica-do-lobito', { name: 'Académica do Lobito', aliases: ['APC Lobito'] }),
  team('rs-berkane', { name: 'RS Berkane', aliases: ['Renaissance Sportive de Berkane'] }),
  team('rivers-united', { name: 'Rivers United' }),
  team('supersport-united', { name: 'SuperSport United' }),
  team('sekhukhune-united', { name: 'Sekhukhune United' }),
  team('as-douanes-niger', { name: 'AS Douanes Niger' }),
];

/** What a call gives: the team's id, or the refusal's class, message and suggestions. */
const outcome = (resolve: () => Team): unknown => {
  try {
    return { id: resolve().id };
  } catch (err) {
    return { error: err instanceof UserError ? 'UserError' : String(err), message: (err as Error).message, suggestions: (err as UserError).suggestions };
  }
};

/** Both kept functions against resolveTeam, asked twice (the second from what was kept). */
const expectSameAsResolveTeam = (list: readonly Team[], query: string): void => {
  const expected = outcome(() => resolveTeam(list, query));
  for (const round of ['first', 'again']) {
    expect(outcome(() => resolveTeamOnce(list, query)), `${round}: ${query}`).toEqual(expected);
    const found = findTeamOnce(list, query);
    expect(found === undefined ? undefined : { id: found.id }, `${round}: ${query}`).toEqual('id' in (expected as object) ? expected : undefined);
  }
};

describe('resolveTeamOnce and findTeamOnce answer as resolveTeam', () => {
  test.each([
    'zamalek', 'ZAMALEK', 'Zamálek', ' zamalek ', 'الزمـــالك', 'Future FC', 'future', 'lobito', 'Berkane', 'berkan', 'rs-berkane',
    // Refusals: a typo, nothing at all, a blank, several equally good, a weak match only.
    'zamalk', 'Berkone', 'xyzzy', '', '   ', 'United', 'united', 'UNITED', 'ted', 'AS Douanes Mauritania',
  ])('GIVEN %j', (query) => {
    expectSameAsResolveTeam(teams, query);
  });

  test('GIVEN two spellings that fold alike THEN each refusal names the query as it was typed', () => {
    expect(outcome(() => resolveTeamOnce(teams, 'Zamalk'))).toMatchObject({ message: 'No team matches "Zamalk"', suggestions: ['Zamalek'] });
    expect(outcome(() => resolveTeamOnce(teams, 'ZAMALK'))).toMatchObject({ message: 'No team matches "ZAMALK"', suggestions: ['Zamalek'] });
  });

  test('GIVEN a new team list (a new data version) THEN its own answer, not the one kept for the old list', () => {
    expect(resolveTeamOnce(teams, 'Rivers').id).toBe('rivers-united');
    const without = teams.filter((t) => t.id !== 'rivers-united');
    expect(findTeamOnce(without, 'Rivers')).toBeUndefined();
    expectSameAsResolveTeam(without, 'Rivers');
    const renamed = teams.map((t) => (t.id === 'rivers-united' ? { ...t, name: 'Rivers Utd' } : t));
    expect(outcome(() => resolveTeamOnce(renamed, 'Rivers United'))).toEqual(outcome(() => resolveTeam(renamed, 'Rivers United')));
    expect(resolveTeamOnce(teams, 'Rivers United').id).toBe('rivers-united');
  });

  // Every shipped season's clubs asked of every shipped season's list (the default-season rule asks each
  // season whether it has the club): by id, by name, and by a typo of the name.
  const shipped = seasonFilesIn().map((file) => readSeasonFile(file).season);
  test.each(shipped.map((s) => [s.id, s] as const))('%s: every shipped club, by id, name and a typo', (_id, season) => {
    expect(season.teams.length).toBeGreaterThan(0);
    const queries = shipped.flatMap((s) => s.teams.flatMap((t) => [t.id, t.name, t.name.slice(0, -1)]));
    for (const query of new Set(queries)) expectSameAsResolveTeam(season.teams, query);
  });
});
