// The importer's mapping, in memory: the shipped openfootball files (Champions League 2023-24 and
// 2024-25, African Football League 2023) onto season files with their format built from the file's
// sections (counts read from the files and the parser's whole-file tests), clubs through clubs.json.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkClubs, type ClubsFile } from '../../src/clubs/schema.js';
import { parseFootballTxt, type GroupsInput, type ParsedSeason } from '../../src/football-txt/index.js';
import { formatOf } from '../../src/import/format.js';
import { importSeason, mapClubs, type SeasonImport } from '../../src/import/season.js';
import { seasonProgress } from '../../src/domain/season-status.js';
import { parseSeason } from '../../src/season/parse.js';
import { shownGroupLabels } from '../../src/domain/format.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/openfootball/${name}`, import.meta.url), 'utf8');
const SOURCE = 'https://github.com/openfootball/africa/blob/16b5eccee9a91f00fd12c9cb2aa8d0cb088f919f/champions-league/2023-24/cl.txt';

const shippedClubs = (): ClubsFile => {
  const checked = checkClubs(JSON.parse(readFileSync(new URL('../../data/clubs.json', import.meta.url), 'utf8')));
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  return checked.file;
};
/** clubs.json as it was before the Champions League import: the Confederation Cup's 52 clubs. */
const confedOnly = (): ClubsFile => {
  const clubs = shippedClubs();
  return { ...clubs, clubs: clubs.clubs.filter((c) => c.sources.some((s) => s.startsWith('data/seasons/caf-cc-2023-24.json'))) };
};

const parsed = (name: string, label: string, groups?: GroupsInput): ParsedSeason => {
  const result = parseFootballTxt(fixture(name), { fileName: name, seasonLabel: label, ...(groups ? { groups } : {}) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.season;
};

const options = (id: string, competition: string, label: string, fileName: string) => ({ id, competition, label, fileName, source: SOURCE, asOf: '2024-10-05', groupsSources: ['groups source'] });

const groupsFile = JSON.parse(fixture('cl-2023-24-groups.json')) as GroupsInput;
const cl = parsed('cl-2023-24.txt', '2023-24', groupsFile);

const imported = (clubs: ClubsFile): SeasonImport => {
  const result = importSeason(cl, clubs, options('caf-cl-2023-24', 'CAF Champions League', '2023-24', 'cl-2023-24.txt'));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.value;
};

describe('CAF Champions League 2023-24 onto the current season schema', () => {
  const { file, clubs, newClubs } = imported(confedOnly());
  const season = parseSeason(JSON.parse(JSON.stringify(file)), 'cl.json').season;

  test('the validator the bot uses accepts it; header fields say what it is', () => {
    expect(file).toMatchObject({ id: 'caf-cl-2023-24', label: '2023-24', competition: 'CAF Champions League', name: '2023–24 CAF Champions League', asOf: '2024-10-05', champion: 'Al Ahly SC' });
    expect(season.teams).toHaveLength(54);
    expect(season.matches).toHaveLength(138);
  });

  test('54 clubs, none of them a Confederation Cup club: all new, AS Douanes (BFA) is not Niger\'s AS Douanes', () => {
    expect(clubs).toHaveLength(54);
    expect(newClubs).toHaveLength(54);
    const douanes = clubs.find((c) => c.printed.name === 'AS Douanes');
    expect(douanes).toMatchObject({ isNew: true, club: { id: 'as-douanes', association: 'BFA' } });
    expect(douanes?.sameNameElsewhere.map((c) => c.id)).toEqual(['as-douanes-niger']);
  });

  test('with the shipped clubs.json every club is known and keeps its id', () => {
    const again = imported(shippedClubs());
    expect(again.newClubs).toEqual([]);
    expect(again.clubs.filter((c) => !c.isNew)).toHaveLength(54);
    expect(again.clubs.find((c) => c.printed.name === 'AS Douanes')?.club.id).toBe('as-douanes');
  });

  test('matches per stage, statuses and goals: 258 goals in the played matches, 4 awarded legs with their printed scores', () => {
    const perStage = Object.fromEntries(['first_round', 'second_round', 'group', 'quarter_final', 'semi_final', 'final'].map((s) => [s, season.matches.filter((m) => m.stage === s).length]));
    expect(perStage).toEqual({ first_round: 44, second_round: 32, group: 48, quarter_final: 8, semi_final: 4, final: 2 });
    const played = season.matches.filter((m) => m.status === 'played');
    expect(played).toHaveLength(134);
    expect(played.reduce((n, m) => n + (m.score ? m.score.home + m.score.away : 0), 0)).toBe(258);
    const awarded = season.matches.filter((m) => m.status === 'awarded');
    expect(awarded.map((m) => [m.id, m.score, m.decision?.score, m.decision?.winner])).toEqual([
      ['R1-T21-L1', null, { home: 0, away: 3 }, 'al-hilal-omdurman'],
      ['R1-T21-L2', null, { home: 3, away: 0 }, 'al-hilal-omdurman'],
      ['R1-T22-L1', null, { home: 3, away: 0 }, 'as-douanes'],
      ['R1-T22-L2', null, { home: 0, away: 3 }, 'as-douanes'],
    ]);
  });

  test('groups A–D of four from the groups file, six matchdays of eight matches', () => {
    expect(file.groups.map((g) => [g.id, g.teams.length])).toEqual([['A', 4], ['B', 4], ['C', 4], ['D', 4]]);
    expect(file.groups[3]?.teams).toEqual(['Al Ahly SC', 'CR Bélouizdad', 'Young Africans', 'Medeama SC']);
    expect(file.groups[0]?.sources).toEqual(['groups source', SOURCE]);
    const group = season.matches.filter((m) => m.stage === 'group');
    expect([1, 2, 3, 4, 5, 6].map((md) => group.filter((m) => m.matchday === md).length)).toEqual([8, 8, 8, 8, 8, 8]);
    expect(group.find((m) => m.date === '2024-02-16')).toMatchObject({ id: 'GD-MD4-2', home: 'cr-belouizdad', away: 'al-ahly-sc' });
  });

  test('ties numbered in order of their first legs, both legs under one number', () => {
    const final = season.matches.filter((m) => m.stage === 'final').map((m) => [m.id, m.tie, m.leg, m.date]);
    expect(final).toEqual([['F-L1', 1, 1, '2024-05-18'], ['F-L2', 1, 2, '2024-05-25']]);
    expect(season.matches.filter((m) => m.stage === 'first_round').map((m) => m.tie).filter((t, i, all) => all.indexOf(t) === i)).toHaveLength(22);
    const qf2 = season.matches.filter((m) => m.id.startsWith('QF2-'));
    expect(qf2.map((m) => [m.home, m.away, m.score, m.penalties])).toEqual([
      ['young-africans', 'mamelodi-sundowns', { home: 0, away: 0 }, null],
      ['mamelodi-sundowns', 'young-africans', { home: 0, away: 0 }, { home: 3, away: 2 }],
    ]);
  });

  test('clubs with a bye enter in the second round', () => {
    const entry = (name: string) => season.teams.find((t) => t.name === name)?.entryRound;
    expect([entry('Al Ahly SC'), entry('Mamelodi Sundowns'), entry('Young Africans'), entry('AS Douanes')]).toEqual(['second_round', 'second_round', 'first_round', 'first_round']);
  });

  test('what the format does not give stays null: kickoffs, venues, scorers; the printed time and half-time go in the note', () => {
    expect(season.matches.every((m) => m.kickoff === null && m.venue === null && m.goals.length === 0)).toBe(true);
    expect(season.matches[0]).toMatchObject({ id: 'R1-T01-L1', date: '2023-08-18', note: 'Kick-off printed as 22.00 local time; the file gives no time zone. Half-time 0-0.' });
    expect(file.gaps.map((g) => g.subject)).toEqual(expect.arrayContaining(['matches.goals', 'matches.venue', 'matches.kickoff']));
    expect(file.gaps.find((g) => g.subject === 'matches.goals')?.text).toMatch(/109 played match/);
    expect(season.associations.every((a) => a.rank === null && a.points === null && a.sources[0] === SOURCE)).toBe(true);
  });

  test('ranking criteria are the seed\'s Champions League column, ×5 for 2023-24', () => {
    expect(file.rankingCriteria).toMatchObject({ confederationCup: { winners: 6, runnersUp: 5, groupFourth: 1 }, seasonCoefficient: 5 });
  });
});

const AFL_SOURCE = 'https://github.com/openfootball/africa/blob/16b5eccee9a91f00fd12c9cb2aa8d0cb088f919f/african-football-league/2023/afl.txt';
const CL25_SOURCE = 'https://github.com/openfootball/africa/blob/16b5eccee9a91f00fd12c9cb2aa8d0cb088f919f/champions-league/2024-25/cl.txt';

const importFile = (name: string, id: string, competition: string, label: string, source: string, clubs = shippedClubs()): SeasonImport => {
  const result = importSeason(parsed(name, label), clubs, { ...options(id, competition, label, name), source });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.value;
};
const seasonOf = (file: SeasonImport['file'], name: string) => parseSeason(JSON.parse(JSON.stringify(file)), name).season;

describe('the format comes from the file\'s sections', () => {
  test.each([
    ['cl-2023-24.txt', '2023-24', [['first_round', 'qualifying', 'two_legged'], ['second_round', 'qualifying', 'two_legged'], ['group', 'group', 'A,B,C,D/6'], ['quarter_final', 'knockout', 'two_legged'], ['semi_final', 'knockout', 'two_legged'], ['final', 'knockout', 'two_legged']]],
    ['afl-2023.txt', '2023', [['quarter_final', 'knockout', 'two_legged'], ['semi_final', 'knockout', 'two_legged'], ['final', 'knockout', 'two_legged']]],
    ['cl-2024-25.txt', '2024-25', [['first_round', 'qualifying', 'two_legged'], ['second_round', 'qualifying', 'two_legged']]],
  ])('%s', (name, label, stages) => {
    const result = formatOf(name === 'cl-2023-24.txt' ? cl : parsed(name, label));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.format.tiebreak).toBe('caf');
    expect(result.format.stages.map((st) => [st.code, st.kind, st.kind === 'group' ? `${st.groups.join()}/${st.matchdays}` : st.legs])).toEqual(stages);
  });

  test('a round of one match per pair is single-leg; other names keep their own code, name and key', () => {
    const text = [
      '= Test Cup 2023',
      '',
      'Round of 16',
      '[Sat Oct/7]',
      '  Alpha FC (EGY)  1-0  Bravo FC (MAR)',
      '  Charlie FC (TUN)  2-2 a.e.t., 4-3 pen.  Delta FC (ALG)',
      '',
      'Final',
      '[Sat Oct/21]',
      '  Alpha FC (EGY)  0-1  Charlie FC (TUN)',
    ].join('\n');
    const result = parseFootballTxt(text, { fileName: 'cup.txt', seasonLabel: '2023' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const format = formatOf(result.season);
    if (!format.ok) throw new Error(format.problems.join('\n'));
    expect(format.format.stages).toEqual([
      { code: 'round_of_16', name: 'Round of 16', key: 'RO16', kind: 'knockout', legs: 'single_leg' },
      { code: 'final', name: 'Final', key: 'F', kind: 'knockout', legs: 'single_leg' },
    ]);
  });
});

describe('African Football League 2023: a knockout-only competition, whole file', () => {
  const { file, newClubs } = importFile('afl-2023.txt', 'caf-afl-2023', 'African Football League', '2023', AFL_SOURCE);
  const season = seasonOf(file, 'afl.json');

  test('validates; 8 clubs already in clubs.json, entering in the quarter-finals; 14 matches, 13 played, 23 goals', () => {
    expect(newClubs).toEqual([]);
    expect(season.teams).toHaveLength(8);
    expect(season.teams.every((t) => t.entryRound === 'quarter_final')).toBe(true);
    expect(season.matches).toHaveLength(14);
    const played = season.matches.filter((m) => m.status === 'played');
    expect(played).toHaveLength(13);
    expect(played.reduce((n, m) => n + (m.score ? m.score.home + m.score.away : 0), 0)).toBe(23);
  });

  test('the champion is the final\'s winner on aggregate: Mamelodi Sundowns (1-2, 2-0)', () => {
    expect(file.champion).toBe('Mamelodi Sundowns');
    expect(season.matches.filter((m) => m.stage === 'final').map((m) => [m.id, m.home, m.score])).toEqual([
      ['F-L1', 'wydad-ac', { home: 2, away: 1 }],
      ['F-L2', 'mamelodi-sundowns', { home: 2, away: 0 }],
    ]);
  });

  test('the leg the file prints no result for stays unknown: scheduled, no score, a note and a gap say so', () => {
    const leg = season.matches.find((m) => m.id === 'SF1-L2');
    expect(leg).toMatchObject({ status: 'scheduled', score: null, home: 'esperance-de-tunis', away: 'wydad-ac', date: '2023-11-01' });
    expect(leg?.note).toContain('The file prints no result for this match (-). Wydad AC play the next round (Final) in the file.');
    expect(file.gaps.find((g) => g.subject === 'matches.score')?.text).toMatch(/no result for 1 match/);
  });

  test('ranking criteria: the seed\'s African Football League column, counted in 2023-24 (×5)', () => {
    expect(file.rankingCriteria).toMatchObject({ confederationCup: { winners: 7, runnersUp: 6, semiFinalists: 5, quarterFinalists: 4 }, seasonCoefficient: 5 });
    expect(file.rankingCriteria.note).toMatch(/counts in the CAF season that starts that year, 2023-24/);
  });
});

describe('CAF Champions League 2024-25: qualifying only (the dataset stopped in September 2024), whole file', () => {
  const { file, clubs, newClubs } = importFile('cl-2024-25.txt', 'caf-cl-2024-25', 'CAF Champions League', '2024-25', CL25_SOURCE, confedOnly());
  const season = seasonOf(file, 'cl25.json');

  test('validates: 59 clubs, 86 matches (85 played, 1 awarded), two qualifying rounds, no champion', () => {
    expect(clubs).toHaveLength(59);
    expect(season.matches).toHaveLength(86);
    expect(season.matches.filter((m) => m.status === 'played')).toHaveLength(85);
    expect(season.matches.filter((m) => m.status === 'awarded').map((m) => [m.id, m.decision?.winner, m.decision?.score])).toEqual([['R1-T09-L2', 'djoliba-ac', { home: 3, away: 0 }]]);
    expect([...new Set(season.matches.map((m) => m.stage))]).toEqual(['first_round', 'second_round']);
    expect(file.champion).toBeNull();
  });

  test('a Confederation Cup club keeps its id: GD Sagrada Esperança (ANG) is sagrada-esperanca; the others are new', () => {
    const sagrada = clubs.find((c) => c.printed.name === 'GD Sagrada Esperança');
    expect(sagrada).toMatchObject({ isNew: false, club: { id: 'sagrada-esperanca' } });
    expect(newClubs.map((c) => c.id)).not.toContain('sagrada-esperanca');
    expect(season.matches.filter((m) => m.home === 'sagrada-esperanca' || m.away === 'sagrada-esperanca').map((m) => [m.stage, m.score])).toEqual([
      ['first_round', { home: 0, away: 1 }],
      ['first_round', { home: 3, away: 0 }],
      ['second_round', { home: 1, away: 0 }],
      ['second_round', { home: 3, away: 1 }],
    ]);
  });

  test('penalties decide a tie: Jwaneng Galaxy 6-5 on penalties after 1-0, 0-1', () => {
    const leg = season.matches.find((m) => m.home === 'jwaneng-galaxy' && m.stage === 'first_round');
    expect(leg).toMatchObject({ score: { home: 1, away: 0 }, penalties: { home: 6, away: 5 } });
  });

  test('stale on today\'s clock: the last result is 22 September 2024', () => {
    expect(seasonProgress(season, new Date('2026-12-01T00:00:00Z'))).toMatchObject({ status: 'stale', lastResult: new Date('2024-09-22T00:00:00Z') });
  });

  test('ranking criteria: the Champions League column; 2024-25 is past the seed\'s list, ×5 said to be an inference', () => {
    expect(file.rankingCriteria).toMatchObject({ confederationCup: { winners: 6 }, seasonCoefficient: 5 });
    expect(file.rankingCriteria.note).toMatch(/not a published figure/);
  });
});

describe('what the importer refuses', () => {
  test('a competition or season with no sourced ranking criteria fails', () => {
    const result = importSeason(cl, shippedClubs(), options('x', 'CAF Super League', '2023-24', 'cl-2023-24.txt'));
    expect(result.ok ? [] : result.problems).toEqual(['no sourced ranking points for the competition "CAF Super League" (known: African Football League, CAF Champions League, CAF Confederation Cup)']);
  });
});

describe('club mapping problems', () => {
  const clubs = shippedClubs();
  test.each([
    [{ name: 'Al Hilal', code: null }, /"Al Hilal" could be Al Hilal Benghazi \(LBY, id al-hilal-benghazi\) or Al Hilal Omdurman \(SDN, id al-hilal-omdurman\): add the printed name as an alias/],
    [{ name: 'Unheard FC', code: null }, /"Unheard FC" is not in data\/clubs\.json and the file prints no association code/],
    [{ name: 'Unheard FC', code: 'XYZ' }, /the association code XYZ is not in data\/clubs\.json's associations/],
  ])('%j', (printed, problem) => {
    const withAlias: ClubsFile = { ...clubs, clubs: clubs.clubs.map((c) => (c.id === 'al-hilal-omdurman' ? { ...c, aliases: [...c.aliases, 'Al Hilal'] } : c)) };
    expect(mapClubs([printed], withAlias, SOURCE).problems.join('\n')).toMatch(problem);
  });
});

describe('the season file says what it is: label', () => {
  const { file } = imported(shippedClubs());
  test.each([
    ['2023-24', null],
    ['2023', null],
    ['2023/24', /label: expected a season label like "2023-24" or "2023"/],
    ['', /label: expected a season label/],
  ])('label %j', (label, problem) => {
    const attempt = () => parseSeason({ ...JSON.parse(JSON.stringify(file)), label }, 'cl.json');
    if (problem === null) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(problem);
  });

  test('a season file needs its label (several seasons are told apart by it)', () => {
    const { label: _label, ...older } = JSON.parse(JSON.stringify(file)) as Record<string, unknown>;
    expect(() => parseSeason(older, 'cl.json')).toThrow(/label: is missing/);
  });
});

test('data/seasons/caf-cl-2023-24.json is what the importer writes today from the shipped fixture, and it validates', () => {
  const shipped = JSON.parse(readFileSync(new URL('../../data/seasons/caf-cl-2023-24.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const result = importSeason(cl, shippedClubs(), { ...options('caf-cl-2023-24', 'CAF Champions League', '2023-24', 'cl-2023-24.txt'), groupsSources: (JSON.parse(fixture('cl-2023-24-groups.json')) as { sources: string[] }).sources });
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(JSON.parse(JSON.stringify(result.value.file))).toEqual(shipped);
  expect(parseSeason(shipped, 'caf-cl-2023-24.json').season.champion).toBe('al-ahly-sc');
});

describe('a league phase: a group round whose fixtures form one pool and that names no letter', () => {
  // Invented clubs; 7, 14 and 21 September and 5 October 2024 are Saturdays.
  const text = [
    '= Test League 2024-25',
    '',
    'Group',
    '[Sat Sep/7]',
    '  Alpha FC (EGY)  1-0  Beta FC (MAR)',
    '  Gamma FC (ALG)  2-2  Delta FC (TUN)',
    '[Sat Sep/14]',
    '  Alpha FC (EGY)  3-1  Gamma FC (ALG)',
    '  Beta FC (MAR)  0-0  Delta FC (TUN)',
    '[Sat Sep/21]',
    '  Delta FC (TUN)  0-2  Alpha FC (EGY)',
    '  Beta FC (MAR)  1-0  Gamma FC (ALG)',
    '',
    'Final',
    '[Sat Oct/5]',
    '  Alpha FC (EGY)  2-1  Beta FC (MAR)',
    '',
  ].join('\n');
  const result = parseFootballTxt(text, { fileName: 'league.txt', seasonLabel: '2024-25' });

  test('is one unnamed group (no letter is guessed); the season file says "unnamed" and fans see no letter', () => {
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.season.groups).toMatchObject([{ label: 'league', source: 'unnamed' }]);
    const format = formatOf(result.season);
    expect(format.ok && format.format.stages[0]).toMatchObject({ code: 'group', kind: 'group', groups: ['league'], matchdays: 3, unnamed: true });
    const made = importSeason(result.season, shippedClubs(), options('test-league-2024-25', 'CAF Champions League', '2024-25', 'league.txt'));
    if (!made.ok) throw new Error(made.problems.join('\n'));
    expect(made.value.file.champion).toBe('Alpha FC');
    const season = parseSeason(JSON.parse(JSON.stringify(made.value.file)), 'league.json').season;
    expect(season.format.stages[0]).toMatchObject({ kind: 'group', unnamed: true });
    expect(shownGroupLabels(season)).toEqual([]);
    expect(season.matches.filter((m) => m.stage === 'group').every((m) => m.group === 'league')).toBe(true);
  });

  test('two pools without letters still fail, listing them', () => {
    const twoPools = text.replace('  Alpha FC (EGY)  3-1  Gamma FC (ALG)\n  Beta FC (MAR)  0-0  Delta FC (TUN)', '  Alpha FC (EGY)  3-1  Beta FC (MAR)\n  Gamma FC (ALG)  0-0  Delta FC (TUN)')
      .replace('  Delta FC (TUN)  0-2  Alpha FC (EGY)\n  Beta FC (MAR)  1-0  Gamma FC (ALG)', '  Beta FC (MAR)  0-2  Alpha FC (EGY)\n  Delta FC (TUN)  1-0  Gamma FC (ALG)');
    const failed = parseFootballTxt(twoPools, { fileName: 'league.txt', seasonLabel: '2024-25' });
    expect(failed.ok).toBe(false);
    expect(failed.ok ? '' : failed.errors.map((e) => e.message).join('\n')).toContain('The fixtures form 2 pools');
  });
});
