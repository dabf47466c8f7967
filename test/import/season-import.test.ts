// The importer's mapping, in memory: the shipped CAF Champions League 2023-24 file onto the current
// season schema (counts read from the file and the parser's whole-file tests), clubs through
// clubs.json, and the competitions the current schema cannot hold yet.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkClubs, type ClubsFile } from '../../src/clubs/schema.js';
import { parseFootballTxt, type GroupsInput, type ParsedSeason } from '../../src/football-txt/index.js';
import { importSeason, mapClubs, type SeasonImport } from '../../src/import/season.js';
import { parseSeason } from '../../src/season/parse.js';

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

describe('what the current schema cannot hold fails, saying which part of the format is missing', () => {
  test.each([
    ['afl-2023.txt', 'afl-2023', 'African Football League', '2023', ['missing: two qualifying rounds (the file has 0)', 'missing: a group stage (the file has no group round)']],
    ['cl-2024-25.txt', 'caf-cl-2024-25', 'CAF Champions League', '2024-25', ['missing: a group stage (the file has no group round)', 'missing: quarter-finals, semi-finals and final (the file has no knockout round)']],
  ])('%s', (name, id, competition, label, missing) => {
    const result = importSeason(parsed(name, label), shippedClubs(), options(id, competition, label, name));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatch(new RegExp(`^${name.replace('.', '\\.')}: the current season format cannot hold this competition yet`));
    expect(result.problems.filter((p) => p.startsWith('missing:'))).toEqual(missing);
  });

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
