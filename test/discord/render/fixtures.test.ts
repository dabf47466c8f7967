import { describe, expect, test } from 'vitest';
import { fixturesReply } from '../../../src/discord/commands/fixtures-query.js';
import { fixturePages, groupByRound, renderFixtures } from '../../../src/discord/render/fixtures.js';
import { FIXTURE_LINE_MAX, displayLength, escapedNames, fixtureLines } from '../../../src/discord/render/match-format.js';
import { selectFixtures } from '../../../src/domain/fixtures.js';
import { indexSeason } from '../../../src/domain/season-index.js';
import { computeTies } from '../../../src/domain/ties.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { allText, limitViolations } from './limits-check.js';
import { HOSTILE_NAME, calendarEntry, finalSeason, hugeSeason, match, miniSeason, season, team } from './season-builder.js';

const NOW = new Date('2024-06-01T12:00:00Z');
/** A line naming both teams of a match (a wrapped line's kickoff and "↳" lines do not). */
const isFixtureLine = (line: string): boolean => !line.startsWith('↳') && / v |\*\*\d+–\d+\*\*/.test(line);
const mini = miniSeason();
const names = escapedNames(indexSeason(mini).teamName);
const byId = (id: string) => {
  const m = indexSeason(mini).matchById.get(id);
  if (!m) throw new Error(id);
  return m;
};

describe('fixtureLines', () => {
  const ties = new Map(computeTies(mini).flatMap((t) => t.legs.map((l) => [l.id, t] as const)));
  const words = { competition: mini.competition };
  test.each([
    ['GA-MD1-1', ['<t:1701014400:f> · RS Berkane **2–1** Zamalek']],
    ['GA-MD1-2', ['Sun 26 Nov 2023 · USM Alger **1–1** Académie SOAR']],
    ['GA-MD2-1', ['Sun 3 Dec 2023 · Zamalek v USM Alger · result not published']],
    ['GA-MD2-2', ['Sun 3 Dec 2023 · Académie SOAR v RS Berkane', '↳ awarded to RS Berkane, score not published']],
    ['GA-MD3-1', ['<t:1702234800:f> · Zamalek v Académie SOAR', '↳ postponed']],
    ['QF1-L1', ['<t:1711911600:f> · Zamalek **1–0** RS Berkane']],
    ['QF1-L2', ['<t:1712516400:f> · RS Berkane **2–1** Zamalek', '↳ Zamalek through on away goals (2–2 on aggregate)']],
    ['R1-T01', ['no match played · Ghost FC v Académie SOAR', '↳ Académie SOAR through by walkover']],
  ])('GIVEN %s THEN %j', (id, expected) => {
    expect(fixtureLines(byId(id), names, ties.get(id), words)).toEqual(expected);
  });

  test('an awarded match with a recorded score shows it in the order of the names, and says to whom', () => {
    const awarded = match('X', 'usm-alger', 'rs-berkane', { status: 'awarded', decision: { winner: 'rs-berkane', score: { home: 0, away: 3 }, reason: 'r', decidedOn: null } });
    expect(fixtureLines(awarded, names, undefined, words)).toEqual(['Date not published · USM Alger **0–3** RS Berkane', '↳ awarded to RS Berkane']);
  });

  test('extra time and penalties are spelled out', () => {
    const m = match('Y', 'rs-berkane', 'zamalek', { date: '2024-05-19', score: { home: 1, away: 1 }, extraTime: true, penalties: { home: 4, away: 3 } });
    expect(fixtureLines(m, names, undefined, words)).toEqual(['Sun 19 May 2024 · RS Berkane **1–1** (a.e.t., 4–3 pens) Zamalek']);
  });

  test('a line too wide for a phone puts the teams on their own line; no name is cut', () => {
    const long = names;
    const m = match('Z', 'rs-berkane', 'zamalek', { kickoff: '2024-05-19T19:00:00Z', score: { home: 1, away: 0 } });
    const wide = (id: string) => (id === 'rs-berkane' ? 'Singida Fountain Gate' : 'AS Douanes Mauritania');
    const lines = fixtureLines(m, wide, undefined, words);
    expect(lines).toEqual(['<t:1716145200:f>', 'Singida Fountain Gate **1–0** AS Douanes Mauritania']);
    expect(lines.every((l) => displayLength(l) <= FIXTURE_LINE_MAX)).toBe(true);
    expect(long('rs-berkane')).toBe('RS Berkane');
  });
});

test('the final: the aggregate names the winner of the cup, not "through"', () => {
  const final = finalSeason();
  const payload = fixturesReply(final, { when: 'all', stage: 'final' }, 1, NOW);
  expect(payload.embeds[0]?.description).toContain('↳ Zamalek win the Confederation Cup on away goals (2–2 on aggregate)');
  expect(payload.embeds[0]?.description).not.toMatch(/agg\.|through/);
});

test('a matchday of several groups is listed under "Group A", "Group B" in group order; time not published once per round', () => {
  const s = season({
    teams: [team('a1', 'A One', { group: 'A' }), team('a2', 'A Two', { group: 'A' }), team('b1', 'B One', { group: 'B' }), team('b2', 'B Two', { group: 'B' })],
    matches: [
      match('GB-1', 'b1', 'b2', { group: 'B', date: '2023-11-25', status: 'scheduled' }),
      match('GA-1', 'a1', 'a2', { group: 'A', date: '2023-11-26', status: 'scheduled' }),
    ],
  });
  const description = fixturesReply(s, { when: 'all' }, 1, NOW).embeds[0]?.description ?? '';
  expect(description.split('\n')).toEqual([
    '**Group stage, matchday 1** · time not published',
    '__Group A__',
    'Sun 26 Nov 2023 · A One v A Two',
    '__Group B__',
    'Sat 25 Nov 2023 · B One v B Two',
  ]);
});

test('short names from the data are used in lists', () => {
  const s = { ...mini, teams: mini.teams.map((t) => (t.id === 'soar' ? { ...t, shortName: 'SOAR' } : t)) };
  expect(fixturesReply(s, { when: 'all', team: 'soar', stage: 'group', matchday: 1 }, 1, NOW).embeds[0]?.description).toContain('USM Alger **1–1** SOAR');
});

test('groupByRound: group matchdays across groups, legs per stage, walkovers apart, in competition order', () => {
  expect(groupByRound(mini, mini.matches).map((r) => [r.heading, r.matches.map((m) => m.id)])).toEqual([
    ['First round, walkovers', ['R1-T01']],
    ['Group stage, matchday 1', ['GA-MD1-1', 'GA-MD1-2']],
    ['Group stage, matchday 2', ['GA-MD2-1', 'GA-MD2-2']],
    ['Group stage, matchday 3', ['GA-MD3-1']],
    ['Quarter-finals, first legs', ['QF1-L1']],
    ['Quarter-finals, second legs', ['QF1-L2']],
  ]);
});

test('results of the mini season, newest round first', () => {
  const payload = fixturesReply(mini, { when: 'results' }, 1, NOW);
  expect(payload.components).toEqual([]);
  expect(payload.embeds).toMatchInlineSnapshot(`
    [
      {
        "color": 15690752,
        "description": "**Quarter-finals, second legs**
    <t:1712516400:f> · RS Berkane **2–1** Zamalek
    ↳ Zamalek through on away goals (2–2 on aggregate)

    **Quarter-finals, first legs**
    <t:1711911600:f> · Zamalek **1–0** RS Berkane

    **Group stage, matchday 2 · Group A** · time not published
    Sun 3 Dec 2023 · Zamalek v USM Alger · result not published
    Sun 3 Dec 2023 · Académie SOAR v RS Berkane
    ↳ awarded to RS Berkane, score not published

    **Group stage, matchday 1 · Group A** · some kickoff times not published
    <t:1701014400:f> · RS Berkane **2–1** Zamalek
    Sun 26 Nov 2023 · USM Alger **1–1** Académie SOAR

    **First round, walkovers**
    no match played · Ghost FC v Académie SOAR
    ↳ Académie SOAR through by walkover",
        "footer": {
          "text": "CAF Confederation Cup 2023–24 · data updated 2024-06-01 · sources: /about",
        },
        "title": "Results · newest first",
      },
    ]
  `);
});

test('nothing to show gives a helpful text, not an empty message', () => {
  const payload = fixturesReply(mini, { when: 'upcoming' }, 1, NOW);
  expect(payload.embeds[0]?.description).toBe('No matches still to come for these filters: the season is over. Try `when: results`.');
  expect(limitViolations(payload)).toEqual([]);
});

test('an empty season renders a placeholder', () => {
  const payload = fixturesReply(season(), { when: 'all' }, 1, NOW);
  expect(payload.embeds[0]?.description).toBe('No matches fit these filters.');
});

describe('paging', () => {
  const huge = hugeSeason();
  const view = (page: number) =>
    renderFixtures({
      season: huge,
      teamName: indexSeason(huge).teamName,
      matches: selectFixtures(huge, { when: 'all' }),
      ties: computeTies(huge),
      heading: 'All',
      newestFirst: false,
      relative: false,
      page,
      pageId: (p, role) => `fixtures:${role === 'go' ? 'p' : 'i'}:${p}:w=a`,
      emptyText: 'none',
    });

  test('splits 214 matches into pages that each respect every limit', () => {
    const { pages } = fixturePages({ season: huge, teamName: indexSeason(huge).teamName, matches: selectFixtures(huge, { when: 'all' }), ties: computeTies(huge), newestFirst: false, relative: false });
    expect(pages.length).toBeGreaterThan(5);
    for (let p = 1; p <= pages.length; p++) expect(limitViolations(view(p))).toEqual([]);
  });

  test('drops no match: every match appears on exactly one page', () => {
    const count = fixturePages({ season: huge, teamName: indexSeason(huge).teamName, matches: huge.matches, ties: [], newestFirst: false, relative: false })
      .pages.flatMap((p) => p.split('\n'))
      .filter(isFixtureLine).length;
    expect(count).toBe(huge.matches.length);
  });

  test('a page beyond the end shows the last page', () => {
    const last = view(999);
    const label = last.components[0]?.components[1];
    expect(label && 'label' in label ? label.label : '').toMatch(/^page (\d+)\/\1$/);
  });
});

test('a hostile team name cannot ping or format', () => {
  const s = season({
    teams: [team('bad', HOSTILE_NAME, { group: 'A' }), team('good', 'Good FC', { group: 'A' })],
    matches: [match('GA-1', 'bad', 'good', { score: { home: 1, away: 0 }, date: '2023-11-26' })],
  });
  const text = allText(fixturesReply(s, { when: 'all' }, 1, NOW));
  expect(text).not.toContain('@everyone');
  expect(text).not.toMatch(/(?<!\\)<@/);
  expect(text).not.toContain('**x**');
  expect(text).not.toContain('```');
  expect(text).toContain('@\u200beveryone \\<@&1> \\*\\*x\\*\\*');
});

describe('the real season', () => {
  const real = readSeasonFile().season;

  test('every page of the whole season respects the limits and lists every match once', () => {
    const first = fixturesReply(real, { when: 'all' }, 1, NOW);
    const label = first.components[0]?.components[1];
    const pageCount = Number((label && 'label' in label ? (label.label ?? '') : 'page 1/1').split('/')[1]);
    let lines = 0;
    for (let p = 1; p <= pageCount; p++) {
      const payload = fixturesReply(real, { when: 'all' }, p, NOW);
      expect(limitViolations(payload)).toEqual([]);
      lines += (payload.embeds[0]?.description ?? '').split('\n').filter(isFixtureLine).length;
    }
    expect(lines).toBe(real.matches.length);
  });

  test('page 1 of the default view after the season is the final', () => {
    const payload = fixturesReply(real, { when: 'results' }, 1, NOW);
    expect(payload.embeds[0]?.description?.split('\n')[0]).toBe('**Final, second leg**');
  });

  test('a team filter fits in one page with its whole path', () => {
    const payload = fixturesReply(real, { when: 'all', team: 'rs-berkane' }, 1, NOW);
    expect(payload.components).toEqual([]);
    expect(payload.embeds[0]?.title).toBe('Fixtures and results · RS Berkane');
  });
});

test('before any pairing is drawn, an empty list says when the draw is, not that the season is over', () => {
  const s = { ...season(), calendar: [calendarEntry('draw', { kind: 'draw', stage: null, matchday: null, round: 'Draw', startDate: '2023-07-25', endDate: '2023-07-25' })] };
  const payload = fixturesReply(s, { when: 'upcoming' }, 1, new Date('2023-07-20T12:00:00Z'));
  expect(payload.embeds[0]?.description).toBe('No matches are known yet: the draw is on Tue 25 Jul 2023 (see /schedule).');
});

test('mid-season, an empty upcoming list for one team does not say the season is over', () => {
  const payload = fixturesReply(mini, { when: 'upcoming', team: 'ghost-fc' }, 1, new Date('2023-12-01T12:00:00Z'));
  expect(payload.embeds[0]?.description).toBe('No matches still to come for these filters. Try `when: all`.');
});
