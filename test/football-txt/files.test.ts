// Whole files: the three shipped openfootball CAF files and two World Cup 2022 files. The counts
// were taken by reading the files (headers such as "# Matches 138", sums of the printed scores),
// not from the parser.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseFootballTxt, type GroupsInput, type ParsedSeason } from '../../src/football-txt/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/openfootball/${name}`, import.meta.url), 'utf8');

/** Parses a fixture, with a test that every line of it reads (an unknown line is an error). */
const parse = (name: string, seasonLabel: string, groups?: GroupsInput): ParsedSeason => {
  const result = parseFootballTxt(fixture(name), { fileName: name, seasonLabel, ...(groups ? { groups } : {}) });
  test(`every line of ${name} reads: no unknown line, no error`, () => {
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
  if (!result.ok) return { title: null, rounds: [], groups: [], teams: [], matches: [], ties: [], matchdayDates: [], summary: emptySummary };
  return result.season;
};

const emptySummary = {
  clubs: 0,
  matches: 0,
  played: 0,
  awarded: 0,
  withoutResult: 0,
  groups: 0,
  rounds: 0,
  goals: 0,
  missing: { scorers: 0, scorerMismatches: [], venues: 0, kickoffTimes: 0, timeZones: 0, halfTimes: 0 },
};

const goalsIn = (season: ParsedSeason, round: string) =>
  season.matches.filter((m) => m.round === round && m.score && !m.awarded).reduce((sum, m) => sum + (m.score ? m.score[0] + m.score[1] : 0), 0);

const groupsFile = JSON.parse(fixture('cl-2023-24-groups.json')) as GroupsInput;

describe('CAF Champions League 2023-24 (cl-2023-24.txt with cl-2023-24-groups.json)', () => {
  const season = parse('cl-2023-24.txt', '2023-24', groupsFile);

  test('the header counts: 54 teams, 138 matches', () => {
    expect(season.title).toBe('CAF Champions League 2023/24');
    expect(season.summary).toMatchObject({ clubs: 54, matches: 138, played: 134, awarded: 4, withoutResult: 0, rounds: 6, groups: 4 });
  });

  test('rounds in order, with their kind and legs', () => {
    expect(season.rounds.map((r) => [r.name, r.kind, r.twoLegged])).toEqual([
      ['Qual. Round 1', 'qualifying', true],
      ['Qual. Round 2', 'qualifying', true],
      ['Group stage', 'group', false],
      ['Quarterfinals', 'knockout', true],
      ['Semifinals', 'knockout', true],
      ['Final', 'knockout', true],
    ]);
  });

  test('group stage: 16 teams in 4 groups of 4, 48 matches, 82 goals, six matchdays of eight matches', () => {
    expect(season.groups.map((g) => [g.label, g.teams.length, g.source])).toEqual([
      ['A', 4, 'groups-option'],
      ['B', 4, 'groups-option'],
      ['C', 4, 'groups-option'],
      ['D', 4, 'groups-option'],
    ]);
    expect(season.groups[3]?.teams).toEqual([
      { name: 'Al Ahly SC', code: 'EGY' },
      { name: 'CR Bélouizdad', code: 'ALG' },
      { name: 'Young Africans', code: 'TAN' },
      { name: 'Medeama SC', code: 'GHA' },
    ]);
    const group = season.matches.filter((m) => m.round === 'group-stage');
    expect(group).toHaveLength(48);
    expect(goalsIn(season, 'group-stage')).toBe(82);
    const perMatchday = [1, 2, 3, 4, 5, 6].map((md) => group.filter((m) => m.matchday === md).length);
    expect(perMatchday).toEqual([8, 8, 8, 8, 8, 8]);
    // The postponed CR Bélouizdad v Al Ahly (Feb 16) is both teams' 4th match.
    expect(group.find((m) => m.date === '2024-02-16')).toMatchObject({ group: 'D', matchday: 4, home: { name: 'CR Bélouizdad' }, away: { name: 'Al Ahly SC' } });
  });

  test('goals per round, from the printed scores (awarded legs not counted)', () => {
    expect(['qual-round-1', 'qual-round-2', 'group-stage', 'quarterfinals', 'semifinals', 'final'].map((r) => goalsIn(season, r))).toEqual([85, 79, 82, 6, 5, 1]);
    expect(season.summary.goals).toBe(258);
  });

  test('ties: 22 + 16 in qualifying, 4 + 2 + 1 in the knockout, with penalties and awarded legs', () => {
    const count = (round: string) => season.ties.filter((t) => t.round === round).length;
    expect(['qual-round-1', 'qual-round-2', 'quarterfinals', 'semifinals', 'final'].map(count)).toEqual([22, 16, 4, 2, 1]);
    expect(season.ties.find((t) => t.first.name === 'Young Africans')).toMatchObject({ round: 'quarterfinals', second: { name: 'Mamelodi Sundowns' }, aggregate: [0, 0], penalties: [2, 3] });
    expect(season.ties.find((t) => t.first.name === 'Wau Salaam FC')).toMatchObject({ round: 'qual-round-1', aggregate: [0, 6], awardedLegs: [33, 44] });
    expect(season.ties.filter((t) => t.awardedLegs.length > 0)).toHaveLength(2);
    expect(season.ties.filter((t) => t.penalties !== null).map((t) => t.first.name)).toEqual(['Medeama SC', 'Jwaneng Galaxy', 'Young Africans', 'Espérance de Tunis']);
    expect(season.ties.find((t) => t.round === 'final')).toMatchObject({ first: { name: 'Espérance de Tunis' }, second: { name: 'Al Ahly SC' }, aggregate: [0, 1], legs: [201, 203] });
  });

  test('a match keeps the date only, with the printed time as a note; legs are numbered', () => {
    const first = season.matches[0];
    expect(first).toMatchObject({
      line: 11,
      date: '2023-08-18',
      kickoff: { local: '22.00', zone: null, carried: false },
      timeNote: 'kick-off printed as 22.00 local time; the file gives no time zone',
      home: { name: 'CS Constantine', code: 'ALG' },
      away: { name: 'Étoile du Sahel', code: 'TUN' },
      score: [0, 2],
      halfTime: [0, 0],
      leg: 1,
      goals: null,
      venue: null,
    });
    // A continuation line (no time printed) shares the time above it, and says so.
    expect(season.matches.find((m) => m.line === 15)).toMatchObject({ home: { name: 'African Stars' }, kickoff: { local: '16.00', carried: true } });
    // January–June dates take the second year of the label.
    expect(season.matches.find((m) => m.line === 203)).toMatchObject({ date: '2024-05-25', leg: 2, score: [1, 0] });
  });

  test('what the format did not give', () => {
    expect(season.summary.missing).toEqual({ scorers: 109, scorerMismatches: [], venues: 138, kickoffTimes: 0, timeZones: 138, halfTimes: 25 });
  });
});

describe('CAF Champions League 2024-25 (cl-2024-25.txt, qualifying only)', () => {
  const season = parse('cl-2024-25.txt', '2024-25');

  test('59 teams, 86 matches in two qualifying rounds, 194 goals, no groups', () => {
    expect(season.summary).toMatchObject({ clubs: 59, matches: 86, played: 85, awarded: 1, rounds: 2, groups: 0, goals: 194 });
    expect(season.rounds.map((r) => [r.name, r.kind, r.twoLegged])).toEqual([
      ['Qual. Round 1', 'qualifying', true],
      ['Qual. Round 2', 'qualifying', true],
    ]);
    expect(season.ties.filter((t) => t.round === 'qual-round-1')).toHaveLength(27);
    expect(season.ties.filter((t) => t.round === 'qual-round-2')).toHaveLength(16);
    expect(season.ties.filter((t) => t.penalties !== null)).toHaveLength(4);
  });

  test('the last date is 22 September 2024', () => {
    expect(season.matches.at(-1)?.date).toBe('2024-09-22');
  });
});

describe('African Football League 2023 (afl-2023.txt)', () => {
  const season = parse('afl-2023.txt', '2023');

  test('8 clubs, 14 matches, one leg without a result, 23 goals, no half-times', () => {
    expect(season.summary).toMatchObject({ clubs: 8, matches: 14, played: 13, withoutResult: 1, goals: 23, rounds: 3, groups: 0 });
    expect(season.summary.missing.halfTimes).toBe(13);
  });

  test('the unplayed semi-final leg leaves its tie without an aggregate', () => {
    expect(season.ties).toHaveLength(7);
    expect(season.ties.find((t) => t.first.name === 'Wydad AC' && t.round === 'semifinals')).toMatchObject({ second: { name: 'Espérance de Tunis' }, aggregate: null, legs: [27, 31] });
    expect(season.matches.find((m) => m.line === 31)).toMatchObject({ score: null, leg: 2 });
  });
});

describe('World Cup 2022 (worldcup-2022.txt, openfootball/worldcup more/2022.txt)', () => {
  const season = parse('worldcup-2022.txt', '2022');

  test('32 teams, 64 matches, 8 groups from the headings, 172 goals', () => {
    expect(season.summary).toMatchObject({ clubs: 32, matches: 64, played: 64, groups: 8, rounds: 6, goals: 172 });
    expect(season.groups.map((g) => g.label).join('')).toBe('ABCDEFGH');
    expect(season.groups.every((g) => g.teams.length === 4 && g.source === 'headings')).toBe(true);
    expect(season.rounds.map((r) => [r.name, r.kind, r.twoLegged])).toEqual([
      ['First stage', 'group', false],
      ['Round of 16', 'knockout', false],
      ['Quarter-final', 'knockout', false],
      ['Semi-final', 'knockout', false],
      ['Play-off for third place', 'knockout', false],
      ['Final', 'knockout', false],
    ]);
    expect(goalsIn(season, 'first-stage')).toBe(120);
  });

  test('every goal has a scorer: 172 goals, 17 penalties, 2 own goals, all adding up to the scores', () => {
    const goals = season.matches.flatMap((m) => m.goals ?? []);
    expect(goals).toHaveLength(172);
    expect(goals.filter((g) => g.penalty)).toHaveLength(17);
    expect(goals.filter((g) => g.ownGoal).map((g) => g.player)).toEqual(['Nayef AGUERD', 'Enzo FERNANDEZ']);
    expect(season.summary.missing).toMatchObject({ scorers: 0, scorerMismatches: [], venues: 0, kickoffTimes: 0, timeZones: 0, halfTimes: 64 });
  });

  test('the final: 3-3 after extra time, 4-2 on penalties, Mbappé 3 goals on the away side', () => {
    const final = season.matches.at(-1);
    expect(final).toMatchObject({
      round: 'final',
      date: '2022-12-18',
      kickoff: { local: '18:00', zone: 'UTC+3' },
      venue: 'Lusail Stadium, Al Daayen',
      home: { name: 'Argentina' },
      away: { name: 'France' },
      score: [3, 3],
      extraTime: true,
      penalties: [4, 2],
    });
    expect(final?.goals?.filter((g) => g.side === 'away').map((g) => [g.minute, g.penalty])).toEqual([
      [80, true],
      [81, false],
      [118, true],
    ]);
    expect(season.matches.filter((m) => m.extraTime)).toHaveLength(5);
  });

  test('stoppage time and a scorer block over two lines', () => {
    const iran = season.matches.find((m) => m.home.name === 'England' && m.away.name === 'Iran');
    expect(iran?.goals?.map((g) => `${g.side} ${g.player} ${g.minute}${g.stoppage ? `+${g.stoppage}` : ''}${g.penalty ? 'p' : ''} @${g.line}`)).toEqual([
      'home Jude BELLINGHAM 35 @41',
      'home Bukayo SAKA 43 @41',
      'home Bukayo SAKA 62 @41',
      'home Raheem STERLING 45+1 @41',
      'home Marcus RASHFORD 71 @41',
      'home Jack GREALISH 90 @41',
      'away Mehdi TAREMI 65 @42',
      'away Mehdi TAREMI 90+13p @42',
    ]);
  });

  test('group matchdays: three per team, 16 matches each', () => {
    const group = season.matches.filter((m) => m.round === 'first-stage');
    expect([1, 2, 3].map((md) => group.filter((m) => m.matchday === md).length)).toEqual([16, 16, 16]);
  });
});

describe('World Cup 2022 during the group stage (worldcup-2022-cup.txt, openfootball/worldcup 2022--qatar/cup.txt)', () => {
  const season = parse('worldcup-2022-cup.txt', '2022');

  test('groups from the "Group A | …" lines; 48 fixtures, 26 with a result, 60 goals', () => {
    expect(season.groups.map((g) => [g.label, g.source, g.teams.map((t) => t.name).join(', ')])[1]).toEqual(['B', 'file', 'England, Iran, United States, Wales']);
    expect(season.summary).toMatchObject({ clubs: 32, matches: 48, played: 26, withoutResult: 22, groups: 8, rounds: 1, goals: 60 });
    expect(season.matchdayDates).toHaveLength(13);
    expect(season.matchdayDates[12]).toEqual({ matchday: 13, dates: ['2022-12-02'], line: 25 });
  });

  test('numbered matches, scorers in brackets, penalties marked (pen.)', () => {
    const goals = season.matches.flatMap((m) => m.goals ?? []);
    expect(goals).toHaveLength(60);
    expect(goals.filter((g) => g.penalty)).toHaveLength(7);
    expect(season.matches.find((m) => m.number === 1)).toMatchObject({ date: '2022-11-20', group: 'A', matchday: 1, halfTime: [0, 2], goals: [{ side: 'away', player: 'Enner Valencia', minute: 16, penalty: true }, { side: 'away', minute: 31 }] });
    expect(season.matches.find((m) => m.number === 48)).toMatchObject({ group: 'G', matchday: 3, score: null, goals: null });
  });
});

describe('the newer layout: "Group A : …" lines, "»" headings, dates with year and venue, "Home v Away", bare scorer lines', () => {
  const text = [
    '= World Cup 2022',
    '',
    'Group A : Qatar, Ecuador, Senegal, Netherlands',
    '',
    '» Group stage - Group A',
    'Sun Nov/20 2022 @ Al Bayt Stadium › Al Khor, Qatar',
    '  Qatar v Ecuador  0-2',
    "    Enner Valencia 16' (p), 31'",
    '',
    'Mon Nov/21 2022 @ Al Thumama Stadium › Doha, Qatar',
    '  Senegal v Netherlands  0-2 (0-0)',
    "    -; Cody Gakpo 84', Davy Klaassen 90+9'",
    '',
    '» Final',
    'Sun Dec/18 2022 @ Lusail Stadium › Lusail, Qatar',
    '  Argentina v France  3-3 a.e.t. (2-2, 2-0), 4-2 pen.',
    "    Lionel Messi 23' (p), 108', Angel Di Maria 36'; Kylian Mbappe 80' (p), 81', 118' (p)",
    '',
  ].join('\n');
  const result = parseFootballTxt(text, { fileName: 'newer.txt', seasonLabel: '2022' });

  test('reads, with groups from the file and the venue from the date line', () => {
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    const { season } = result;
    expect(season.groups).toEqual([{ label: 'A', round: 'group-stage', source: 'file', teams: ['Qatar', 'Ecuador', 'Senegal', 'Netherlands'].map((name) => ({ name, code: null })) }]);
    expect(season.matches.map((m) => [m.date, m.group, m.matchday, m.venue, m.kickoff, m.score, m.halfTime])).toEqual([
      ['2022-11-20', 'A', 1, 'Al Bayt Stadium › Al Khor, Qatar', null, [0, 2], null],
      ['2022-11-21', 'A', 1, 'Al Thumama Stadium › Doha, Qatar', null, [0, 2], [0, 0]],
      ['2022-12-18', null, null, 'Lusail Stadium › Lusail, Qatar', null, [3, 3], [2, 0]],
    ]);
    expect(season.matches.map((m) => m.goals?.map((g) => `${g.side[0]}${g.minute}${g.stoppage ? `+${g.stoppage}` : ''}${g.penalty ? 'p' : ''}`).join(' '))).toEqual([
      'a16p a31',
      'a84 a90+9',
      'h23p h108 h36 a80p a81 a118p',
    ]);
    expect(season.summary.missing).toMatchObject({ kickoffTimes: 3, venues: 0, scorers: 0 });
  });
});
