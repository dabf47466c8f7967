// Migration 0013 (results:each|round|off replaces recap) on a database made before it: each channel's
// recap choice becomes its results mode (on: round, off: off; goals off), every outbox row keeps its
// id, key, nonce and status, and re-planning and ticking afterwards sends nothing twice.
import Database from 'better-sqlite3';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LEGACY_SEASON_ID, planSubscription, postKey } from '../../src/domain/announcements.js';
import type { Season } from '../../src/domain/types.js';
import { MIGRATIONS_FOLDER, openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { listEnabledSubscriptions } from '../../src/db/guild-settings.js';
import { nonceFor, rowsFor } from '../../src/db/outbox.js';
import type { OutgoingPost, SendPost } from '../../src/discord/announcements/sender.js';
import { replanAll, roundsOf } from '../../src/planning/announcements.js';
import { runTick } from '../../src/scheduler/tick.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { silent, tempDir } from '../db/helpers.js';

const G = '100000000000000001';
const ON = '200000000000000001';
const OFF = '200000000000000002';
const H = 3_600_000;

const played = (id: string, home: string, away: string): Season['matches'][number] =>
  match({ id, stage: 'group', group: 'A', matchday: 1, home, away, date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z', status: 'played', score: { home: 1, away: 0 } });
const cc = makeSeason({ id: LEGACY_SEASON_ID, competition: 'CAF Confederation Cup', teams: groupTeams('A'), matches: [played('CC-1', 'a', 'b'), played('CC-2', 'c', 'd')] });

/** The migrations before 0013, as a database made before this change had them. */
const migrationsBefore = (folder: string): string => {
  const before = join(folder, 'drizzle-before-0013');
  cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
  const journalPath = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  expect(journal.entries.some((e) => e.tag.startsWith('0013'))).toBe(true);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.tag < '0013') }, null, 2));
  for (const e of journal.entries.filter((x) => x.tag >= '0013')) rmSync(join(before, `${e.tag}.sql`));
  return before;
};

describe('migration 0013 carries recap over to results and keeps every post', () => {
  const folder = tempDir();
  let opened: OpenedDatabase | null = null;
  afterEach(() => {
    opened?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('GIVEN a channel with recap on (preview sent, recap pending) and one with recap off THEN round and off, same keys and nonces, and only the pending recap is sent, once', async () => {
    const file = join(folder, 'bot.db');
    openDatabase(file, { log: silent, migrationsFolder: migrationsBefore(folder) }).close();
    const setUp = Date.parse('2023-11-20T00:00:00Z');
    const planned = planSubscription(roundsOf(cc), { guildId: G, channelId: ON, leadsMs: [24 * H], recap: true, roleId: null, activeFrom: setUp });
    const preview = planned.find((p) => p.kind === 'preview')!;
    const recap = planned.find((p) => p.kind === 'recap')!;
    // The file's results are known at full time: the recap is due when the round ends, as before.
    expect(new Date(recap.dueAt).toISOString()).toBe('2023-11-26T15:30:00.000Z');

    const raw = new Database(file);
    const insertSub = raw.prepare(
      `insert into announcement_subscriptions (guild_id, channel_id, role_id, leads, recap, enabled, consecutive_permission_failures, active_from, created_at, updated_at)
       values (?, ?, null, '[86400000]', ?, 1, 0, ?, ?, ?)`,
    );
    const onId = Number(insertSub.run(G, ON, 1, setUp, setUp, setUp).lastInsertRowid);
    const offId = Number(insertSub.run(G, OFF, 0, setUp, setUp, setUp).lastInsertRowid);
    const insertRow = raw.prepare(
      `insert into announcement_outbox (subscription_id, guild_id, channel_id, kind, round_key, slot, lead_ms, due_at, expires_at, status, attempts, sent_at, message_id, message_ids, nonce, fingerprint, created_at, updated_at, late)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    );
    const row = (sub: number, channel: string, p: typeof preview, status: 'sent' | 'pending') =>
      insertRow.run(sub, G, channel, p.kind, p.roundKey, p.slot, p.leadMs, p.dueAt, p.expiresAt, status, status === 'sent' ? 1 : 0, status === 'sent' ? p.dueAt : null, status === 'sent' ? `9${channel.slice(1)}` : null, status === 'sent' ? `["9${channel.slice(1)}"]` : '[]', nonceFor(postKey({ ...p, channelId: channel })), p.fingerprint, setUp, setUp);
    row(onId, ON, preview, 'sent');
    row(onId, ON, recap, 'pending');
    row(offId, OFF, preview, 'sent');
    const before = raw.prepare('select id, channel_id, kind, slot, club, nonce, status from announcement_outbox order by id').all();
    raw.close();

    opened = openDatabase(file, { log: silent });
    const db = opened.db;
    expect(listEnabledSubscriptions(db).map((s) => [s.channelId, s.results, s.recap, s.goals])).toEqual([
      [ON, 'round', true, false],
      [OFF, 'off', false, false],
    ]);
    const after = rowsFor(db, { guildId: G })
      .sort((a, b) => a.id - b.id)
      .map((r) => ({ id: r.id, channel_id: r.channelId, kind: r.kind, slot: r.slot, club: r.club ?? '', nonce: r.nonce, status: r.status }));
    expect(after).toEqual(before);
    expect(rowsFor(db, { guildId: G }).map((r) => r.nonce)).toEqual(rowsFor(db, { guildId: G }).map((r) => nonceFor(postKey(r))));

    const sent: OutgoingPost[] = [];
    const send: SendPost = async (post) => {
      sent.push(post);
      return { kind: 'sent', messageIds: [String(910000000000000000 + sent.length)] };
    };
    for (let t = preview.dueAt - 2 * H; t <= recap.dueAt + 2 * H; t += H) {
      replanAll(db, cc, t);
      await runTick({ db, season: () => cc, send, log: silent }, t);
    }
    expect(sent.map((p) => [p.channelId, p.nonce])).toEqual([[ON, nonceFor(postKey({ ...recap, channelId: ON }))]]);
    expect(rowsFor(db, { guildId: G }).map((r) => [r.channelId, r.kind, r.status])).toEqual([
      [ON, 'preview', 'sent'],
      [OFF, 'preview', 'sent'],
      [ON, 'recap', 'sent'],
    ]);
  });
});
