import { expect, test } from 'vitest';
import { renderRankings } from '../../../src/discord/render/rankings.js';
import { computeRanking } from '../../../src/domain/ranking.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { allText, limitViolations } from './limits-check.js';
import { miniSeason, season } from './season-builder.js';

test('the mini season: ranks, points or —, slots, season points, and the dispute as one plain footnote', () => {
  const mini = miniSeason();
  const s = {
    ...mini,
    associations: mini.associations.map((a) =>
      a.name === 'Algeria' ? { ...a, rankDispute: { printed: 3, byPoints: 2 } } : a.name === 'Guinea' ? { ...a, rankConfidence: 'low' as const } : a,
    ),
  };
  const payload = renderRankings(s, computeRanking(s));
  expect(payload.embeds).toMatchInlineSnapshot(`
    [
      {
        "color": 1402304,
        "description": "\`\`\`
      # FIFA Association        Points Teams Season
      1 MAR  Morocco               180   1/2     10
      2 EGY  Egypt               172.5   1/2     10
      3 ALG  Algeria               134   1/2      0 †
      – GUI  Guinea                  —   2/1      0 ?
    \`\`\`",
        "title": "CAF association ranking (5-year)",
      },
      {
        "color": 1402304,
        "description": "**Points**: CAF 5-year ranking points (— where not published). **Teams**: entered / allowed (the top 12 may enter two).
    **Season**: points this season's CAF Confederation Cup results earn (each team's best result × 5).

    † CAF's points put Algeria 2nd; the competition's own list printed it 3rd.
    ? Guinea: rank uncertain, only one source of uncertain date gives it.",
        "footer": {
          "text": "CAF Confederation Cup 2023–24 · data updated 2024-06-01 · sources: /about",
        },
      },
    ]
  `);
});

test('the season column is explained with the season’s own competition (not always the Confederation Cup)', () => {
  const cl = { ...miniSeason(), competition: 'CAF Champions League' };
  const text = allText(renderRankings(cl, computeRanking(cl)));
  expect(text).toContain("points this season's CAF Champions League results earn");
  expect(text).not.toContain('Confederation Cup results');
});

test('no ranking rows still answers', () => {
  expect(renderRankings(season(), []).embeds[0]?.description).toBe('No ranking in the data.');
});

test('the real season: every association listed once, limits hold, Algeria carries its note', () => {
  const real = readSeasonFile().season;
  const rows = computeRanking(real);
  const payload = renderRankings(real, rows);
  expect(limitViolations(payload)).toEqual([]);
  const text = allText(payload);
  const shortNames = new Map(real.associations.map((a) => [a.name, a.shortName ?? a.name]));
  for (const r of rows) expect(text).toContain((shortNames.get(r.association) ?? r.association).slice(0, 17));
  expect(text).toMatch(/ALG +Algeria .*†/);
  expect(text).toContain("† CAF's points put Algeria 3rd; the competition's own list printed it 2nd.");
  expect(text).not.toMatch(/\bseed\b|Rank 3 is used|\+2324/);
});

test('rows sharing a printed rank keep the order the domain gives (rank, then points)', () => {
  const real = readSeasonFile().season;
  const lines = (renderRankings(real, computeRanking(real)).embeds[0]?.description ?? '').split('\n');
  const egypt = lines.findIndex((l) => / EGY /.test(l));
  const algeria = lines.findIndex((l) => / ALG /.test(l));
  expect(egypt).toBeGreaterThan(0);
  expect(egypt).toBeLessThan(algeria);
});
