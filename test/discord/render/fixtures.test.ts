import { describe, expect, test } from 'vitest';
import { fixturesReply } from '../../../src/discord/commands/fixtures-query.js';
import { fixtureLine, fixturePages, groupByRound, renderFixtures } from '../../../src/discord/render/fixtures.js';
import { escapedNames } from '../../../src/discord/render/match-format.js';
import { selectFixtures } from '../../../src/domain/fixtures.js';
import { indexSeason } from '../../../src/domain/season-index.js';
import { computeTies } from '../../../src/domain/ties.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { allText, limitViolations } from './limits-check.js';
import { HOSTILE_NAME, hugeSeason, match, miniSeason, season, team } from './season-builder.js';

const NOW = new Date('2024-06-01T12:00:00Z');
/** Every non-empty line that is not a round heading is one match. */
const isFixtureLine = (line: string): boolean => line.trim() !== '' && !line.startsWith('**');
const mini = miniSeason();
const names = escapedNames(indexSeason(mini).teamName);
const byId = (id: string) => {
  const m = indexSeason(mini).matchById.get(id);
  if (!m) throw new Error(id);
  return m;
};

describe('fixtureLine', () => {
  const ties = new Map(computeTies(mini).flatMap((t) => t.legs.map((l) => [l.id, t] as const)));
  test.each([
    ['GA-MD1-1', false, '<t:1701014400:f> · `A` · RS Berkane **2–1** Zamalek'],
    ['GA-MD1-2', false, 'Sun 26 Nov 2023 (time not recorded) · `A` · USM Alger **1–1** Académie SOAR'],
    ['GA-MD2-1', false, 'Sun 3 Dec 2023 (time not recorded) · `A` · Zamalek v USM Alger · result not recorded'],
    ['GA-MD2-2', false, 'Sun 3 Dec 2023 (time not recorded) · `A` · Académie SOAR v RS Berkane · ⚖️ awarded to RS Berkane, score not recorded'],
    ['GA-MD3-1', true, '<t:1702234800:f> (<t:1702234800:R>) · `A` · Zamalek v Académie SOAR · ⏸️ postponed'],
    ['QF1-L1', false, '<t:1711911600:f> · `T1` · Zamalek **1–0** RS Berkane'],
    ['QF1-L2', false, '<t:1712516400:f> · `T1` · RS Berkane **2–1** Zamalek · agg. 2–2, Zamalek through on away goals'],
    ['R1-T01', false, 'no match played · `T1` · Ghost FC v Académie SOAR · 🚶 walkover, Académie SOAR through'],
  ])('GIVEN %s THEN %s', (id, relative, expected) => {
    expect(fixtureLine(byId(id), names, ties.get(id), relative)).toBe(expected);
  });

  test('an awarded match with a recorded score shows it', () => {
    const awarded = match('X', 'rs-berkane', 'usm-alger', { status: 'awarded', decision: { winner: 'rs-berkane', score: { home: 3, away: 0 }, reason: 'r', decidedOn: null } });
    expect(fixtureLine(awarded, names, undefined, false)).toBe('date not recorded · `A` · RS Berkane **3–0** USM Alger · ⚖️ awarded to RS Berkane');
  });

  test('extra time and penalties are spelled out', () => {
    const m = match('Y', 'rs-berkane', 'zamalek', { date: '2024-05-19', score: { home: 1, away: 1 }, extraTime: true, penalties: { home: 4, away: 3 } });
    expect(fixtureLine(m, names, undefined, false)).toBe('Sun 19 May 2024 (time not recorded) · `A` · RS Berkane **1–1** (a.e.t., 4–3 pens) Zamalek');
  });
});

test('groupByRound: group matchdays across groups, legs per stage, walkovers apart, in competition order', () => {
  expect(groupByRound(mini.matches).map((r) => [r.heading, r.matches.map((m) => m.id)])).toEqual([
    ['First round · walkovers', ['R1-T01']],
    ['Group stage · Matchday 1', ['GA-MD1-1', 'GA-MD1-2']],
    ['Group stage · Matchday 2', ['GA-MD2-1', 'GA-MD2-2']],
    ['Group stage · Matchday 3', ['GA-MD3-1']],
    ['Quarter-finals · Leg 1', ['QF1-L1']],
    ['Quarter-finals · Leg 2', ['QF1-L2']],
  ]);
});

test('results of the mini season, newest round first', () => {
  const payload = fixturesReply(mini, { when: 'results' }, 1, NOW);
  expect(payload.components).toEqual([]);
  expect(payload.embeds).toMatchInlineSnapshot(`
    [
      {
        "color": 15690752,
        "description": "**Quarter-finals · Leg 2**
    <t:1712516400:f> · \`T1\` · RS Berkane **2–1** Zamalek · agg. 2–2, Zamalek through on away goals

    **Quarter-finals · Leg 1**
    <t:1711911600:f> · \`T1\` · Zamalek **1–0** RS Berkane

    **Group stage · Matchday 2**
    Sun 3 Dec 2023 (time not recorded) · \`A\` · Zamalek v USM Alger · result not recorded
    Sun 3 Dec 2023 (time not recorded) · \`A\` · Académie SOAR v RS Berkane · ⚖️ awarded to RS Berkane, score not recorded

    **Group stage · Matchday 1**
    <t:1701014400:f> · \`A\` · RS Berkane **2–1** Zamalek
    Sun 26 Nov 2023 (time not recorded) · \`A\` · USM Alger **1–1** Académie SOAR

    **First round · walkovers**
    no match played · \`T1\` · Ghost FC v Académie SOAR · 🚶 walkover, Académie SOAR through",
        "footer": {
          "text": "CAF Confederation Cup 2023–24 · data as of 2024-06-01 · sources: /about",
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
    expect(payload.embeds[0]?.description?.split('\n')[0]).toBe('**Final · Leg 2**');
  });

  test('a team filter fits in one page with its whole path', () => {
    const payload = fixturesReply(real, { when: 'all', team: 'rs-berkane' }, 1, NOW);
    expect(payload.components).toEqual([]);
    expect(payload.embeds[0]?.title).toBe('Fixtures and results · RS Berkane');
  });
});
