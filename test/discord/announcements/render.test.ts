import type { APIEmbed } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { detectRoundChanges, snapshotRound, type PlanningRound } from '../../../src/domain/announcements.js';
import { seasonRounds } from '../../../src/domain/calendar.js';
import type { Match, Season } from '../../../src/domain/types.js';
import {
  fitsDiscordLimits,
  renderMoved,
  renderPreview,
  renderRecap,
  renderTestMessage,
  type RenderedPost,
} from '../../../src/discord/announcements/render.js';
import { goal, groupTeams, match, season as makeSeason, team } from '../../domain/builders.js';

const text = (post: RenderedPost): string =>
  post.messages
    .flat()
    .map((e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n'))
    .join('\n');

const unix = (iso: string): number => Date.parse(iso) / 1000;

const gm = (id: string, matchday: number, home: string, away: string, over: Partial<Match> = {}): Match =>
  match({ id, stage: 'group', group: 'A', matchday, home, away, status: 'scheduled', ...over });

const played = (home: number, away: number, goals: Match['goals'] = []): Partial<Match> => ({ status: 'played', score: { home, away }, goals });

const groupSeason = makeSeason({
  teams: groupTeams('A'),
  matches: [
    gm('GA-MD1-1', 1, 'a', 'b', { date: '2023-11-26', kickoff: '2023-11-26T16:00:00Z', venue: 'Stade A', ...played(2, 0, [goal('a', 'Scorer One'), { ...goal('a', 'Pen Taker', 'penalty'), minute: '90+4' }]) }),
    gm('GA-MD1-2', 1, 'c', 'd', { date: '2023-11-26', kickoff: null, ...played(1, 1, [goal('c', null), goal('d', 'Own Goaler', 'own_goal')]) }),
    gm('GA-MD2-1', 2, 'b', 'c', { date: '2023-12-03', kickoff: '2023-12-03T13:00:00Z', ...played(5, 0) }),
    gm('GA-MD2-2', 2, 'd', 'a', { date: '2023-12-03', kickoff: '2023-12-03T16:00:00Z', ...played(0, 3) }),
  ],
});

const roundOf = (s: Season, key: string): PlanningRound => {
  const r = seasonRounds(s).find((x) => x.key === key);
  if (!r) throw new Error(`no round ${key}`);
  return r;
};

describe('renderPreview', () => {
  test('GIVEN matchday 1 THEN fixtures with Discord timestamps, a date where the time is unknown, and no results', () => {
    const post = renderPreview(groupSeason, roundOf(groupSeason, 'GS-MD1'));
    const body = text(post);
    expect(post.messages).toHaveLength(1);
    expect(post.messages[0]?.[0]?.title).toBe('Group stage · Matchday 1 — preview');
    expect(body).toContain(`<t:${unix('2023-11-26T16:00:00Z')}:f> — Alpha v Bravo`);
    expect(body).toContain('Sun 26 Nov 2023 — Charlie v Delta');
    expect(body).not.toContain('time not recorded');
    expect(body).toContain('Stade A');
    expect(post.messages[0]?.[0]?.description).toBe(
      `Starts Sun 26 Nov 2023; not every kickoff time is published (the first published one is <t:${unix('2023-11-26T16:00:00Z')}:F>).`,
    );
    expect(body).not.toContain('2–0');
    expect(body).not.toContain('Table:');
    expect(fitsDiscordLimits(post)).toBe(true);
  });

  test('GIVEN matchday 2 THEN the table before it (matchday 1 only) gives the group context', () => {
    const body = text(renderPreview(groupSeason, roundOf(groupSeason, 'GS-MD2')));
    // Delta is above Charlie on head-to-head away goals (1–1 at Charlie).
    expect(body).toContain('Table: 1. Alpha 3 · 2. Delta 1 · 3. Charlie 1 · 4. Bravo 0');
  });

  test('GIVEN a round with no recorded kick-off time THEN the preview says so', () => {
    const s = makeSeason({ teams: groupTeams('A'), matches: [gm('GA-MD1-1', 1, 'a', 'b', { date: '2023-12-03', kickoff: null })] });
    expect(renderPreview(s, roundOf(s, 'GS-MD1')).messages[0]?.[0]?.description).toBe('Starts Sun 3 Dec 2023; kickoff times not published.');
  });

  test('GIVEN a second leg THEN the first-leg score is shown', () => {
    const s = makeSeason({
      teams: [team('z', { name: 'Zamalek' }), team('b', { name: 'RS Berkane' })],
      matches: [
        match({ id: 'F-L1', stage: 'final', tie: 1, leg: 1, home: 'b', away: 'z', date: '2024-05-12', kickoff: '2024-05-12T19:00:00Z', status: 'played', score: { home: 2, away: 1 } }),
        match({ id: 'F-L2', stage: 'final', tie: 1, leg: 2, home: 'z', away: 'b', date: '2024-05-19', kickoff: '2024-05-19T16:00:00Z', status: 'played', score: { home: 1, away: 0 } }),
      ],
    });
    const body = text(renderPreview(s, roundOf(s, 'F-L2')));
    expect(body).toContain(`<t:${unix('2024-05-19T16:00:00Z')}:f> — Zamalek v RS Berkane`);
    expect(body).toContain('first leg: RS Berkane **2–1** Zamalek');
    expect(body).not.toContain('1–0');
  });
});

describe('renderRecap', () => {
  test('GIVEN matchday 1 of a finished season THEN results, scorers and the table after matchday 1 only', () => {
    const post = renderRecap(groupSeason, roundOf(groupSeason, 'GS-MD1'));
    const body = text(post);
    expect(body).toContain('Alpha **2–0** Bravo');
    expect(body).toContain("Alpha: Scorer One; Pen Taker 90+4' (pen.)");
    expect(body).toContain('Charlie: 1 goal with no scorer recorded');
    expect(body).toContain('Delta: Own Goaler (own goal)');
    expect(body).not.toContain('scorer not recorded, scorer not recorded');
    expect(body).toContain('Group A table after matchday 1');
    // Bravo has 0 points after matchday 1; matchday 2's 5–0 must not leak into it.
    expect(body).toMatch(/Bravo\s+1\s+-2\s+0/);
    expect(fitsDiscordLimits(post)).toBe(true);
  });

  test('GIVEN a played match with fewer recorded goals than its score THEN each side counts its goals with no scorer recorded', () => {
    const s = makeSeason({ teams: groupTeams('A'), matches: [gm('GA-MD1-1', 1, 'a', 'b', played(3, 1, [goal('a', 'Only One'), { ...goal('a', 'Only One'), minute: '88' }]))] });
    const body = text(renderRecap(s, roundOf(s, 'GS-MD1')));
    expect(body).toContain("Alpha: Only One 88', 1 more; 1 goal with no scorer recorded");
    expect(body).toContain('Bravo: 1 goal with no scorer recorded');
  });

  test('GIVEN a brace THEN the player is named once with both minutes', () => {
    const s = makeSeason({
      teams: groupTeams('A'),
      matches: [gm('GA-MD1-1', 1, 'a', 'b', played(2, 0, [{ ...goal('a', 'Ahmed Atef'), minute: '55' }, { ...goal('a', 'Ahmed Atef'), minute: '88' }]))],
    });
    expect(text(renderRecap(s, roundOf(s, 'GS-MD1')))).toContain("Alpha: Ahmed Atef 55', 88'");
  });

  test('GIVEN matchday 6 THEN the recap names who goes through from each group', () => {
    // A double round robin in which the earlier letter always wins 1–0: Alpha and Bravo go through.
    const rounds = [[['a', 'b'], ['c', 'd']], [['a', 'c'], ['b', 'd']], [['a', 'd'], ['b', 'c']]] as const;
    const matches = [1, 2, 3, 4, 5, 6].flatMap((md) =>
      (rounds[(md - 1) % 3] ?? []).map(([x, y], i) => {
        const [home, away] = md > 3 ? [y, x] : [x, y];
        return gm(`GA-MD${md}-${i + 1}`, md, home, away, { date: `2024-0${md}-01`, ...(home === x ? played(1, 0) : played(0, 1)) });
      }),
    );
    const s = makeSeason({ teams: groupTeams('A'), matches });
    // Alpha (four wins) is through after matchday 4 with two games to spare; the last matchday settles Bravo.
    expect(text(renderRecap(s, roundOf(s, 'GS-MD4')))).toContain('Alpha are through with 2 games to spare.');
    expect(text(renderRecap(s, roundOf(s, 'GS-MD6')))).toContain('Through to the quarter-finals: Bravo.');
    expect(text(renderRecap(s, roundOf(s, 'GS-MD6')))).not.toContain('Alpha are through');
  });

  test('GIVEN a later matchday whose result was never published THEN an earlier recap is not told it is missing', () => {
    const rounds = [[['a', 'b'], ['c', 'd']], [['a', 'c'], ['b', 'd']], [['a', 'd'], ['b', 'c']]] as const;
    const matches = [1, 2, 3, 4, 5, 6].flatMap((md) =>
      (rounds[(md - 1) % 3] ?? []).map(([x, y], i) => {
        const [home, away] = md > 3 ? [y, x] : [x, y];
        const result = md === 6 ? { status: 'scheduled' as const, resultNotPublished: true } : home === x ? played(1, 0) : played(0, 1);
        return gm(`GA-MD${md}-${i + 1}`, md, home, away, { date: `2024-0${md}-01`, ...result });
      }),
    );
    const s = makeSeason({ teams: groupTeams('A'), matches });
    const md5 = text(renderRecap(s, roundOf(s, 'GS-MD5')));
    expect(md5).not.toContain('Incomplete');
    expect(md5).not.toMatch(/ are out\.| to the quarter-finals:/);
  });

  test('GIVEN a matchday whose group B kicks off before group A THEN the groups are listed A then B', () => {
    const s = makeSeason({
      teams: [...groupTeams('A'), ...groupTeams('B')],
      matches: [
        match({ id: 'GB-MD1-1', stage: 'group', group: 'B', matchday: 1, home: groupTeams('B')[0]!.id, away: groupTeams('B')[1]!.id, date: '2023-11-25', status: 'scheduled' }),
        gm('GA-MD1-1', 1, 'a', 'b', { date: '2023-11-26' }),
      ],
    });
    const fields = renderPreview(s, roundOf(s, 'GS-MD1')).messages.flat().flatMap((e) => (e.fields ?? []).map((f) => f.name));
    expect(fields).toEqual(['Group A', 'Group B']);
  });

  test('GIVEN the final second leg THEN the aggregate, the away-goals winner and the champion', () => {
    const s = makeSeason({
      name: '2023–24 CAF Confederation Cup',
      competition: 'CAF Confederation Cup',
      teams: [team('z', { name: 'Zamalek' }), team('b', { name: 'RS Berkane' })],
      matches: [
        match({ id: 'F-L1', stage: 'final', tie: 1, leg: 1, home: 'b', away: 'z', date: '2024-05-12', status: 'played', score: { home: 2, away: 1 } }),
        match({ id: 'F-L2', stage: 'final', tie: 1, leg: 2, home: 'z', away: 'b', date: '2024-05-19', status: 'played', score: { home: 1, away: 0 }, goals: [goal('z', 'Ahmed Hamdi')] }),
      ],
    });
    const post = renderRecap(s, roundOf(s, 'F-L2'));
    const body = text(post);
    expect(body).toContain('Zamalek **1–0** RS Berkane');
    expect(body).toContain('Zamalek win the Confederation Cup on away goals (2–2 on aggregate)');
    expect(body).not.toMatch(/through|aggregate RS Berkane/);
    expect(body).toContain('**Zamalek** win the 2023–24 CAF Confederation Cup');
    expect(post.summary).toContain('champion Zamalek');
  });

  test('GIVEN a semi-final second leg THEN the aggregate is written from the side of the team that goes through', () => {
    const s = makeSeason({
      teams: [team('u', { name: 'USM Alger' }), team('b', { name: 'RS Berkane' })],
      matches: [
        match({ id: 'SF-T1-L1', stage: 'semi_final', tie: 1, leg: 1, home: 'u', away: 'b', date: '2024-04-21', status: 'played', score: { home: 0, away: 3 } }),
        match({ id: 'SF-T1-L2', stage: 'semi_final', tie: 1, leg: 2, home: 'b', away: 'u', date: '2024-04-28', status: 'played', score: { home: 3, away: 0 } }),
      ],
    });
    const body = text(renderRecap(s, roundOf(s, 'SF-L2')));
    expect(body).toContain('• RS Berkane through, 6–0 on aggregate');
    expect(body).not.toContain('0–6');
  });

  test('GIVEN a quarter-final first leg THEN results but no "who goes through"', () => {
    const s = makeSeason({
      teams: [team('a', { name: 'Alpha' }), team('b', { name: 'Bravo' })],
      matches: [match({ id: 'QF-T1-L1', stage: 'quarter_final', tie: 1, leg: 1, home: 'a', away: 'b', date: '2024-03-31', status: 'played', score: { home: 0, away: 0 } })],
    });
    const body = text(renderRecap(s, roundOf(s, 'QF-L1')));
    expect(body).toContain('Tie 1: Alpha **0–0** Bravo');
    expect(body).not.toContain('Who goes through');
  });
});

describe('limits and escaping', () => {
  const longName = `${'Very Long Club Name '.repeat(15)}FC`;
  const teams = Array.from({ length: 80 }, (_, i) => team(`t${i}`, { name: `${longName} ${i}` }));
  const bigRound = makeSeason({
    teams,
    matches: Array.from({ length: 40 }, (_, i) =>
      match({
        id: `R1-T${i + 1}-L1`,
        stage: 'first_round',
        tie: i + 1,
        leg: 1,
        home: `t${2 * i}`,
        away: `t${2 * i + 1}`,
        date: '2023-08-18',
        kickoff: '2023-08-18T15:00:00Z',
        venue: 'Somewhere Stadium',
        status: 'played',
        score: { home: 3, away: 2 },
        goals: Array.from({ length: 5 }, (_, g) => goal(g < 3 ? `t${2 * i}` : `t${2 * i + 1}`, `Player With A Long Name ${g}`)),
      }),
    ),
  });

  test.each([
    { name: 'preview', render: renderPreview },
    { name: 'recap', render: renderRecap },
  ])('GIVEN 40 ties with 300-character names THEN the $name is split across messages within every limit, no tie lost', ({ render }) => {
    const post = render(bigRound, roundOf(bigRound, 'R1-L1'));
    expect(fitsDiscordLimits(post)).toBe(true);
    expect(post.messages.length).toBeGreaterThan(1);
    const body = text(post);
    for (let i = 1; i <= 40; i++) expect(body).toContain(`Tie ${i}: `);
  });

  test('GIVEN a team named like a ping and markdown THEN it is neutralised', () => {
    const s = makeSeason({
      teams: [team('x', { name: '@everyone <@&123> **x**' }), team('y', { name: 'Y' })],
      matches: [gm('GA-MD1-1', 1, 'x', 'y', { date: '2023-11-26' })],
    });
    const body = text(renderPreview(s, roundOf(s, 'GS-MD1')));
    expect(body).not.toContain('@everyone');
    expect(body).not.toMatch(/(^|[^\\])<@&123>/);
    expect(body).toContain('\\<@&123>');
    expect(body).not.toContain('**x**');
  });
});

describe('renderMoved and renderTestMessage', () => {
  test('GIVEN a kickoff moved and a match postponed THEN both are listed with before and after', () => {
    const before = groupSeason;
    const after = makeSeason({
      ...groupSeason,
      matches: groupSeason.matches.map((m) =>
        m.id === 'GA-MD1-1' ? { ...m, kickoff: '2023-11-27T18:00:00Z', date: '2023-11-27' } : m.id === 'GA-MD1-2' ? { ...m, status: 'postponed' as const } : m,
      ),
    });
    const previous = new Map([['GS-MD1', snapshotRound(roundOf(before, 'GS-MD1'))]]);
    const [change] = detectRoundChanges(seasonRounds(after), previous);
    expect(change).toBeDefined();
    const body = text(renderMoved(after, roundOf(after, 'GS-MD1'), change!.moves));
    expect(body).toContain(`Alpha v Bravo: now <t:${unix('2023-11-27T18:00:00Z')}:f> (was <t:${unix('2023-11-26T16:00:00Z')}:f>)`);
    expect(body).toContain('Charlie v Delta: now **postponed** (was Sun 26 Nov 2023)');
  });

  test('GIVEN settings THEN the test message states them', () => {
    const body = text(renderTestMessage({ leads: ['24h', '1h'], recap: true, roleId: '123456789012345678' }));
    expect(body).toContain('Previews: 24h before, 1h before each matchday or leg.');
    expect(body).toContain('Role mentioned: <@&123456789012345678>.');
  });
});
