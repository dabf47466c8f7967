import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseFootballTxt, type ParseError, type ParseOptions } from '../../src/football-txt/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/openfootball/${name}`, import.meta.url), 'utf8');

const errorsOf = (text: string, options: Partial<ParseOptions> = {}): readonly ParseError[] => {
  const result = parseFootballTxt(text, { fileName: 'test.txt', seasonLabel: '2023-24', ...options });
  if (result.ok) throw new Error('expected the parse to fail');
  return result.errors;
};

/** Replaces one line (1-based) of a CRLF file. */
const withLine = (text: string, lineNo: number, replacement: string) =>
  text
    .split('\n')
    .map((l, i) => (i === lineNo - 1 ? `${replacement}\r` : l))
    .join('\n');

describe('an unreadable line', () => {
  test('names the file, the line number, the line and what was expected; the other lines still read', () => {
    const broken = withLine(fixture('cl-2023-24.txt'), 20, '  17.00  CD 1º de Agosto (ANG)    1:0  AS Vita Club (COD)');
    const errors = errorsOf(broken, { fileName: 'cl-2023-24.txt', groups: JSON.parse(fixture('cl-2023-24-groups.json')) });
    expect(errors).toEqual([
      {
        file: 'cl-2023-24.txt',
        line: 20,
        text: '  17.00  CD 1º de Agosto (ANG)    1:0  AS Vita Club (COD)',
        message: expect.any(String),
        expected: expect.stringContaining('a match line'),
      },
    ]);
  });

  test.each([
    ['a team without its opponent', '  16.00  UD Songo (MOZ)           1-0 (1-0)', 'away team'],
    ['a heading the format does not have', 'Lunch break', 'names no round'],
    ['a date that does not close', '[Sun Aug/20', 'expected "]"'],
    ['a stray indented line', '     see you next season', 'none of the kinds'],
  ])('%s', (_, line, message) => {
    const broken = withLine(fixture('cl-2024-25.txt'), 30, line);
    const errors = errorsOf(broken, { seasonLabel: '2024-25' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 30, text: line, message: expect.stringContaining(message), expected: expect.any(String) });
  });

  test('every bad line is reported at once', () => {
    let text = fixture('afl-2023.txt');
    text = withLine(text, 11, '  18.00  Simba SC (TAN)           2-2 pen.  Al Ahly SC (EGY)');
    text = withLine(text, 13, '  18.30  Petro Atlético (ANG)     0-2  Mamelodi Sundowns (rsa)');
    expect(errorsOf(text, { seasonLabel: '2023' }).map((e) => e.line)).toEqual([11, 13]);
  });

  test('a match before any heading, a match before any date, a scorer line with no match', () => {
    expect(errorsOf('[Fri Aug/18]\n  22.00  A FC (ALG)  0-2  B FC (TUN)\n').map((e) => [e.line, e.message])).toEqual([[2, 'a match before any section heading']]);
    expect(errorsOf('Final\n  22.00  A FC (ALG)  0-2  B FC (TUN)\n').map((e) => [e.line, e.message])).toEqual([[2, 'a match before any date line']]);
    expect(errorsOf("Final\n[Fri Aug/18]\n  (Name 16')\n").map((e) => [e.line, e.message])).toEqual([[3, 'a scorer line with no match above it']]);
  });

  test('a season label that is not a year', () => {
    expect(errorsOf('', { seasonLabel: '23-24' })[0]).toMatchObject({ line: null, message: expect.stringContaining('"23-24"') });
  });
});

describe('dates', () => {
  test('a weekday that does not match the date fails, naming the year the label gave', () => {
    // cl-2024-25.txt read as 2023-24: Aug 16 2023 was a Wednesday, not a Friday.
    const errors = errorsOf(fixture('cl-2024-25.txt'), { fileName: 'cl-2024-25.txt', seasonLabel: '2023-24' });
    expect(errors[0]).toEqual({
      file: 'cl-2024-25.txt',
      line: 10,
      text: '[Fri Aug/16]',
      message: 'Fri does not match 2023-08-16, which is a Wed (the year 2023 comes from the season label)',
      expected: expect.stringContaining('date line'),
    });
    // Only the date lines are reported, not every match under them.
    expect(errors.every((e) => e.text?.startsWith('['))).toBe(true);
  });

  test('January–June take the second year: Feb 29 exists in 2024', () => {
    const text = 'Final\n[Thu Feb/29]\n  A FC  1-0  B FC\n';
    const result = parseFootballTxt(text, { fileName: 't', seasonLabel: '2023-24' });
    expect(result.ok && result.season.matches[0]?.date).toBe('2024-02-29');
    expect(errorsOf(text, { seasonLabel: '2022-23' })[0]?.message).toBe('Feb 29 2023 is not a date');
  });
});

describe('matchdays', () => {
  // A postponed match: Beta v Delta of the 2nd round is played after the 4th.
  const postponed = [
    'Group A | Alpha  Beta  Gamma  Delta',
    '',
    'Group A',
    '[Sat Sep/2]',
    '  Alpha  1-0  Beta',
    '  Gamma  0-0  Delta',
    '[Sat Sep/9]',
    '  Alpha  2-0  Gamma',
    '[Sat Sep/16]',
    '  Delta  1-1  Alpha',
    '  Beta  0-1  Gamma',
    '[Sat Sep/23]',
    '  Beta  0-2  Alpha',
    '  Delta  3-0  Gamma',
    '[Wed Sep/27]',
    '  Beta  2-2  Delta',
    '',
  ].join('\n');

  test('when the two teams disagree, the parse fails naming the line and both counts', () => {
    const errors = errorsOf(postponed);
    expect(errors.map((e) => e.line)).toEqual([10, 11, 13, 14]);
    expect(errors[0]).toMatchObject({
      text: '  Delta  1-1  Alpha',
      message: expect.stringContaining("this is Delta's 2nd group match but Alpha's 3rd"),
    });
    expect(errors[0]?.message).toContain('{"Delta v Alpha": n}');
  });

  test('a matchdays override settles them', () => {
    const matchdays = { 'Delta v Alpha': 3, 'Beta v Gamma': 3, 'Beta v Alpha': 4, 'Delta v Gamma': 4, 'Beta v Delta': 2 };
    const result = parseFootballTxt(postponed, { fileName: 't', seasonLabel: '2023-24', matchdays });
    expect(result.ok && result.season.matches.map((m) => [m.home.name, m.matchday])).toEqual([
      ['Alpha', 1],
      ['Gamma', 1],
      ['Alpha', 2],
      ['Delta', 3],
      ['Beta', 3],
      ['Beta', 4],
      ['Delta', 4],
      ['Beta', 2],
    ]);
  });

  test('an override that names no match is refused', () => {
    const errors = errorsOf(postponed, { matchdays: { 'Delta v Alpha': 3, 'Beta v Gamma': 3, 'Beta v Alpha': 4, 'Delta v Gamma': 4, 'Beta v Delta': 2, 'Alpha v Omega': 1 } });
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('"Alpha v Omega" matches no group match')]);
  });

  test('a heading matchday that disagrees with the count fails', () => {
    const text = 'Group A | Alpha  Beta  Gamma  Delta\n▪ Group A, Matchday 2\n[Sat Sep/2]\n  Alpha  1-0  Beta\n  Gamma  0-0  Delta\n';
    expect(errorsOf(text).map((e) => [e.line, e.message])).toEqual([
      [4, "under the heading of matchday 2, but this is both teams' 1st group match"],
      [5, "under the heading of matchday 2, but this is both teams' 1st group match"],
    ]);
  });
});

describe('groups', () => {
  test('without letters, the pools are found from the fixtures and listed, and nothing is lettered', () => {
    const errors = errorsOf(fixture('cl-2023-24.txt'), { fileName: 'cl-2023-24.txt' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'cl-2023-24.txt', line: 109, text: 'Group' });
    const message = errors[0]?.message ?? '';
    expect(message).toContain('The fixtures form 4 pools');
    expect(message).toContain('pool 1: FC Nouadhibou, Mamelodi Sundowns, Pyramids FC, TP Mazembe');
    expect(message).toContain('pool 2: Al Ahly SC, CR Bélouizdad, Medeama SC, Young Africans');
    expect(message).toContain('pool 3: ASEC Mimosas, Jwaneng Galaxy, Simba SC, Wydad AC');
    expect(message).toContain('pool 4: Al Hilal Omdurman, Espérance de Tunis, Étoile du Sahel, Petro Atlético');
    expect(message).not.toMatch(/group [A-D]\b/);
  });

  test('a groups file that misspells a team or leaves one out is refused', () => {
    const groups = JSON.parse(fixture('cl-2023-24-groups.json')) as { groups: Record<string, string[]> };
    const misspelt = { groups: { ...groups.groups, A: ['Mamelodi Sundown', 'Pyramids FC', 'TP Mazembe', 'FC Nouadhibou'] } };
    expect(errorsOf(fixture('cl-2023-24.txt'), { groups: misspelt }).map((e) => e.message)).toEqual([
      expect.stringContaining('names Mamelodi Sundown, who play no match'),
      expect.stringContaining('does not place Mamelodi Sundowns'),
    ]);
  });

  test('a groups file that splits a pool fails on the matches across groups', () => {
    const groups = JSON.parse(fixture('cl-2023-24-groups.json')) as { groups: Record<string, string[]> };
    const swapped = {
      groups: {
        ...groups.groups,
        A: ['Mamelodi Sundowns', 'Pyramids FC', 'TP Mazembe', 'Wydad AC'],
        B: ['FC Nouadhibou', 'Simba SC', 'ASEC Mimosas', 'Jwaneng Galaxy'],
      },
    };
    const errors = errorsOf(fixture('cl-2023-24.txt'), { groups: swapped });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.message).toMatch(/\(group [AB]\) and .* \(group [AB]\) meet in "Group stage", but are not in the same group/);
  });

  test('a match under one group heading between teams of another group fails', () => {
    const text = 'Group A | Alpha  Beta\nGroup B | Gamma  Delta\n\nGroup A\n[Sat Sep/2]\n  Gamma  1-0  Delta\n';
    expect(errorsOf(text).map((e) => [e.line, e.message])).toEqual([[6, 'this match is under the heading of group A, but Gamma and Delta are in group B']]);
  });
});

describe('scorers', () => {
  test('goals for both sides with no ";" cannot be given a side', () => {
    const text = "Final\n[Sat May/18]\n  A FC  1-1  B FC\n    (Name One 10', Name Two 20')\n";
    expect(errorsOf(text).map((e) => [e.line, e.message])).toEqual([[4, 'both teams scored (1-1), but the scorers have no ";" between the home and the away goals']]);
  });

  test('a scorer block left open is reported where it opened', () => {
    const text = "Final\n[Sat May/18]\n  A FC  2-1  B FC\n    (Name One 10',\n     Name Two 20';\n\n";
    expect(errorsOf(text).map((e) => [e.line, e.message])).toEqual([[4, 'the scorer block opened here is not closed before the blank line 6']]);
  });

  test('scorers that do not add up to the score are read and listed for editors', () => {
    const text = "Final\n[Sat May/18]\n  A FC  2-1  B FC\n    (Name One 10'; Name Two 20')\n";
    const result = parseFootballTxt(text, { fileName: 't', seasonLabel: '2023-24' });
    expect(result.ok && result.season.summary.missing.scorerMismatches).toEqual([3]);
  });
});

describe('line-ups', () => {
  test('line-up blocks and officials under a match are recognised and skipped', () => {
    // From openfootball/worldcup more/2022_full.txt (CC0), first match.
    const text = [
      '▪ First stage',
      '▪▪ Group A',
      'Sun Nov 20 19:00 UTC+3 @ Al Bayt Stadium, Al Khor, Att: 67372',
      '  Qatar v Ecuador  0-2',
      "     (Enner VALENCIA 16'(p), 31')",
      '',
      "Qatar: SAAD ALSHEEB [Y 15'] - PEDRO MIGUEL, ABDELKARIM HASSAN, HOMAM AHMED,",
      "      BASSAM HISHAM, BOUALEM KHOUKHI - ABDULAZIZ HATEM, HASSAN ALHAYDOS [c] (72' MOHAMMED WAAD),",
      "      KARIM BOUDIAF [Y 36'] - AKRAM AFIF [Y 78'], ALMOEZ ALI [Y 22'] (72' MOHAMMED MUNTARI)",
      'Ecuador: Hernan GALINDEZ - Felix TORRES, Piero HINCAPIE, Pervis ESTUPINAN, Angelo PRECIADO -',
      "      Romario IBARRA (68' Jeremy SARMIENTO), Gonzalo PLATA, Jhegson MENDEZ [Y 56'],",
      '      Enner VALENCIA [c] (77\' Jose CIFUENTES)',
      '',
      'Refs: Daniele Orsato (ITA), Ciro Carbone (ITA), Alessandro Giallatini (ITA)',
      '',
    ].join('\n');
    const result = parseFootballTxt(text, { fileName: 't', seasonLabel: '2022' });
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.season.matches).toMatchObject([
      { date: '2022-11-20', kickoff: { local: '19:00', zone: 'UTC+3', carried: false }, venue: 'Al Bayt Stadium, Al Khor', group: 'A', matchday: 1, goals: [{ side: 'away' }, { side: 'away' }] },
    ]);
  });

  test('a "Team:" line for a team not in the match above is not a line-up', () => {
    const text = "Final\n[Sat May/18]\n  A FC  2-1  B FC\nC FC: Somebody - Someone\n";
    expect(errorsOf(text).map((e) => e.line)).toEqual([4]);
  });
});

describe('clubs', () => {
  test('one name with two association codes is two clubs the file cannot tell apart', () => {
    const text = 'Qual. Round 1\n[Tue Aug/29]\n  AS Douanes (BFA)  3-0  AS GNN Niamey (NIG)\n[Fri Sep/1]\n  AS GNN Niamey (NIG)  0-3  AS Douanes (NIG)\n';
    expect(errorsOf(text).map((e) => [e.line, e.message])).toEqual([[5, 'AS Douanes (NIG) was AS Douanes (BFA) on line 3: one name, two associations']]);
  });

  test('a club cannot play itself', () => {
    expect(errorsOf('Final\n[Sat May/18]\n  A FC  1-0  A FC\n').map((e) => e.message)).toEqual(['A FC cannot play itself']);
  });
});

describe('group lines and a groups file together', () => {
  const text = 'Group A | Alpha  Beta\nGroup B | Gamma  Delta\n\nGroup A\n[Sat Sep/2]\n  Alpha  1-0  Beta\nGroup B\n  Gamma  1-0  Delta\n';

  test('agreeing, they read', () => {
    const result = parseFootballTxt(text, { fileName: 't', seasonLabel: '2023-24', groups: { groups: { A: ['Beta', 'Alpha'], B: ['Gamma', 'Delta'] } } });
    expect(result.ok && result.season.groups.map((g) => [g.label, g.source])).toEqual([
      ['A', 'file'],
      ['B', 'file'],
    ]);
  });

  test('disagreeing, the parse fails', () => {
    expect(errorsOf(text, { groups: { groups: { A: ['Alpha', 'Gamma'], B: ['Beta', 'Delta'] } } }).map((e) => [e.line, e.message])).toEqual([
      [1, "the groups file's group A (Alpha, Gamma) differs from the file's group lines"],
      [2, "the groups file's group B (Beta, Delta) differs from the file's group lines"],
    ]);
  });
});
