// A goal saved while its match is played (issue 12, goal alerts): the match has kicked off and has no
// result, and an editor saves a goal. The data then holds a scheduled match with goals and no score.
// Such a match is not played (standings, full-time posts), reads as "in progress" with the score so far
// in /fixtures, gets its goal alert from the goal's saving, and a withdrawn goal's correction gives the
// score so far. Pure: the shipped Confederation Cup file, USM Alger v Al Hilal Benghazi (19:00 UTC).
import { describe, expect, test } from 'vitest';
import { renderCorrection, renderMatchPost } from '../../src/discord/announcements/render-results.js';
import { fixtureLines, runningScore } from '../../src/discord/render/match-format.js';
import { matchEmbed } from '../../src/discord/render/match.js';
import { goalKey, planSubscription, type KnownFacts } from '../../src/domain/announcements.js';
import { seasonAsOf, type SightedSeason } from '../../src/domain/as-of.js';
import { seasonRounds } from '../../src/domain/calendar.js';
import { validateChange } from '../../src/domain/edits.js';
import { indexSeason } from '../../src/domain/season-index.js';
import { computeGroupTables } from '../../src/domain/standings.js';
import type { Goal, Match, Season } from '../../src/domain/types.js';
import { createI18n } from '../../src/i18n/index.js';
import { readSeasonFile } from '../../src/season/read.js';
import { seasonProblems } from '../../src/editing/service.js';

const { season: file } = readSeasonFile();
const ID = 'GA-MD1-1';
const KICKOFF = Date.parse('2023-11-26T19:00:00Z');
const at = (iso: string): number => Date.parse(iso);
const i18n = createI18n();

const original = file.matches.find((m) => m.id === ID)!;
const USMA = original.home;
const HILAL = original.away;
const merili: Goal = { team: USMA, player: 'Islam Merili', minute: '54', type: 'regular' };
const equaliser: Goal = { team: HILAL, player: 'A. Player', minute: '71', type: 'regular' };

/** The season with the match being played: scheduled, no score, the goals given; sightings of those goals. */
const inPlaySeason = (goals: readonly (readonly [Goal, string])[]): SightedSeason => {
  const live: Match = { ...original, status: 'scheduled', score: null, goals: goals.map(([g]) => g), redCards: null, note: null };
  const sightings: KnownFacts = { results: new Map(), goals: new Map([[ID, new Map(goals.map(([g, when]) => [goalKey(g), at(when)]))]]) };
  return { ...file, matches: file.matches.map((m) => (m.id === ID ? live : m)), sightings };
};
const matchIn = (s: Season): Match => s.matches.find((m) => m.id === ID)!;

const oneGoal = inPlaySeason([[merili, '2023-11-26T19:56:00Z']]);
const twoGoals = inPlaySeason([[merili, '2023-11-26T19:56:00Z'], [equaliser, '2023-11-26T20:14:00Z']]);

describe('the view as of now keeps a match being played without a result, with the goals seen by then', () => {
  test.each([
    ['before the goal was saved', '2023-11-26T19:55:00Z', []],
    ['when it was saved', '2023-11-26T19:56:00Z', ['54']],
    ['before the second', '2023-11-26T20:13:59Z', ['54']],
    ['after both', '2023-11-26T20:14:00Z', ['54', '71']],
    ['long after full time, still no result', '2023-11-27T12:00:00Z', ['54', '71']],
  ] as const)('%s (%s): goals %j, no score, scheduled', (_label, instant, minutes) => {
    const view = matchIn(seasonAsOf(twoGoals, new Date(instant)));
    expect(view.goals.map((g) => g.minute)).toEqual(minutes);
    expect(view).toMatchObject({ status: 'scheduled', score: null });
  });

  test('its play is over at kickoff + 3 h: from then it reads "result not published" with its goals, no longer in progress', () => {
    // In clock order, so the view cached for the earlier step must not be served past the window's end.
    const during = matchIn(seasonAsOf(twoGoals, new Date(KICKOFF + 3 * 3_600_000 - 1)));
    const after = matchIn(seasonAsOf(twoGoals, new Date(KICKOFF + 3 * 3_600_000)));
    expect(during.resultNotPublished).toBe(false);
    expect(after).toMatchObject({ status: 'scheduled', score: null, resultNotPublished: true });
    expect(after.goals.map((g) => g.minute)).toEqual(['54', '71']);
    const index = indexSeason(file);
    const line = (m: Match) => fixtureLines(m, (id) => index.teamName(id), undefined, { competition: file.competition, tr: i18n.translator('en') }).join('\n');
    expect(line(during)).toContain('in progress');
    expect(line(after)).not.toContain('in progress');
    expect(line(after)).toMatch(/result not published/i);
  });

  test('standings do not count it: the table is the one without the goal', () => {
    const withGoal = computeGroupTables(seasonAsOf(oneGoal, new Date('2023-11-26T20:00:00Z')));
    const without = computeGroupTables(seasonAsOf(inPlaySeason([]), new Date('2023-11-26T20:00:00Z')));
    expect(withGoal).toEqual(without);
    const usma = withGoal.flatMap((t) => t.rows).find((r) => r.team === USMA);
    expect(usma?.played).toBe(0);
  });

  test('the season file rules accept goals on a scheduled match, not on a postponed one', () => {
    expect(seasonProblems(oneGoal)).toEqual([]);
    const postponed = { ...oneGoal, matches: oneGoal.matches.map((m) => (m.id === ID ? { ...m, status: 'postponed' as const } : m)) };
    expect(seasonProblems(postponed).join(' ')).toMatch(/goals are listed but the score is null/i);
  });
});

describe('/fixtures shows it in progress with the score so far, in the fan\'s language', () => {
  const index = indexSeason(file);
  const name = (id: string) => index.teamName(id);
  const live = matchIn(seasonAsOf(twoGoals, new Date('2023-11-26T20:30:00Z')));
  test.each([
    ['en', 'in progress'],
    ['fr', 'en cours'],
    ['ar', 'جارية'],
    ['pt', 'em curso'],
  ] as const)('%s: "%s" and 1–1, not bold', (language, words) => {
    const text = fixtureLines(live, name, undefined, { competition: file.competition, tr: i18n.translator(language) }).join('\n');
    expect(text).toContain(words);
    expect(text).toContain('1–1');
    expect(text).not.toContain('**1–1**');
  });
  test.each([
    ['en', 'In progress: 1–1 so far'],
    ['fr', 'En cours : 1–1 pour l’instant'],
  ] as const)('/match in %s: "%s", and its goals', (language, status) => {
    const embed = matchEmbed({ season: file, match: live, tie: null, teamName: name, now: new Date('2023-11-26T20:30:00Z'), tr: i18n.translator(language) });
    const shown = JSON.stringify(embed);
    expect(shown).toContain(status);
    expect(shown).toContain("Islam Merili 54'");
  });
  test('a scheduled match with no goal and a played one read as before', () => {
    expect(runningScore(matchIn(inPlaySeason([])))).toBeNull();
    expect(runningScore(original)).toBeNull();
    const played = fixtureLines(original, name, undefined, { competition: file.competition, tr: i18n.translator('en') }).join('\n');
    expect(played).toContain('**2–0**');
    expect(played).not.toContain('in progress');
  });
});

describe('posts: a goal alert from the goal\'s saving, no full-time post, a correction with the score so far', () => {
  const sub = { guildId: 'g', channelId: 'c', season: file.id, leadsMs: [], results: 'each' as const, goals: true, roleId: null, activeFrom: 0 };
  test('one alert per goal saved within kickoff + 3 h, and no full-time post for the match', () => {
    const late = inPlaySeason([[merili, '2023-11-26T19:56:00Z'], [equaliser, '2023-11-26T22:30:00Z']]);
    const posts = planSubscription(seasonRounds(late), sub, undefined, { facts: late.sightings! }).filter((p) => p.slot.startsWith(ID));
    expect(posts.map((p) => [p.kind, p.dueAt])).toEqual([['goal', at('2023-11-26T19:56:00Z')]]);
    expect(at('2023-11-26T22:30:00Z') - KICKOFF).toBeGreaterThan(3 * 60 * 60 * 1000);
  });
  test.each([
    ['en', /no longer stands\. Now: .*USM Alger.*1–0.*\(in progress\)/s],
    ['fr', /ne compte plus\. Désormais : .*1–0.*\(en cours\)/s],
  ] as const)('%s: the equaliser withdrawn reads the score so far', (language, expected) => {
    const round = seasonRounds(oneGoal).find((r) => r.matches.some((m) => m.id === ID))!;
    const post = renderCorrection(oneGoal, round, ID, `goal:${goalKey(equaliser)}`, i18n.translator(language));
    expect(post.messages.map((m) => JSON.stringify(m)).join('\n')).toMatch(expected);
  });

  // A result withdrawn (an editor's undo) weeks after the match, its goals kept: the sandbox's correction read
  // "Carthage Wanderers 1–0 Nile Stars (in progress)" five weeks after kickoff.
  test.each([
    ['during the match', KICKOFF + 3 * 3_600_000 - 60_000, /It now reads: .*USM Alger.*1–0.*\(in progress\)/s, /result not published/],
    ['past kickoff + 3 h', KICKOFF + 3 * 3_600_000, /It now reads: .*USM Alger.* v .*: result not published/s, /in progress/],
    ['five weeks later', KICKOFF + 35 * 24 * 3_600_000, /It now reads: .*USM Alger.* v .*: result not published/s, /in progress/],
  ] as const)('a withdrawn result rendered %s reads as /fixtures does at that instant', (_label, instant, expected, absent) => {
    const round = seasonRounds(oneGoal).find((r) => r.matches.some((m) => m.id === ID))!;
    const post = renderMatchPost({ full: oneGoal, view: seasonAsOf(oneGoal, new Date(instant)) }, { kind: 'correction', slot: `${ID}:result:1`, season: file.id }, round, i18n.translator('en'));
    const text = post.messages.map((m) => JSON.stringify(m)).join('\n');
    expect(text).toMatch(expected);
    expect(text).not.toMatch(absent);
  });

  test.each([
    ['fr', /résultat non publié/],
    ['ar', /لم تُنشر النتيجة/],
    ['pt', /resultado não publicado/],
  ] as const)('%s: past kickoff + 3 h the withdrawn result reads "result not published"', (language, expected) => {
    const round = seasonRounds(oneGoal).find((r) => r.matches.some((m) => m.id === ID))!;
    const post = renderMatchPost({ full: oneGoal, view: seasonAsOf(oneGoal, new Date(KICKOFF + 4 * 3_600_000)) }, { kind: 'correction', slot: `${ID}:result:1`, season: file.id }, round, i18n.translator(language));
    expect(post.messages.map((m) => JSON.stringify(m)).join('\n')).toMatch(expected);
  });
});

describe('validation in play', () => {
  const season = inPlaySeason([]);
  const goal = (minute: string, now: string, team = 'USM Alger') => validateChange(season, { kind: 'goal', match: ID, team, player: 'X', minute, source: 'live' }, { today: now.slice(0, 10), now: at(now) });
  test.each([
    ['before kickoff', 'USM Alger', '54', '2023-11-26T18:59:00Z', /has not kicked off yet/],
    ['without a clock (no now)', 'USM Alger', '54', null, /no result yet/],
    ['extra time in a group match', 'USM Alger', '105', '2023-11-26T20:30:00Z', /a group match has none/],
    ['minute 200', 'USM Alger', '200', '2023-11-26T20:30:00Z', /after the end of a match/],
    ['a club not in the match', 'Zamalek', '54', '2023-11-26T20:30:00Z', /not playing|No club of this match/],
  ] as const)('refused %s', (_label, team, minute, now, problem) => {
    const v = now === null ? validateChange(season, { kind: 'goal', match: ID, team, player: 'X', minute, source: 'live' }, { today: '2023-11-26' }) : goal(minute, now, team);
    expect(v.ok).toBe(false);
    expect(v.ok ? '' : v.problems.join(' ')).toMatch(problem);
  });
  test('accepted at kickoff and after: no cap by a score (there is none yet)', () => {
    expect(goal('1', '2023-11-26T19:00:00Z')).toMatchObject({ ok: true, after: { goals: [{ team: USMA, minute: '1' }] } });
    const three = inPlaySeason([[merili, '2023-11-26T19:56:00Z'], [{ ...merili, minute: '60' }, '2023-11-26T20:02:00Z'], [{ ...merili, minute: '70' }, '2023-11-26T20:12:00Z']]);
    const fourth = validateChange(three, { kind: 'goal', match: ID, team: 'USM Alger', player: 'Y', minute: '80', source: 'live' }, { today: '2023-11-26', now: at('2023-11-26T20:22:00Z') });
    expect(fourth.ok && (fourth.after.goals as Goal[]).length).toBe(4);
  });
});
