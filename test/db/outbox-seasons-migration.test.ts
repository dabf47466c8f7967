// Migration 0010 (announcements per season) on a database made before it: its subscriptions, outbox
// rows and round snapshots become the Confederation Cup 2023–24's, and no post already sent is sent
// again when the bot, now holding two seasons, re-plans and ticks.
import Database from 'better-sqlite3';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LEGACY_SEASON_ID, planSubscription, postKey, snapshotRound } from '../../src/domain/announcements.js';
import type { CatalogEntry, SeasonCatalog } from '../../src/domain/catalog.js';
import type { Season } from '../../src/domain/types.js';
import { MIGRATIONS_FOLDER, openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { listEnabledSubscriptions } from '../../src/db/guild-settings.js';
import { loadRoundSnapshots, nonceFor, rowsFor } from '../../src/db/outbox.js';
import type { OutgoingPost, SendPost } from '../../src/discord/announcements/sender.js';
import { replanAll, roundsOf } from '../../src/planning/announcements.js';
import { runTick } from '../../src/scheduler/tick.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { silent, tempDir } from './helpers.js';

const G = '100000000000000001';
const C = '200000000000000001';
const H = 3_600_000;
const CL_ID = 'caf-cl-2023-24';

const md1 = (id: string, home: string, away: string): Season['matches'][number] =>
  match({ id, stage: 'group', group: 'A', matchday: 1, home, away, date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z', status: 'scheduled' });
const cc = makeSeason({ id: LEGACY_SEASON_ID, competition: 'CAF Confederation Cup', teams: groupTeams('A'), matches: [md1('CC-1', 'a', 'b')] });
// The Champions League has a group matchday 1 too (the same round key), at the same time.
const cl = makeSeason({ id: CL_ID, competition: 'CAF Champions League', teams: groupTeams('A'), matches: [md1('CL-1', 'c', 'd')] });
const entries: CatalogEntry[] = [cl, cc].map((s) => ({ id: s.id, competition: s.competition, label: '2023-24', updatedAt: null }));
const catalog: SeasonCatalog = { list: () => entries, get: (id) => [cc, cl].find((s) => s.id === id) };

/** The migrations before 0010, as a database made before this change had them. */
const migrationsBefore = (folder: string): string => {
  const before = join(folder, 'drizzle-before-0010');
  cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
  const journalPath = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  expect(journal.entries.some((e) => e.tag.startsWith('0010'))).toBe(true);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.tag < '0010') }, null, 2));
  for (const e of journal.entries.filter((x) => x.tag >= '0010')) rmSync(join(before, `${e.tag}.sql`));
  return before;
};

describe('migration 0010 keeps every post already sent', () => {
  const folder = tempDir();
  let opened: OpenedDatabase | null = null;
  afterEach(() => {
    opened?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('GIVEN a sent preview and a pending recap from before seasons THEN after the upgrade the preview is never sent again and the recap goes once, with its old nonce', async () => {
    const file = join(folder, 'bot.db');
    const old = openDatabase(file, { log: silent, migrationsFolder: migrationsBefore(folder) });
    old.close();
    const setUp = Date.parse('2023-11-20T00:00:00Z');
    const [round] = roundsOf(cc);
    const planned = planSubscription(roundsOf(cc), { guildId: G, channelId: C, leadsMs: [24 * H], recap: true, roleId: null, activeFrom: setUp });
    const preview = planned.find((p) => p.kind === 'preview')!;
    const recap = planned.find((p) => p.kind === 'recap')!;
    const oldKey = (p: typeof preview) => `${G}:${C}:${p.kind}:${p.roundKey}:${p.slot}`;

    // The old schema: no season anywhere.
    const raw = new Database(file);
    raw.prepare(
      `insert into announcement_subscriptions (guild_id, channel_id, role_id, leads, recap, enabled, consecutive_permission_failures, active_from, created_at, updated_at)
       values (?, ?, null, '[86400000]', 1, 1, 0, ?, ?, ?)`,
    ).run(G, C, setUp, setUp, setUp);
    const subId = (raw.prepare('select id from announcement_subscriptions').get() as { id: number }).id;
    const insertRow = raw.prepare(
      `insert into announcement_outbox (subscription_id, guild_id, channel_id, kind, round_key, slot, lead_ms, due_at, expires_at, status, attempts, sent_at, message_id, message_ids, nonce, fingerprint, created_at, updated_at, late)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    );
    insertRow.run(subId, G, C, 'preview', preview.roundKey, preview.slot, preview.leadMs, preview.dueAt, preview.expiresAt, 'sent', 1, preview.dueAt, '900000000000000001', '["900000000000000001"]', nonceFor(oldKey(preview)), preview.fingerprint, setUp, setUp);
    insertRow.run(subId, G, C, 'recap', recap.roundKey, recap.slot, null, recap.dueAt, recap.expiresAt, 'pending', 0, null, null, '[]', nonceFor(oldKey(recap)), recap.fingerprint, setUp, setUp);
    const snapshot = snapshotRound(round!);
    raw.prepare('insert into announcement_rounds (round_key, fingerprint, matches, updated_at) values (?, ?, ?, ?)').run(
      snapshot.roundKey,
      snapshot.fingerprint,
      JSON.stringify(snapshot.matches),
      setUp,
    );
    raw.close();

    // Upgraded: every migration runs at open. The old rows are the Confederation Cup's.
    opened = openDatabase(file, { log: silent });
    const db = opened.db;
    expect(listEnabledSubscriptions(db).map((s) => [s.channelId, s.seasonId])).toEqual([[C, LEGACY_SEASON_ID]]);
    expect(rowsFor(db, { guildId: G }).map((r) => [r.kind, r.season, r.status, r.nonce, postKey(r)])).toEqual([
      ['preview', LEGACY_SEASON_ID, 'sent', nonceFor(oldKey(preview)), oldKey(preview)],
      ['recap', LEGACY_SEASON_ID, 'pending', nonceFor(oldKey(recap)), oldKey(recap)],
    ]);
    expect(loadRoundSnapshots(db, LEGACY_SEASON_ID).get('GS-MD1')?.fingerprint).toBe(snapshot.fingerprint);

    const sent: OutgoingPost[] = [];
    const send: SendPost = async (post) => {
      sent.push(post);
      return { kind: 'sent', messageIds: [String(910000000000000000 + sent.length)] };
    };
    // From before the preview's due time to after the recap's, re-planning and ticking every hour, with
    // both seasons loaded (the Champions League's matchday 1 has the same round key and time).
    for (let t = preview.dueAt - 2 * H; t <= recap.dueAt + 2 * H; t += H) {
      const report = replanAll(db, catalog, t);
      expect(report.changes).toEqual([]);
      await runTick({ db, season: () => catalog, send, log: silent }, t);
    }
    expect(sent.map((p) => [p.channelId, p.nonce])).toEqual([[C, nonceFor(oldKey(recap))]]);
    expect(rowsFor(db, { guildId: G }).map((r) => [r.kind, r.status])).toEqual([
      ['preview', 'sent'],
      ['recap', 'sent'],
    ]);
  });
});
