import { describe, expect, test } from 'vitest';
import { editDistance, normalizeName, resolveTeam, searchPlayers, searchTeams } from '../../src/domain/names.js';
import { UserError } from '../../src/domain/errors.js';
import { team } from './builders.js';

const teams = [
  team('zamalek', { name: 'Zamalek', aliases: ['Zamalek SC'] }),
  team('modern-future', { name: 'Modern Future', aliases: ['Future FC'] }),
  team('academica-do-lobito', { name: 'Académica do Lobito', aliases: ['APC Lobito'] }),
  team('academie-soar', { name: 'Académie SOAR', aliases: ['SOAR Coyah'] }),
  team('usm-alger', { name: 'USM Alger', aliases: ['USMA'] }),
  team('rs-berkane', { name: 'RS Berkane', aliases: ['Renaissance Sportive de Berkane'] }),
  team('dreams-f-c', { name: 'Dreams F.C.', aliases: ['Dreams FC'] }),
  team('rivers-united', { name: 'Rivers United' }),
  team('supersport-united', { name: 'SuperSport United' }),
  team('sekhukhune-united', { name: 'Sekhukhune United' }),
  team('as-douanes-niger', { name: 'AS Douanes Niger' }),
  team('as-douanes-mauritania', { name: 'AS Douanes Mauritania' }),
];

describe('normalizeName', () => {
  test.each([
    ['Zamálek', 'zamalek'],
    ['  ZAMALEK  ', 'zamalek'],
    ['Dreams F.C.', 'dreams f c'],
    ["Union Sportive de la Médina d'Alger", 'union sportive de la medina d alger'],
    ['Saint-Éloi   Lupopo', 'saint eloi lupopo'],
    ['الزمالك', 'الزمالك'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  // What Arabic search engines fold: harakat and the hamza on alef (already), the tatweel stretch,
  // teh marbuta as heh and alef maqsura as yeh (spelled either way by fans).
  test.each([
    ['tatweel is ignored', 'الزمـــالك', 'الزمالك'],
    ['a single tatweel', 'الزمـالك', 'الزمالك'],
    ['harakat are dropped', 'الزَّمَالِك', 'الزمالك'],
    ['hamza on alef is folded', 'النادي الإفريقي', 'النادي الافريقي'],
    ['teh marbuta reads as heh', 'نهضة بركان', 'نهضه بركان'],
    ['alef maqsura reads as yeh', 'الأهلى', 'الاهلي'],
    ['all at once', 'نهضـــة', 'نهضه'],
  ])('Arabic: %s (%s → %s)', (_name, input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('Arabic queries', () => {
  const arabic = [
    team('zamalek', { name: 'Zamalek', aliases: ['الزمالك'] }),
    team('rs-berkane', { name: 'RS Berkane', aliases: ['نهضة بركان'] }),
    team('club-africain', { name: 'Club Africain', aliases: ['النادي الإفريقي'] }),
    team('al-ahly', { name: 'Al Ahly', aliases: ['الأهلي'] }),
  ];
  test.each([
    { query: 'الزمـــالك', id: 'zamalek' },
    { query: 'الزمالك', id: 'zamalek' },
    { query: 'نهضه بركان', id: 'rs-berkane' },
    { query: 'نهضـة', id: 'rs-berkane' },
    { query: 'النادي الافريقي', id: 'club-africain' },
    { query: 'الاهلى', id: 'al-ahly' },
  ])('GIVEN $query THEN $id is found and resolved', ({ query, id }) => {
    expect(searchTeams(arabic, query).map((t) => t.id)).toEqual([id]);
    expect(resolveTeam(arabic, query).id).toBe(id);
  });
});

describe('resolveTeam', () => {
  test.each([
    ['zamalek', 'zamalek'],
    ['ZAMALEK', 'zamalek'],
    ['Zamálek', 'zamalek'],
    ['Future FC', 'modern-future'],
    ['future', 'modern-future'],
    ['APC Lobito', 'academica-do-lobito'],
    ['lobito', 'academica-do-lobito'],
    ['SOAR Coyah', 'academie-soar'],
    ['soar', 'academie-soar'],
    ['USMA', 'usm-alger'],
    ['usm', 'usm-alger'],
    ['Berkane', 'rs-berkane'],
    ['rs-berkane', 'rs-berkane'],
    ['Dreams', 'dreams-f-c'],
    ['Dreams FC', 'dreams-f-c'],
    ['supersport', 'supersport-united'],
    ['Super Sport United', 'supersport-united'],
    ['Rivers', 'rivers-united'],
    ['berkan', 'rs-berkane'],
  ])('GIVEN %j THEN %s', (query, id) => {
    expect(resolveTeam(teams, query).id).toBe(id);
  });

  test.each([
    { query: 'zamalk', message: 'No team matches "zamalk"', suggestions: ['Zamalek'] },
    { query: 'Berkone', message: 'No team matches "Berkone"', suggestions: ['RS Berkane'] },
    { query: 'xyzzy', message: 'No team matches "xyzzy"', suggestions: [] },
    { query: '', message: 'No team matches ""', suggestions: [] },
    {
      query: 'United',
      message: 'More than one team matches "United"',
      suggestions: ['Rivers United', 'Sekhukhune United', 'SuperSport United'],
    },
    { query: 'AS Douanes', message: 'More than one team matches "AS Douanes"', suggestions: ['AS Douanes Mauritania', 'AS Douanes Niger'] },
  ])('GIVEN $query THEN UserError "$message" suggesting $suggestions', ({ query, message, suggestions }) => {
    let error: unknown;
    try {
      resolveTeam(teams, query);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(message);
    expect((error as UserError).suggestions).toEqual(suggestions);
  });
});

describe('searchTeams', () => {
  test.each([
    { query: 'united', expected: ['Rivers United', 'Sekhukhune United', 'SuperSport United'] },
    { query: 'sup', expected: ['SuperSport United'] },
    { query: 'zamlek', expected: ['Zamalek'] },
    { query: 'acad', expected: ['Académica do Lobito', 'Académie SOAR'] },
    {
      // One letter: no typo matching. Prefixes of a name or alias first, then word prefixes, then substrings.
      query: 'S',
      expected: [
        'Académie SOAR',
        'Sekhukhune United',
        'SuperSport United',
        'RS Berkane',
        'Zamalek',
        'AS Douanes Mauritania',
        'AS Douanes Niger',
        'Dreams F.C.',
        'Rivers United',
        'USM Alger',
      ],
    },
  ])('GIVEN $query THEN $expected', ({ query, expected }) => {
    expect(searchTeams(teams, query).map((t) => t.name)).toEqual(expected);
  });

  // Typos allowed grow with the query: none up to 3 characters, 1 up to 5, then 2 — never 3.
  test.each([
    { query: 'zamalkk', typos: 2, expected: ['Zamalek'] },
    { query: 'zomolek', typos: 2, expected: ['Zamalek'] },
    { query: 'zomolok', typos: 3, expected: [] },
    { query: 'berkxnx', typos: 2, expected: ['RS Berkane'] },
    { query: 'bxrkxnx', typos: 3, expected: [] },
    { query: 'zamlk', typos: 2, expected: [] },
  ])('GIVEN $query ($typos typos) THEN $expected', ({ query, expected }) => {
    expect(searchTeams(teams, query).map((t) => t.name)).toEqual(expected);
  });

  test('GIVEN a limit THEN at most that many, best first', () => {
    expect(searchTeams(teams, 'a', 2)).toHaveLength(2);
  });

  test('GIVEN an exact name THEN it ranks before prefix matches', () => {
    const list = [team('x', { name: 'Stade' }), team('y', { name: 'Stade Malien' })];
    expect(searchTeams(list, 'stade').map((t) => t.id)).toEqual(['x', 'y']);
  });
});

describe('searchPlayers', () => {
  const players = ['Abdoulaye Kanou', 'Abdul Aziz Issah', 'Paul Valère Bassène', 'Ahmed Sayed \'Zizo\'', 'John Antwi'];
  test.each([
    { query: 'bassene', expected: ['Paul Valère Bassène'] },
    { query: 'abd', expected: ['Abdoulaye Kanou', 'Abdul Aziz Issah'] },
    { query: 'zizo', expected: ["Ahmed Sayed 'Zizo'"] },
    { query: 'kanu', expected: ['Abdoulaye Kanou'] },
    { query: 'nobody at all', expected: [] },
  ])('GIVEN $query THEN $expected', ({ query, expected }) => {
    expect(searchPlayers(players, query)).toEqual(expected);
  });
});

describe('editDistance', () => {
  test.each([
    ['zamalek', 'zamalek', 0],
    ['zamalk', 'zamalek', 1],
    ['zamlaek', 'zamalek', 1],
    ['kanu', 'kanou', 1],
    ['abc', 'xyz', 3],
  ])('%s ~ %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});
