import { describe, expect, test } from 'vitest';
import { readLine, type LineNode } from '../../src/football-txt/lines.js';
import { tokenize, type TokenKind } from '../../src/football-txt/tokenizer.js';

const read = (line: string) => readLine(line, tokenize(line));
const ok = (line: string): LineNode => {
  const node = read(line);
  if ('problem' in node) throw new Error(`${line}: ${node.problem}`);
  return node;
};

describe('tokenizer', () => {
  const cases: readonly (readonly [string, readonly TokenKind[]])[] = [
    ['[Fri Aug/18]', ['lbrack', 'word', 'monthDay', 'rbrack']],
    ['  22.00  CS Constantine (ALG)     0-2 (0-0)  Étoile du Sahel (TUN)', ['time', 'word', 'word', 'lparen', 'word', 'rparen', 'score', 'lparen', 'score', 'rparen', 'word', 'word', 'word', 'lparen', 'word', 'rparen']],
    ['  19:00 UTC+3   Qatar  0-2  Ecuador   @ Al Bayt Stadium, Al Khor', ['time', 'word', 'word', 'score', 'word', 'at', 'word', 'word', 'word', 'comma', 'word', 'word']],
    ["(Enner VALENCIA 16'(p), 31')", ['lparen', 'word', 'word', 'minute', 'lparen', 'word', 'rparen', 'comma', 'minute', 'rparen']],
    ["[-; Taremi 65', 90+13' (pen.)]", ['lbrack', 'dash', 'semi', 'word', 'minute', 'comma', 'minute', 'lparen', 'word', 'rparen', 'rbrack']],
    ['▪▪ Group A', ['marker', 'word', 'word']],
    ['» Group stage - Group A', ['marker', 'word', 'word', 'dash', 'word', 'word']],
    ["  Vital'O (BDI)  0-4  CD 1º de Agosto (ANG)", ['word', 'lparen', 'word', 'rparen', 'score', 'word', 'word', 'word', 'word', 'lparen', 'word', 'rparen']],
    ['Group A  | Qatar      Ecuador', ['word', 'word', 'pipe', 'word', 'word']],
    ["Davy KLAASSEN 90'+9", ['word', 'word', 'minute']],
  ];
  test.each(cases)('%s', (line, kinds) => {
    expect(tokenize(line).tokens.map((t) => t.kind)).toEqual(kinds);
  });

  test('a comment is cut off and kept; CR is dropped; gaps are measured', () => {
    const t = tokenize('= World Cup 2022       # in Qatar\r');
    expect(t.comment).toBe('in Qatar');
    expect(t.tokens.map((x) => x.text)).toEqual(['=', 'World', 'Cup', '2022']);
    expect(tokenize('Group A  | Qatar      Ecuador').tokens.map((x) => x.gap)).toEqual([0, 1, 2, 1, 6]);
  });
});

describe('headings', () => {
  const cases = [
    ['Qual. Round 1', [{ kind: 'stage', name: 'Qual. Round 1', roundKind: 'qualifying' }]],
    ['Group', [{ kind: 'group', label: null }]],
    ['Group A', [{ kind: 'group', label: 'A' }]],
    ['Group A:', [{ kind: 'group', label: 'A' }]],
    ['» Group stage - Group A', [{ kind: 'stage', name: 'Group stage', roundKind: 'group' }, { kind: 'group', label: 'A' }]],
    ['▪ Group A, Matchday 1', [{ kind: 'group', label: 'A' }, { kind: 'matchday', matchday: 1 }]],
    ['▪ First stage', [{ kind: 'stage', name: 'First stage', roundKind: 'container' }]],
    ['Quarterfinals', [{ kind: 'stage', name: 'Quarterfinals', roundKind: 'knockout' }]],
    ['▪ Quarter-final', [{ kind: 'stage', name: 'Quarter-final', roundKind: 'knockout' }]],
    ['Semifinals', [{ kind: 'stage', name: 'Semifinals', roundKind: 'knockout' }]],
    ['▪ Round of 16', [{ kind: 'stage', name: 'Round of 16', roundKind: 'knockout' }]],
    ['▪ Play-off for third place', [{ kind: 'stage', name: 'Play-off for third place', roundKind: 'knockout' }]],
    ['Play-off round', [{ kind: 'stage', name: 'Play-off round', roundKind: 'qualifying' }]],
    ['Final', [{ kind: 'stage', name: 'Final', roundKind: 'knockout' }]],
  ] as const;
  test.each(cases)('%s', (line, parts) => {
    const node = ok(line);
    expect(node.kind).toBe('heading');
    expect(node.kind === 'heading' && node.parts).toEqual(parts);
  });

  test.each(['Lunch break', '▪ 12-3', 'Tuesday stuff'])('"%s" is not a heading', (line) => {
    const node = read(line);
    expect('problem' in node).toBe(true);
  });
});

describe('group definitions', () => {
  const cases = [
    ['Group A  |  Qatar      Ecuador        Senegal        Netherlands', 'A', ['Qatar', 'Ecuador', 'Senegal', 'Netherlands']],
    ['Group E  | Spain     Costa Rica      Germany        Japan', 'E', ['Spain', 'Costa Rica', 'Germany', 'Japan']],
    ['Group A : Qatar, Ecuador, Senegal, Netherlands', 'A', ['Qatar', 'Ecuador', 'Senegal', 'Netherlands']],
    ['Group B | Wydad AC (MAR)  Simba SC (TAN)  ASEC Mimosas (CIV)', 'B', ['Wydad AC', 'Simba SC', 'ASEC Mimosas']],
  ] as const;
  test.each(cases)('%s', (line, label, teams) => {
    const node = ok(line);
    expect(node.kind === 'groupDef' && { label: node.label, teams: node.teams.map((t) => t.name) }).toEqual({ label, teams });
  });

  test('codes are kept', () => {
    const node = ok('Group B | Wydad AC (MAR)  Simba SC (TAN)');
    expect(node.kind === 'groupDef' && node.teams).toEqual([
      { name: 'Wydad AC', code: 'MAR' },
      { name: 'Simba SC', code: 'TAN' },
    ]);
  });

  test('a group of one is refused', () => {
    expect(read('Group A | Qatar')).toMatchObject({ problem: expect.stringContaining('fewer than two') });
  });
});

describe('date lines', () => {
  const cases = [
    ['[Fri Aug/18]', { month: 7, day: 18, year: null, weekday: 'Fri' }, null, null],
    ['Sun Nov 20', { month: 10, day: 20, year: null, weekday: 'Sun' }, null, null],
    ['Sat Dec 3 ', { month: 11, day: 3, year: null, weekday: 'Sat' }, null, null],
    ['Sun Nov/20 2022 @ Stadium › City, Country', { month: 10, day: 20, year: 2022, weekday: 'Sun' }, null, 'Stadium › City, Country'],
    ['Sun Nov 20 19:00 UTC+3 @ Al Bayt Stadium, Al Khor, Att: 67372', { month: 10, day: 20, year: null, weekday: 'Sun' }, { local: '19:00', zone: 'UTC+3' }, 'Al Bayt Stadium, Al Khor'],
    ['[Aug/18]', { month: 7, day: 18, year: null, weekday: null }, null, null],
  ] as const;
  test.each(cases)('%s', (line, day, kickoff, venue) => {
    expect(ok(line)).toEqual({ kind: 'date', day, kickoff, venue });
  });

  test('a bracketed date that does not close is refused', () => {
    expect(read('[Fri Aug/18')).toMatchObject({ problem: expect.stringContaining(']') });
  });
});

describe('match lines', () => {
  const none = { score: null, fullTime: null, halfTime: null, extraTime: false, penalties: null };
  const cases = [
    ['  22.00  CS Constantine (ALG)     0-2 (0-0)  Étoile du Sahel (TUN)', 'CS Constantine', 'ALG', 'Étoile du Sahel', 'TUN', '22.00', { score: [0, 2], fullTime: [0, 2], halfTime: [0, 0], extraTime: false, penalties: null }, false],
    ['         African Stars (NAM)      2-1 (1-1)  Power Dynamos (ZAM)', 'African Stars', 'NAM', 'Power Dynamos', 'ZAM', null, { score: [2, 1], fullTime: [2, 1], halfTime: [1, 1], extraTime: false, penalties: null }, false],
    ['         AS Real Bamako (MLI)     0-0  Coton Sport Garoua (CMR)', 'AS Real Bamako', 'MLI', 'Coton Sport Garoua', 'CMR', null, { score: [0, 0], fullTime: [0, 0], halfTime: null, extraTime: false, penalties: null }, false],
    ['  18.00  Remo Stars (NGA)         2-3 pen. (1-0, 0-0)  Medeama SC (GHA)', 'Remo Stars', 'NGA', 'Medeama SC', 'GHA', '18.00', { score: [1, 0], fullTime: [1, 0], halfTime: [0, 0], extraTime: false, penalties: [2, 3] }, false],
    ['  20.00  Mamelodi Sundowns (RSA)  3-2 pen. (0-0)  Young Africans (TAN)', 'Mamelodi Sundowns', 'RSA', 'Young Africans', 'TAN', '20.00', { score: [0, 0], fullTime: [0, 0], halfTime: null, extraTime: false, penalties: [3, 2] }, false],
    ['  21.00  Wau Salaam FC (SSD)      0-3  Al Hilal Omdurman (SDN)  [awarded]', 'Wau Salaam FC', 'SSD', 'Al Hilal Omdurman', 'SDN', '21.00', { score: [0, 3], fullTime: [0, 3], halfTime: null, extraTime: false, penalties: null }, true],
    ['  17.00  Espérance de Tunis (TUN)  -  Wydad AC (MAR)', 'Espérance de Tunis', 'TUN', 'Wydad AC', 'MAR', '17.00', none, false],
    ['  18:00 UTC+3   Japan  1-1 a.e.t., 1-3 pen.  Croatia   @ Al Janoub Stadium, Al Wakrah', 'Japan', null, 'Croatia', null, '18:00', { score: [1, 1], fullTime: null, halfTime: null, extraTime: true, penalties: [1, 3] }, false],
    ['   18:00     Argentina          4-2 pen. 3-3 a.e.t. (2-2, 2-0)   France @ Lusail Iconic Stadium, Lusail', 'Argentina', null, 'France', null, '18:00', { score: [3, 3], fullTime: [2, 2], halfTime: [2, 0], extraTime: true, penalties: [4, 2] }, false],
    ['   18:00     Argentina  3-3 a.e.t. (3-3, 2-2, 2-0), 4-2 pen.  France   @ Lusail', 'Argentina', null, 'France', null, '18:00', { score: [3, 3], fullTime: [2, 2], halfTime: [2, 0], extraTime: true, penalties: [4, 2] }, false],
    ['  Türkiye v France  1-0', 'Türkiye', null, 'France', null, null, { score: [1, 0], fullTime: [1, 0], halfTime: null, extraTime: false, penalties: null }, false],
    ['  Qatar v Ecuador', 'Qatar', null, 'Ecuador', null, null, none, false],
    ["  16.00  Vital'O (BDI)            0-4 (0-1)  Young Africans (TAN)", "Vital'O", 'BDI', 'Young Africans', 'TAN', '16.00', { score: [0, 4], fullTime: [0, 4], halfTime: [0, 1], extraTime: false, penalties: null }, false],
  ] as const;
  test.each(cases)('%s', (line, home, homeCode, away, awayCode, local, result, awarded) => {
    const node = ok(line);
    if (node.kind !== 'match') throw new Error(node.kind);
    expect(node.home).toEqual({ name: home, code: homeCode });
    expect(node.away).toEqual({ name: away, code: awayCode });
    expect(node.kickoff?.local ?? null).toBe(local);
    expect(node.result).toEqual(result);
    expect(node.awarded).toBe(awarded);
  });

  test('names that begin like a weekday or a month are names', () => {
    expect(ok('  Sunset FC  1-0  Mar del Plata FC')).toMatchObject({ kind: 'match', day: null, home: { name: 'Sunset FC' }, away: { name: 'Mar del Plata FC' } });
    expect(ok('  Sun Hei  1-0  Marathon 1')).toMatchObject({ kind: 'match', day: null, home: { name: 'Sun Hei' }, away: { name: 'Marathon 1' } });
  });

  test('a numbered line with its date, time and venue', () => {
    const node = ok('(1) Sun Nov/20 19:00      Qatar   0-2 (0-2)   Ecuador    @ Al Bayt Stadium, Al Khor');
    expect(node).toMatchObject({
      kind: 'match',
      number: 1,
      day: { month: 10, day: 20, weekday: 'Sun', year: null },
      kickoff: { local: '19:00', zone: null },
      venue: 'Al Bayt Stadium, Al Khor',
      home: { name: 'Qatar' },
      away: { name: 'Ecuador' },
    });
  });

  const bad = [
    ['  22.00  CS Constantine (ALG)     0-2 (0-0)', 'away team'],
    ['  22.00  0-2 (0-0)  Étoile du Sahel (TUN)', 'home team'],
    ['  22.00  CS Constantine (alg)  0-2  Étoile du Sahel (TUN)', 'association code'],
    ['  Remo Stars (NGA)  2-3 pen.  Medeama SC (GHA)', 'without the score'],
    ['  Remo Stars (NGA)  2-2 pen. (1-1)  Medeama SC (GHA)', 'cannot end level'],
    ['  Remo Stars (NGA)  1-0 (2-0)  Medeama SC (GHA)', 'half-time 2-0 is more than full time 1-0'],
    ['  Remo Stars (NGA)  1-0 (0-0, 0-0)  Medeama SC (GHA)', 'one half-time score'],
    ['  Remo Stars (NGA)  1-0 (0-0  Medeama SC (GHA)', '")"'],
  ] as const;
  test.each(bad)('%s is refused: %s', (line, why) => {
    const node = read(line);
    expect(node).toMatchObject({ problem: expect.stringContaining(why), expected: expect.stringContaining('match line') });
  });
});

describe('scorer lines', () => {
  const goal = (player: string, minute: number, stoppage: number | null = null, part = 0, penalty = false, ownGoal = false) => ({ player, minute, stoppage, part, penalty, ownGoal });
  const cases = [
    ["(Enner VALENCIA 16'(p), 31')", [goal('Enner VALENCIA', 16, null, 0, true), goal('Enner VALENCIA', 31)], null],
    ["[-; Enner Valencia 16' (pen.), 31']", [goal('Enner Valencia', 16, null, 1, true), goal('Enner Valencia', 31, null, 1)], null],
    ["[Gazinsky 12' Cheryshev 43', 90+1' Dzyuba 71']", [goal('Gazinsky', 12), goal('Cheryshev', 43), goal('Cheryshev', 90, 1), goal('Dzyuba', 71)], null],
    ["(Cody GAKPO 84', Davy KLAASSEN 90+9')", [goal('Cody GAKPO', 84), goal('Davy KLAASSEN', 90, 9)], null],
    ["(Lionel MESSI 35', Julian ALVAREZ 57';", [goal('Lionel MESSI', 35), goal('Julian ALVAREZ', 57)], 'rparen'],
    ["[Kylian Mbappé 61' 86'; Andreas Christensen 68']", [goal('Kylian Mbappé', 61), goal('Kylian Mbappé', 86), goal('Andreas Christensen', 68, null, 1)], null],
    ["Enzo Fernández 77' (og)", [goal('Enzo Fernández', 77, null, 0, false, true)], null],
    ["[Mandžukić 18' (o.g.) Griezmann 38' (pen.)]", [goal('Mandžukić', 18, null, 0, false, true), goal('Griezmann', 38, null, 0, true)], null],
    ["(Daley BLIND 45+1'; Davy KLAASSEN 90'+9)", [goal('Daley BLIND', 45, 1), goal('Davy KLAASSEN', 90, 9, 1)], null],
  ] as const;
  test.each(cases)('%s', (line, entries, openCloser) => {
    const node = ok(line);
    expect(node.kind === 'goals' && { entries: node.entries, openCloser: node.openCloser }).toEqual({ entries, openCloser });
  });

  const bad = [
    ["(16', 31')", 'no scorer'],
    ["(Enner Valencia 16'(x))", 'unknown goal marker'],
    ["(Enner Valencia; Cody Gakpo 84')", 'has no minute'],
    ["(A 1'; B 2'; C 3')", 'more than one ";"'],
  ] as const;
  test.each(bad)('%s is refused: %s', (line, why) => {
    expect(read(line)).toMatchObject({ problem: expect.stringContaining(why), expected: expect.stringContaining('scorer line') });
  });
});

describe('other lines', () => {
  test.each([
    ['', 'blank'],
    ['# Teams      54', 'comment'],
    ['= CAF Champions League 2023/24', 'title'],
    ['Matchday 10 |  Tue Nov/29', 'matchdayDef'],
  ])('%s is a %s line', (line, kind) => {
    expect(ok(line).kind).toBe(kind);
  });

  test('an indented line that is nothing the format has is refused with what was expected', () => {
    expect(read('   hello there')).toMatchObject({ problem: expect.any(String), expected: expect.stringContaining('a section heading') });
  });
});
