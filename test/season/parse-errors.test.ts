import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseSeason, SeasonFileError, type SeasonFileProblem } from '../../src/season/parse.js';
import { readSeasonFile } from '../../src/season/read.js';
import { minimalSeasonFile, type MinimalSeasonFile } from './minimal-season-file.js';

const FILE = 'data/season-test.json';

/** Runs the parser and returns the error it must throw. */
function problemsOf(file: unknown): SeasonFileError {
  try {
    parseSeason(file, FILE);
  } catch (err) {
    if (err instanceof SeasonFileError) return err;
    throw err;
  }
  throw new Error('expected parseSeason to throw SeasonFileError');
}

const withChange = (change: (file: MinimalSeasonFile) => void): MinimalSeasonFile => {
  const file = minimalSeasonFile();
  change(file);
  return file;
};

const match = (file: MinimalSeasonFile, index: number) => {
  const found = file.matches[index];
  if (!found) throw new Error(`fixture has no match ${index}`);
  return found;
};

describe('parseSeason on a valid file', () => {
  test('GIVEN the minimal file THEN teams get slug ids and names become ids everywhere', () => {
    const { season } = parseSeason(minimalSeasonFile(), FILE);
    expect(season.teams.map((t) => t.id)).toEqual(['zamalek', 'modern-future', 'rs-berkane', 'dreams-f-c']);
    expect(season.teams.find((t) => t.id === 'dreams-f-c')?.group).toBe('A');
    expect(season.champion).toBe('zamalek');
    const first = season.matches[0];
    expect(first?.home).toBe('zamalek');
    expect(first?.away).toBe('rs-berkane');
    expect(first?.goals.map((g) => g.team)).toEqual(['zamalek', 'rs-berkane']);
  });
});

// One row per kind of malformed file: the change, the JSON path, and words the problem must contain.
const cases: [string, (file: MinimalSeasonFile) => void, string, RegExp][] = [
  [
    'a score given as text (wrong type)',
    (f) => Object.assign(match(f, 0), { score: { home: '2', away: 1 } }),
    'matches[0].score.home',
    /expected number/,
  ],
  ['a date in the wrong format', (f) => Object.assign(match(f, 0), { date: '26/11/2023' }), 'matches[0].date', /YYYY-MM-DD/],
  [
    'a kickoff with a local offset instead of UTC',
    (f) => Object.assign(match(f, 0), { kickoff: '2023-11-26T20:00:00+01:00' }),
    'matches[0].kickoff',
    /UTC instant/,
  ],
  ['a misspelt field', (f) => Object.assign(match(f, 0), { venu: 'Cairo' }), 'matches[0].venu', /unknown field/],
  ['an unknown team in a match', (f) => Object.assign(match(f, 1), { home: 'Nowhere FC' }), 'matches[1].home', /unknown team "Nowhere FC"/],
  [
    'an alias where the canonical name is required',
    (f) => Object.assign(match(f, 1), { home: 'Dreams FC' }),
    'matches[1].home',
    /alias of "Dreams F\.C\."; use the canonical name/,
  ],
  [
    'a duplicate match id',
    (f) => Object.assign(match(f, 1), { id: 'GA-MD1-1' }),
    'matches[1].id',
    /duplicate match id "GA-MD1-1" \(also matches\[0\]\)/,
  ],
  [
    'the same fixture twice under another id',
    (f) => f.matches.push({ ...match(f, 0), id: 'GA-MD4-9', matchday: 4 }),
    'matches[2].id',
    /duplicate match: Zamalek v RS Berkane \(group\) is also matches\[0\]/,
  ],
  [
    'a goal for a team not in the match',
    (f) => match(f, 0).goals.push({ team: 'Dreams F.C.', player: 'John Antwi', minute: '35', type: 'regular' }),
    'matches[0].goals[2].team',
    /"Dreams F\.C\." is not playing in this match/,
  ],
  [
    'more goals for a team than its score',
    (f) => match(f, 0).goals.push({ team: 'RS Berkane', player: 'Adil Tahif', minute: '32', type: 'regular' }),
    'matches[0].goals',
    /2 goals listed for RS Berkane but the score gives them 1/,
  ],
  ['an awarded match without a decision', (f) => Object.assign(match(f, 1), { status: 'awarded' }), 'matches[1].decision', /needs a decision/],
  [
    'a decision on a match that was played normally',
    (f) => Object.assign(match(f, 1), { decision: { winner: 'Dreams F.C.', score: null, reason: 'x' } }),
    'matches[1].decision',
    /must be null unless status is "awarded" or "walkover"/,
  ],
  [
    'a decision won by a team not in the match',
    (f) => Object.assign(match(f, 1), { status: 'awarded', score: null, decision: { winner: 'Zamalek', score: null, reason: 'x' } }),
    'matches[1].decision.winner',
    /"Zamalek" is not playing in this match/,
  ],
  [
    'a played match with no score and no note',
    (f) => Object.assign(match(f, 1), { score: null }),
    'matches[1].score',
    /needs a score; if no source gives it, keep null and explain in note/,
  ],
  ['an unknown team in a group', (f) => f.groups[0]?.teams.push('Stade Malien'), 'groups[0].teams[4]', /unknown team "Stade Malien"/],
  ['an unknown champion', (f) => Object.assign(f, { champion: 'Al Ahly' }), 'champion', /unknown team "Al Ahly"/],
  [
    'an alias shared by two teams',
    (f) => f.teams[1]?.aliases.push('Zamalek SC'),
    'teams[1].aliases[1]',
    /"Zamalek SC" is already an alias of "Zamalek" \(teams\[0\]\)/,
  ],
  [
    'a team whose association did not enter',
    (f) => Object.assign(f.teams[3] ?? {}, { association: 'Chad' }),
    'teams[3].association',
    /association "Chad" is marked entered: false/,
  ],
  ['a missing top-level list', (f) => Reflect.deleteProperty(f, 'matches'), 'matches', /is missing/],
  ['an unknown top-level field', (f) => Object.assign(f, { macthes: [] }), 'macthes', /unknown field/],
  [
    'a result not published on a played match',
    (f) => Object.assign(match(f, 1), { resultNotPublished: true }),
    'matches[1].resultNotPublished',
    /only for a scheduled match/,
  ],
  [
    'an alternative kickoff equal to the kickoff',
    (f) => Object.assign(match(f, 0), { kickoffAlternatives: ['2023-11-26T19:00:00Z'] }),
    'matches[0].kickoffAlternatives[0]',
    /same as the kickoff/,
  ],
  [
    'an alternative kickoff with no kickoff',
    (f) => Object.assign(match(f, 0), { kickoff: null, kickoffAlternatives: ['2023-11-26T18:00:00Z'] }),
    'matches[0].kickoffAlternatives',
    /needs the kickoff/,
  ],
  [
    'a red card for a team not in the match',
    (f) => Object.assign(match(f, 1), { redCards: [{ team: 'Zamalek', player: null, minute: '56' }] }),
    'matches[1].redCards[0].team',
    /not playing in this match/,
  ],
  ['a negative attendance', (f) => Object.assign(match(f, 0), { attendance: -5 }), 'matches[0].attendance', />=0|too small/i],
  [
    'a short name longer than the name',
    (f) => Object.assign(f.teams[0]!, { shortName: 'Zamalek Sporting Club' }),
    'teams[0].shortName',
    /shorter than the name/,
  ],
  [
    'a rank dispute whose printed rank is not the rank kept',
    (f) => Object.assign(f.associations[0]!, { rank: 2, rankDispute: { printed: 3, byPoints: 2 } }),
    'associations[0].rankDispute.printed',
    /rank keeps the printed one/,
  ],
  [
    'a decision date in the wrong format',
    (f) =>
      Object.assign(match(f, 1), { status: 'awarded', score: null, decision: { winner: 'Dreams F.C.', score: null, reason: 'x', decidedOn: '24 April 2024' } }),
    'matches[1].decision.decidedOn',
    /YYYY-MM-DD/,
  ],
];

describe('parseSeason rejects a malformed file', () => {
  test.each(cases)('GIVEN %s THEN the error names the file, the path and the problem', (_name, change, path, problem) => {
    const error = problemsOf(withChange(change));
    expect(error.fileName).toBe(FILE);
    expect(error.problems).toContainEqual<SeasonFileProblem>({ path, message: expect.stringMatching(problem) as string });
    expect(error.message).toContain(FILE);
    expect(error.message).toContain(`${path}: `);
    expect(error.message).toMatch(problem);
  });

  test('GIVEN a top level that is not an object THEN the problem is at $', () => {
    const error = problemsOf([1, 2]);
    expect(error.problems).toEqual([{ path: '$', message: 'expected a JSON object at the top level' }]);
  });

  test('GIVEN several mistakes in different records THEN all of them are reported together', () => {
    const file = withChange((f) => {
      Object.assign(match(f, 0), { score: { home: 'two', away: 1 } });
      Object.assign(match(f, 1), { home: 'Nowhere FC', id: 'GA-MD1-1' });
      f.teams[1]?.aliases.push('RSB');
    });
    const error = problemsOf(file);
    const paths = error.problems.map((p) => p.path);
    expect(paths).toEqual(
      // The alias clash is reported where the second claim is read: RS Berkane's own "RSB".
      expect.arrayContaining(['matches[0].score.home', 'matches[1].home', 'matches[1].id', 'teams[2].aliases[0]']),
    );
    expect(error.message).toMatch(/has \d+ problems:/);
    for (const p of error.problems) expect(error.message).toContain(`  - ${p.path}: ${p.message}`);
  });

  test('GIVEN a team record that is itself invalid THEN matches naming it are not also reported as unknown', () => {
    const file = withChange((f) => Object.assign(f.teams[3] ?? {}, { entryRound: 'third_round' }));
    const error = problemsOf(file);
    expect(error.problems.map((p) => p.path)).toEqual(['teams[3].entryRound']);
  });

  test('GIVEN a played match with no score but a note THEN it is accepted as "not recorded"', () => {
    const file = withChange((f) => Object.assign(match(f, 1), { score: null, note: 'No source gives the result.' }));
    const { season } = parseSeason(file, FILE);
    expect(season.matches[1]?.score).toBeNull();
  });
});

describe('readSeasonFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'season-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN invalid JSON THEN the error names the file and the line of the mistake', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{\n  "id": "2023-24",\n}\n');
    expect(() => readSeasonFile(path)).toThrow(SeasonFileError);
    try {
      readSeasonFile(path);
    } catch (err) {
      const error = err as SeasonFileError;
      expect(error.message).toContain(path);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]?.path).toBe('$');
      expect(error.problems[0]?.message).toMatch(/^invalid JSON: .*line 3, column 1/);
    }
  });

  test('GIVEN a missing file THEN the error names it', () => {
    const path = join(dir, 'absent.json');
    expect(() => readSeasonFile(path)).toThrow(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*cannot read the file`));
  });

  test('GIVEN a valid file with a byte-order mark THEN it parses and the hash is the sha256 of its bytes', () => {
    const path = join(dir, 'valid.json');
    const text = `\uFEFF${JSON.stringify(minimalSeasonFile())}`;
    writeFileSync(path, text);
    const { season, hash } = readSeasonFile(path);
    expect(season.teams).toHaveLength(4);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(path, `${text} `);
    expect(readSeasonFile(path).hash).not.toBe(hash);
  });

  test('GIVEN a file that breaks the format THEN the parse problems name the file path', () => {
    const path = join(dir, 'bad-team.json');
    const file = withChange((f) => Object.assign(match(f, 0), { away: 'Nowhere FC' }));
    writeFileSync(path, JSON.stringify(file));
    expect(() => readSeasonFile(path)).toThrow(/matches\[0\]\.away: unknown team "Nowhere FC"/);
    expect(() => readSeasonFile(path)).toThrow(path);
  });
});
