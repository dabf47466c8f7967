// The `format` of a season file: what it accepts, what it refuses (each problem with its JSON path),
// and the rule that gives a file without one its format.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fromPackageRoot } from '../../src/package-root.js';
import { parseSeason, SeasonFileError } from '../../src/season/parse.js';

const constructedJson = (): Record<string, unknown> =>
  JSON.parse(readFileSync(fromPackageRoot('test', 'fixtures', 'seasons', 'constructed-3-groups.json'), 'utf8')) as Record<string, unknown>;
const shippedJson = (): Record<string, unknown> =>
  JSON.parse(readFileSync(fromPackageRoot('data', 'seasons', 'caf-cc-2023-24.json'), 'utf8')) as Record<string, unknown>;

type Json = Record<string, unknown> & { format: { stages: Record<string, unknown>[]; tiebreak: unknown }; matches: Record<string, unknown>[]; teams: Record<string, unknown>[]; calendar: Record<string, unknown>[] };

const problems = (edit: (file: Json) => void): { path: string; message: string }[] => {
  const file = constructedJson() as Json;
  edit(file);
  try {
    parseSeason(file, 'edited.json');
  } catch (err) {
    if (err instanceof SeasonFileError) return err.problems.map((p) => ({ path: p.path, message: p.message }));
    throw err;
  }
  return [];
};

const matchIndex = (file: Json, id: string): number => file.matches.findIndex((m) => m['id'] === id);

describe('a format the parser refuses, with the path of each problem', () => {
  test.each([
    ['an unknown tiebreak rule set', (f: Json): void => void (f.format.tiebreak = 'uefa'), 'format.tiebreak', /unknown tiebreak rule set \(known: caf\)/],
    ['two stages with one code', (f: Json): void => void (f.format.stages[3]!['code'] = 'semi_final'), 'format.stages[3].code', /also format.stages\[2\]/],
    ['two stages with one key', (f: Json): void => void (f.format.stages[3]!['key'] = 'SF'), 'format.stages[3].key', /also the key of format.stages\[2\]/],
    ['a knockout round before the groups', (f: Json): void => void (f.format.stages[0]!['kind'] = 'knockout'), 'format.stages[0].kind', /comes after the group stage/],
    ['a group listed twice', (f: Json): void => void ((f.format.stages[1]!['groups'] as string[])[2] = 'A'), 'format.stages[1].groups[2]', /listed twice/],
    ['a stage code in capitals', (f: Json): void => void (f.format.stages[0]!['code'] = 'Round1'), 'format.stages[0].code', /stage code like/],
    ['more matchdays than a season has', (f: Json): void => void (f.format.stages[1]!['matchdays'] = 39), 'format.stages[1].matchdays', /38/],
  ] as const)('%s', (_what, edit, path, message) => {
    const found = problems(edit);
    expect(found.map((p) => p.path)).toContain(path);
    expect(found.find((p) => p.path === path)?.message).toMatch(message);
  });

  test.each([
    ['a match in a stage the format does not have', (f: Json): void => void (f.matches[0]!['stage'] = 'quarter_final'), 'matches[0].stage', /unknown stage "quarter_final" \(the format's stages: first_round, group, semi_final, final\)/],
    ['a match in a group the format does not have', (f: Json): void => void (f.matches[matchIndex(f, 'GA-MD1-1')]!['group'] = 'D'), 'matches[8].group', /unknown group "D" \(the format's groups: A, B, C\)/],
    ['a matchday past the format\'s', (f: Json): void => void (f.matches[matchIndex(f, 'GA-MD1-1')]!['matchday'] = 7), 'matches[8].matchday', /has 6 matchdays/],
    ['a leg in a single-leg round', (f: Json): void => void (f.matches[matchIndex(f, 'F')]!['leg'] = 1), `matches[48].leg`, /single match/],
    ['a team entering in a knockout round', (f: Json): void => void (f.teams[8]!['entryRound'] = 'final'), 'teams[8].entryRound', /a qualifying round, the group stage or the first round of the format/],
    ['a calendar entry for an unknown stage', (f: Json): void => void (f.calendar[1]!['stage'] = 'second_round'), 'calendar[1].stage', /unknown stage "second_round"/],
    ['a team with a bye playing the round before', (f: Json): void => void (f.teams[0]!['entryRound'] = 'group'), 'matches[0].home', /had a bye \(entryRound group\) but plays a first_round match/],
  ] as const)('%s', (_what, edit, path, message) => {
    const found = problems(edit);
    expect(found.map((p) => p.path)).toContain(path);
    expect(found.find((p) => p.path === path)?.message).toMatch(message);
  });

  test('the constructed file itself has no problem', () => {
    expect(problems(() => undefined)).toEqual([]);
  });
});

describe('a file without a format', () => {
  test('a shipped season without its format gets the same one by the rule (stages its data uses, in the CAF order)', () => {
    const withFormat = parseSeason(shippedJson(), 'cc.json').season;
    const without = shippedJson();
    delete without['format'];
    expect(parseSeason(without, 'cc-without.json').season.format).toEqual(withFormat.format);
  });

  test('a file whose matches use stages the house does not know must declare its format', () => {
    const file = constructedJson() as Json;
    delete (file as Record<string, unknown>)['format'];
    for (const m of file.matches) if (m['stage'] === 'semi_final') m['stage'] = 'play_off';
    expect(() => parseSeason(file, 'no-format.json')).toThrow(/format: is missing: a season whose stages are not the CAF ones must declare its format/);
  });

  test('the constructed season without its format: a single-leg final is read from its matches', () => {
    const file = constructedJson();
    const declared = parseSeason(file, 'c.json').season.format;
    delete file['format'];
    const derived = parseSeason(file, 'c-without.json').season.format;
    expect(derived.stages.map((s) => [s.code, s.kind === 'group' ? s.groups.join('') : s.legs])).toEqual([
      ['first_round', 'two_legged'],
      ['group', 'ABC'],
      ['semi_final', 'two_legged'],
      ['final', 'single_leg'],
    ]);
    expect(derived.stages.map((s) => s.code)).toEqual(declared.stages.map((s) => s.code));
  });
});
