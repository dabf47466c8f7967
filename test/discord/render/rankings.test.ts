import { expect, test } from 'vitest';
import { renderRankings } from '../../../src/discord/render/rankings.js';
import { computeRanking } from '../../../src/domain/ranking.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { allText, limitViolations } from './limits-check.js';
import { miniSeason, season } from './season-builder.js';

test('the mini season: ranks, points or —, slots, season points, and the conflict as a footnote', () => {
  const s = miniSeason();
  const payload = renderRankings(s, computeRanking(s));
  expect(payload.embeds).toMatchInlineSnapshot(`
    [
      {
        "color": 1402304,
        "description": "\`\`\`
      # FIFA Association        Points Teams  +2324
      1 MAR  Morocco               180   1/2     10
      2 EGY  Egypt               172.5   1/2     10
      3 ALG  Algeria               134   1/2      0 †
      – GUI  Guinea                  —   2/1      0
    \`\`\`",
        "title": "CAF association ranking (5-year)",
      },
      {
        "color": 1402304,
        "description": "**Points**: CAF 5-year ranking points (— = not recorded). **Teams**: entered / slots (top 12 may enter two).
    **+2324**: points this season's Confederation Cup results earn (best result per team × 5).

    **Notes**
    † **Algeria**: The seed prints rank 2; CAF points make it 3rd.",
        "footer": {
          "text": "CAF Confederation Cup 2023–24 · data as of 2024-06-01 · sources: /about",
        },
      },
    ]
  `);
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
  for (const r of rows) expect(text).toContain(r.association.slice(0, 17));
  expect(text).toMatch(/ALG +Algeria .*†/);
  expect(text).toContain('† **Algeria**:');
});
