import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CatalogEntry, SeasonCatalog } from '../../src/domain/catalog.js';
import { LEGACY_SEASON_ID } from '../../src/domain/announcements.js';
import type { Match, Season } from '../../src/domain/types.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import { channelSubscriptions, setSubscription, turnOff } from '../../src/db/guild-settings.js';
import { announcementRounds } from '../../src/db/announcements-schema.js';
import { loadRoundSnapshots, rowsFor } from '../../src/db/outbox.js';
import { planOne, replanAll } from '../../src/planning/announcements.js';
import { runTick } from '../../src/scheduler/tick.js';
import type { OutgoingPost, SendPost } from '../../src/discord/announcements/sender.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { makeTestDb, silent } from '../db/helpers.js';

// Each subscription is planned from its own season: two seasons with the same round keys (both have
// a group matchday 1), one channel following each, and a channel following both.

const G = '100000000000000001';
const CC = '200000000000000001';
const CL = '200000000000000002';
const BOTH = '200000000000000003';
const H = 3_600_000;
const DAY = 24 * H;
const CL_ID = 'caf-cl-2023-24';

const md1 = (id: string, home: string, away: string, kickoff: string): Match =>
  match({ id, stage: 'group', group: 'A', matchday: 1, home, away, date: kickoff.slice(0, 10), kickoff, status: 'scheduled' });

const ccSeason = (kickoff = '2023-11-26T13:00:00Z'): Season =>
  makeSeason({ id: LEGACY_SEASON_ID, competition: 'CAF Confederation Cup', teams: groupTeams('A'), matches: [md1('CC-MD1-1', 'a', 'b', kickoff)] });
const clSeason = (kickoff = '2023-11-24T19:00:00Z'): Season =>
  makeSeason({ id: CL_ID, competition: 'CAF Champions League', teams: groupTeams('A'), matches: [md1('CL-MD1-1', 'c', 'd', kickoff)] });

const catalogOf = (...seasons: Season[]): SeasonCatalog => {
  const entries: CatalogEntry[] = seasons.map((s) => ({ id: s.id, competition: s.competition, label: '2023-24', updatedAt: null }));
  return { list: () => entries, get: (id) => seasons.find((s) => s.id === id) };
};

let opened: OpenedDatabase;
const db = () => opened.db;
beforeEach(() => {
  opened = makeTestDb();
});
afterEach(() => opened.close());

const follow = (channelId: string, seasonId: string, at = 0) =>
  setSubscription(db(), { guildId: G, channelId, seasonId, roleId: null, leadsMs: [DAY], recap: false }, at);

describe('planning per season', () => {
  test('GIVEN #cc on the Confederation Cup, #cl on the Champions League and #both on both THEN each row is timed by its own season', () => {
    follow(CC, LEGACY_SEASON_ID);
    follow(CL, CL_ID);
    follow(BOTH, LEGACY_SEASON_ID);
    follow(BOTH, CL_ID);
    const report = replanAll(db(), catalogOf(ccSeason(), clSeason()), 0);
    expect(report).toMatchObject({ subscriptions: 4, missingSeasons: [], totals: { inserted: 4 } });
    const rows = rowsFor(db(), { guildId: G }).map((r) => [r.channelId, r.season, r.roundKey, new Date(r.dueAt).toISOString()]);
    expect(rows).toEqual([
      [CL, CL_ID, 'GS-MD1', '2023-11-23T19:00:00.000Z'],
      [BOTH, CL_ID, 'GS-MD1', '2023-11-23T19:00:00.000Z'],
      [CC, LEGACY_SEASON_ID, 'GS-MD1', '2023-11-25T13:00:00.000Z'],
      [BOTH, LEGACY_SEASON_ID, 'GS-MD1', '2023-11-25T13:00:00.000Z'],
    ]);
    // The same round key in two seasons: two snapshots.
    expect(loadRoundSnapshots(db(), LEGACY_SEASON_ID).get('GS-MD1')?.fingerprint).toContain('CC-MD1-1');
    expect(loadRoundSnapshots(db(), CL_ID).get('GS-MD1')?.fingerprint).toContain('CL-MD1-1');
  });

  test('GIVEN a replan that changes nothing THEN no round snapshot is written again; a moved kickoff rewrites only its round', () => {
    follow(CC, LEGACY_SEASON_ID);
    replanAll(db(), catalogOf(ccSeason(), clSeason()), 0);
    const written = () => db().select().from(announcementRounds).all().map((r) => `${r.seasonId}/${r.roundKey}@${r.updatedAt.getTime()}`).sort();
    expect(written()).toEqual([`${LEGACY_SEASON_ID}/GS-MD1@0`, `${CL_ID}/GS-MD1@0`]);
    replanAll(db(), catalogOf(ccSeason(), clSeason()), 60_000);
    expect(written()).toEqual([`${LEGACY_SEASON_ID}/GS-MD1@0`, `${CL_ID}/GS-MD1@0`]);
    replanAll(db(), catalogOf(ccSeason(), clSeason('2023-11-25T19:00:00Z')), 120_000);
    expect(written()).toEqual([`${LEGACY_SEASON_ID}/GS-MD1@0`, `${CL_ID}/GS-MD1@120000`]);
    expect(loadRoundSnapshots(db(), CL_ID).get('GS-MD1')?.fingerprint).toContain('2023-11-25T19:00:00Z');
  });

  test('GIVEN the Champions League kickoff moves THEN only its channels’ previews move and only they get a moved notice', () => {
    follow(CC, LEGACY_SEASON_ID);
    follow(CL, CL_ID);
    replanAll(db(), catalogOf(ccSeason(), clSeason()), 0);
    const now = Date.parse('2023-11-20T00:00:00Z');
    const report = replanAll(db(), catalogOf(ccSeason(), clSeason('2023-11-25T19:00:00Z')), now);
    expect(report.changes.map((c) => `${c.seasonId}/${c.roundKey}`)).toEqual([`${CL_ID}/GS-MD1`]);
    const byChannel = (channelId: string) => rowsFor(db(), { guildId: G, channelId }).map((r) => [r.kind, new Date(r.dueAt).toISOString()]);
    expect(byChannel(CC)).toEqual([['preview', '2023-11-25T13:00:00.000Z']]);
    expect(byChannel(CL)).toEqual([
      ['moved', '2023-11-20T00:00:00.000Z'],
      ['preview', '2023-11-24T19:00:00.000Z'],
    ]);
  });

  test('GIVEN onlySeasons THEN the other season’s channels are not re-planned', () => {
    follow(CC, LEGACY_SEASON_ID);
    follow(CL, CL_ID);
    replanAll(db(), catalogOf(ccSeason(), clSeason()), 0);
    // Both seasons changed, but only the Confederation Cup's data change is being applied.
    const report = replanAll(db(), catalogOf(ccSeason('2023-11-27T13:00:00Z'), clSeason('2023-11-25T19:00:00Z')), 0, undefined, [LEGACY_SEASON_ID]);
    expect(report.subscriptions).toBe(1);
    const preview = (channelId: string) => rowsFor(db(), { guildId: G, channelId }).filter((r) => r.kind === 'preview').map((r) => r.dueAt);
    expect(preview(CC)).toEqual([Date.parse('2023-11-26T13:00:00Z')]);
    expect(preview(CL)).toEqual([Date.parse('2023-11-23T19:00:00Z')]);
    expect(rowsFor(db(), { guildId: G, channelId: CL }).map((r) => r.kind)).toEqual(['preview']);
  });

  test('GIVEN a channel following a season no longer loaded THEN it is reported and its rows are left alone', () => {
    follow(CL, CL_ID);
    replanAll(db(), catalogOf(ccSeason(), clSeason()), 0);
    const report = replanAll(db(), catalogOf(ccSeason()), 0);
    expect(report.missingSeasons).toEqual([CL_ID]);
    expect(rowsFor(db(), { guildId: G, channelId: CL }).map((r) => r.status)).toEqual(['pending']);
    expect(planOne(db(), catalogOf(ccSeason()), channelSubscriptions(db(), G, CL)[0]!, 0)).toMatchObject({ inserted: 0 });
  });

  test('GIVEN planning one season of a channel following two THEN the other season’s rows are not cancelled', () => {
    follow(BOTH, LEGACY_SEASON_ID);
    const cl = follow(BOTH, CL_ID);
    const catalog = catalogOf(ccSeason(), clSeason());
    replanAll(db(), catalog, 0);
    expect(planOne(db(), catalog, cl, 0)).toMatchObject({ cancelled: 0, unchanged: 1 });
    expect(rowsFor(db(), { guildId: G, channelId: BOTH }).map((r) => [r.season, r.status])).toEqual([
      [CL_ID, 'pending'],
      [LEGACY_SEASON_ID, 'pending'],
    ]);
  });

  test('GIVEN off for one season of a channel following two THEN only that season’s posts are cancelled', () => {
    follow(BOTH, LEGACY_SEASON_ID);
    follow(BOTH, CL_ID);
    replanAll(db(), catalogOf(ccSeason(), clSeason()), 0);
    expect(turnOff(db(), G, BOTH, 1, CL_ID)).toEqual([{ channelId: BOTH, seasonId: CL_ID }]);
    expect(rowsFor(db(), { guildId: G, channelId: BOTH }).map((r) => [r.season, r.status])).toEqual([
      [CL_ID, 'cancelled'],
      [LEGACY_SEASON_ID, 'pending'],
    ]);
    expect(channelSubscriptions(db(), G, BOTH).map((s) => [s.seasonId, s.enabled])).toEqual([
      [LEGACY_SEASON_ID, true],
      [CL_ID, false],
    ]);
  });
});

describe('the tick renders each row from its season', () => {
  test('GIVEN two channels due at their seasons’ previews THEN each post lists its own season’s match, once', async () => {
    follow(CC, LEGACY_SEASON_ID);
    follow(CL, CL_ID);
    const catalog = catalogOf(ccSeason('2023-11-26T13:00:00Z'), clSeason('2023-11-26T13:00:00Z'));
    const sent: OutgoingPost[] = [];
    const send: SendPost = async (post) => {
      sent.push(post);
      return { kind: 'sent', messageIds: [String(900000000000000000 + sent.length)] };
    };
    const due = Date.parse('2023-11-25T13:00:00Z');
    replanAll(db(), catalog, 0);
    await runTick({ db: db(), season: () => catalog, send, log: silent }, due);
    replanAll(db(), catalog, due + H);
    await runTick({ db: db(), season: () => catalog, send, log: silent }, due + H);
    const text = (post: OutgoingPost) => JSON.stringify(post.messages);
    expect(sent.map((p) => p.channelId).sort()).toEqual([CC, CL]);
    const cc = sent.find((p) => p.channelId === CC)!;
    const cl = sent.find((p) => p.channelId === CL)!;
    // The Confederation Cup match is Alpha v Bravo, the Champions League one Charlie v Delta.
    expect(text(cc)).toMatch(/Alpha/);
    expect(text(cc)).not.toMatch(/Charlie/);
    expect(text(cl)).toMatch(/Charlie/);
    expect(text(cl)).not.toMatch(/Alpha/);
    expect(cc.nonce).not.toBe(cl.nonce);
  });
});
