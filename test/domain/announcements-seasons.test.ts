import { describe, expect, test } from 'vitest';
import { LEGACY_SEASON_ID, planMovedNotices, planSubscription, postKey, type PlanningRound, type Subscription } from '../../src/domain/announcements.js';
import { nonceFor } from '../../src/db/outbox.js';
import { match } from './builders.js';

// A post's key (and so its nonce) names its season, except a post of the season every row had
// before seasons: those keep the key they always had, so no post already sent is planned again.

const G = '100000000000000001';
const C = '200000000000000001';
const base = { guildId: G, channelId: C, kind: 'preview' as const, roundKey: 'GS-MD1', slot: '24h' };

describe('postKey with seasons', () => {
  test.each([
    ['no season given: the key from before seasons', {}, `${G}:${C}:preview:GS-MD1:24h`],
    ['the legacy season: the same key', { season: LEGACY_SEASON_ID }, `${G}:${C}:preview:GS-MD1:24h`],
    ['the legacy season and a club: the club key from before seasons', { season: LEGACY_SEASON_ID, club: 'zamalek' }, `${G}:${C}:preview:GS-MD1:24h:zamalek`],
    ['another season: named after the channel', { season: 'caf-cl-2023-24' }, `${G}:${C}:caf-cl-2023-24:preview:GS-MD1:24h`],
    ['another season and a club', { season: 'caf-cl-2023-24', club: 'al-ahly' }, `${G}:${C}:caf-cl-2023-24:preview:GS-MD1:24h:al-ahly`],
  ] as const)('%s', (_case, extra, expected) => {
    expect(postKey({ ...base, ...extra })).toBe(expected);
  });

  test('GIVEN the same round key in two seasons THEN two keys and two nonces', () => {
    const cc = postKey({ ...base, season: LEGACY_SEASON_ID });
    const cl = postKey({ ...base, season: 'caf-cl-2023-24' });
    expect(cc).not.toBe(cl);
    expect(nonceFor(cc)).not.toBe(nonceFor(cl));
    expect(nonceFor(cl)).toHaveLength(24);
  });
});

describe('the planner carries the subscription’s season', () => {
  const round: PlanningRound = {
    key: 'GS-MD1',
    label: 'Group stage · Matchday 1',
    matches: [match({ id: 'M1', stage: 'group', home: 'a', away: 'b', date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z', status: 'scheduled' })],
  };
  const sub = (season?: string): Subscription => ({ guildId: G, channelId: C, leadsMs: [24 * 3_600_000], recap: true, roleId: null, activeFrom: 0, ...(season ? { season } : {}) });

  test.each([
    ['a subscription from before seasons', undefined, LEGACY_SEASON_ID],
    ['a Champions League subscription', 'caf-cl-2023-24', 'caf-cl-2023-24'],
  ] as const)('%s: every post is of %s', (_case, season, expected) => {
    const posts = planSubscription([round], sub(season));
    expect(posts.map((p) => [p.kind, p.season])).toEqual([
      ['preview', expected],
      ['recap', expected],
    ]);
    const moved = planMovedNotices([round], [{ roundKey: 'GS-MD1', fingerprint: 'x', moves: [{ matchId: 'M1', before: null, after: null }] }], sub(season), 0);
    expect(moved.map((p) => p.season)).toEqual([expected]);
  });
});
