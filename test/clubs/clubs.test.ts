import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { indexClubs, newClubId } from '../../src/clubs/match.js';
import { checkClubs, clubSchemas, type Club, type ClubInput } from '../../src/clubs/schema.js';

const club = (input: ClubInput): Club => clubSchemas().clubSchema.parse(input);

const CLUBS: Club[] = [
  club({ id: 'as-douanes-niger', name: 'AS Douanes Niger', aliases: ['AS Douanes Niamey', 'AS Douanes'], association: 'NIG' }),
  club({ id: 'as-douanes-mauritania', name: 'AS Douanes Mauritania', aliases: ['AS Douane', 'AS Douanes Nouakchott'], association: 'MTN' }),
  club({ id: 'sagrada-esperanca', name: 'Sagrada Esperança', shortName: 'Sagrada', aliases: ['GD Sagrada Esperança'], association: 'ANG' }),
  club({ id: 'al-hilal-benghazi', name: 'Al Hilal Benghazi', aliases: ['Al Hilal'], association: 'LBY' }),
  club({ id: 'al-hilal-omdurman', name: 'Al Hilal Omdurman', aliases: ['Al Hilal'], association: 'SDN' }),
];
const index = indexClubs(CLUBS);

describe('matching a printed name to a club: name or alias AND association', () => {
  const cases: [printed: string, code: string | null, expected: string][] = [
    ['AS Douanes', 'NIG', 'known as-douanes-niger'],
    ['as douanes niamey', 'NIG', 'known as-douanes-niger'],
    ['AS Douanes', 'BFA', 'new (same name as as-douanes-niger)'],
    ['AS Douane', 'MTN', 'known as-douanes-mauritania'],
    ['Sagrada Esperanca', 'ANG', 'known sagrada-esperanca'],
    ['GD  Sagrada-Esperança', 'ANG', 'known sagrada-esperanca'],
    ['Sagrada Esperança', 'COD', 'new (same name as sagrada-esperanca)'],
    ['Al Hilal', 'SDN', 'known al-hilal-omdurman'],
    ['Al Hilal', 'LBY', 'known al-hilal-benghazi'],
    ['Al Hilal', null, 'ambiguous al-hilal-benghazi al-hilal-omdurman'],
    ['AS Douanes', null, 'known as-douanes-niger'],
    ['Simba SC', 'TAN', 'new'],
  ];
  test.each(cases)('%s (%s) → %s', (printed, code, expected) => {
    const found = index.match(printed, code);
    const shown =
      found.kind === 'known'
        ? `known ${found.club.id}`
        : found.kind === 'ambiguous'
          ? `ambiguous ${found.candidates.map((c) => c.id).join(' ')}`
          : `new${found.sameNameElsewhere.length ? ` (same name as ${found.sameNameElsewhere.map((c) => c.id).join(', ')})` : ''}`;
    expect(shown).toBe(expected);
  });
});

describe('ids for new clubs', () => {
  test.each([
    ['AS Douanes', 'BFA', [], 'as-douanes'],
    ['AS Douanes', 'BFA', ['as-douanes'], 'as-douanes-bfa'],
    ['AS Douanes', 'BFA', ['as-douanes', 'as-douanes-bfa'], 'as-douanes-bfa-2'],
    ['CD 1º de Agosto', 'ANG', [], 'cd-1o-de-agosto'],
    ['Étoile du Sahel', 'TUN', [], 'etoile-du-sahel'],
  ] as const)('%s (%s) with %j taken → %s', (name, code, taken, id) => {
    expect(newClubId(name, code, new Set(taken))).toBe(id);
  });
});

describe('checks on data/clubs.json', () => {
  const base = { associations: [{ code: 'NIG', name: 'Niger' }, { code: 'BFA', name: 'Burkina Faso' }], clubs: [] as ClubInput[] };
  const cases: [what: string, clubs: ClubInput[], problem: RegExp | null][] = [
    ['two associations may share a name', [
      { id: 'as-douanes-niger', name: 'AS Douanes Niger', aliases: ['AS Douanes'], association: 'NIG' },
      { id: 'as-douanes', name: 'AS Douanes', aliases: [], association: 'BFA' },
    ], null],
    ['one association may not', [
      { id: 'as-douanes-niger', name: 'AS Douanes Niger', aliases: ['AS Douanes'], association: 'NIG' },
      { id: 'as-douanes-2', name: 'ASD Niamey', aliases: ['as douanes'], association: 'NIG' },
    ], /"as douanes" is also a name of clubs\[0\] \(AS Douanes Niger\) of the same association NIG/],
    ['ids are unique', [
      { id: 'x', name: 'Club X', aliases: [], association: 'NIG' },
      { id: 'x', name: 'Club Y', aliases: [], association: 'BFA' },
    ], /clubs\[1\]\.id: "x" is also clubs\[0\]\.id/],
    ['an id is a slug', [{ id: 'Club X', name: 'Club X', aliases: [], association: 'NIG' }], /expected a slug/],
    ['the association is listed', [{ id: 'x', name: 'Club X', aliases: [], association: 'MAR' }], /"MAR" is not in associations/],
    ['a short name is shorter', [{ id: 'x', name: 'Club X', shortName: 'Club X FC', aliases: [], association: 'NIG' }], /must be shorter/],
  ];
  test.each(cases)('%s', (_what, clubs, problem) => {
    const result = checkClubs({ ...base, clubs });
    if (problem === null) expect(result).toMatchObject({ ok: true });
    else expect(result.ok ? [] : result.problems.join('\n')).toMatch(problem);
  });

  test('the shipped data/clubs.json passes, and holds the 52 Confederation Cup clubs with their aliases', () => {
    const result = checkClubs(JSON.parse(readFileSync(new URL('../../data/clubs.json', import.meta.url), 'utf8')));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    const season = JSON.parse(readFileSync(new URL('../../data/seasons/caf-cc-2023-24.json', import.meta.url), 'utf8')) as {
      teams: { name: string; shortName: string | null; aliases: string[]; association: string }[];
      associations: { name: string; code: string | null }[];
    };
    const codeOf = new Map(season.associations.map((a) => [a.name, a.code]));
    for (const team of season.teams) {
      const found = result.file.clubs.find((c) => c.name === team.name);
      expect(found, team.name).toMatchObject({ shortName: team.shortName, aliases: team.aliases });
      if (codeOf.get(team.association)) expect(found?.association).toBe(codeOf.get(team.association));
    }
    const douanes = result.file.clubs.filter((c) => /^AS Douanes/.test(c.name)).map((c) => `${c.name} ${c.association} ${c.id}`);
    expect(douanes).toEqual(['AS Douanes Niger NIG as-douanes-niger', 'AS Douanes Mauritania MTN as-douanes-mauritania', 'AS Douanes BFA as-douanes']);
  });
});
