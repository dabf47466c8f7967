import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { indexClubs } from '../../src/clubs/match.js';
import { bundledClubNames, clubNamesByLanguage, CLUBS_FILE } from '../../src/clubs/names.js';
import { checkClubs, clubSchemas, type ClubInput } from '../../src/clubs/schema.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

// Club names in other languages: sourced, listed among the aliases, keyed by the name seasons print.

const base = { associations: [{ code: 'EGY', name: 'Egypt' }, { code: 'NIG', name: 'Niger' }, { code: 'BFA', name: 'Burkina Faso' }] };
const zamalek: ClubInput = { id: 'zamalek', name: 'Zamalek', aliases: ['الزمالك'], association: 'EGY' };

describe('checks on names in other languages', () => {
  const cases: [what: string, club: ClubInput, problem: RegExp | null][] = [
    ['a sourced name that is an alias', { ...zamalek, names: { ar: 'الزمالك' }, nameSources: { ar: ['https://example.org/a'] } }, null],
    ['a name needs its sources', { ...zamalek, names: { ar: 'الزمالك' } }, /names\.ar: "الزمالك" needs its sources in nameSources\.ar/],
    ['sources need their name', { ...zamalek, nameSources: { fr: ['https://example.org/a'] } }, /nameSources\.fr: sources for a name that names\.fr does not give/],
    ['an empty source list', { ...zamalek, names: { ar: 'الزمالك' }, nameSources: { ar: [] } }, /nameSources\.ar/],
    ['a name that is the club name', { ...zamalek, names: { fr: 'Zamalek' }, nameSources: { fr: ['x'] } }, /names\.fr: "Zamalek" is the club's name/],
    ['a name fans could not type', { ...zamalek, names: { pt: 'Zamaleque' }, nameSources: { pt: ['x'] } }, /names\.pt: "Zamaleque" is not among the club's aliases/],
    ['an unknown language', { ...zamalek, names: { de: 'Samalek' } as never }, /names/],
  ];
  test.each(cases)('%s', (_what, club, problem) => {
    const result = checkClubs({ ...base, clubs: [club] });
    if (problem === null) expect(result).toMatchObject({ ok: true });
    else expect(result.ok ? [] : result.problems.join('\n')).toMatch(problem);
  });
});

describe('names by language', () => {
  test('keyed by the printed name, per language; a name two clubs share gets none', () => {
    const names = clubNamesByLanguage(
      [
        { ...zamalek, names: { ar: 'الزمالك' }, nameSources: { ar: ['x'] } },
        { id: 'as-douanes', name: 'AS Douanes', aliases: ['الجمارك'], association: 'NIG', names: { ar: 'الجمارك' }, nameSources: { ar: ['x'] } },
        { id: 'as-douanes-bfa', name: 'AS Douanes', aliases: [], association: 'BFA' },
        { id: 'x', name: 'Club X', shortName: 'X', aliases: ['Clube X'], association: 'BFA', names: { pt: 'Clube X' }, nameSources: { pt: ['x'] } },
      ].map((c) => clubSchemas().clubSchema.parse(c)),
    );
    expect([...names.keys()].sort()).toEqual(['ar', 'pt']);
    expect([...(names.get('ar') ?? [])]).toEqual([['Zamalek', 'الزمالك']]);
    // The short name a fixture line prints leads to the club too.
    expect([...(names.get('pt') ?? [])]).toEqual([['Club X', 'Clube X'], ['X', 'Clube X']]);
  });

  test('the shipped file: the three Arabic names the research gives, each with a source', () => {
    expect([...(bundledClubNames().get('ar') ?? [])].sort()).toEqual([
      ['Club Africain', 'النادي الإفريقي'],
      ['RS Berkane', 'نهضة بركان'],
      ['Zamalek', 'الزمالك'],
    ]);
    expect(bundledClubNames().get('fr')).toBeUndefined();
    expect(bundledClubNames().get('pt')).toBeUndefined();
  });
});

/** Every season file shipped in data/, wherever the season files live (a JSON file with teams). */
const seasonFiles = (dir = join(PACKAGE_ROOT, 'data')): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // data/sandbox/ holds an invented season for the sandbox (its clubs are made up, not in clubs.json).
    if (entry.isDirectory()) return entry.name === 'sandbox' ? [] : seasonFiles(path);
    if (!entry.name.endsWith('.json') || path === CLUBS_FILE) return [];
    return Array.isArray((JSON.parse(readFileSync(path, 'utf8')) as { teams?: unknown }).teams) ? [path] : [];
  });

test('every team of every season file maps to a club whose name is the team name (so names keyed by it reach the right club)', () => {
  const checked = checkClubs(JSON.parse(readFileSync(CLUBS_FILE, 'utf8')));
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  const index = indexClubs(checked.file.clubs);
  const codeOf = new Map(checked.file.associations.map((a) => [a.name, a.code]));
  const files = seasonFiles();
  expect(files.length).toBeGreaterThanOrEqual(2);
  for (const file of files) {
    const season = JSON.parse(readFileSync(file, 'utf8')) as { teams: { name: string; association: string }[] };
    for (const team of season.teams) {
      const found = index.match(team.name, codeOf.get(team.association) ?? null);
      expect(found.kind === 'known' ? found.club.name : found.kind, `${file}: ${team.name}`).toBe(team.name);
    }
  }
});
