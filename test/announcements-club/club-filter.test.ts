import { afterEach, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mentionRoles, planMovedNotices, planSubscription, postKey, type RoundChange, type Subscription } from '../../src/domain/announcements.js';
import { MIGRATIONS_FOLDER, openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { setClubRole } from '../../src/db/club-roles.js';
import { nonceFor, rowsFor } from '../../src/db/outbox.js';
import type { OutgoingPost, SendPost } from '../../src/discord/announcements/sender.js';
import { replanAll, roundsOf } from '../../src/planning/announcements.js';
import { runTick } from '../../src/scheduler/tick.js';
import { readSeasonFile } from '../../src/season/read.js';
import { makeTestDb, silent, tempDir } from '../db/helpers.js';

// Following a club: the planner, the tick's rendering and the outbox keys of a channel with `team`.

const { season } = readSeasonFile();
const rounds = roundsOf(season);
const G = '100000000000000001';
const ALL = '200000000000000001';
const ZAM = '200000000000000002';
const BER = '200000000000000003';
const DAY = 24 * 3_600_000;

const sub = (channelId: string, team: string | null): Subscription => ({
  guildId: G,
  channelId,
  leadsMs: [DAY],
  recap: true,
  roleId: null,
  team,
  activeFrom: 0,
});

const zamalekRounds = rounds.filter((r) => r.matches.some((m) => m.home === 'zamalek' || m.away === 'zamalek')).map((r) => r.key);

describe('the planner with a club filter', () => {
  test('GIVEN a channel following Zamalek THEN it gets a preview and a recap for each of Zamalek’s rounds and no other', () => {
    const posts = planSubscription(rounds, sub(ZAM, 'zamalek'));
    expect(zamalekRounds).toEqual(['R2-L1', 'R2-L2', 'GS-MD1', 'GS-MD2', 'GS-MD3', 'GS-MD4', 'GS-MD5', 'GS-MD6', 'QF-L1', 'QF-L2', 'SF-L1', 'SF-L2', 'F-L1', 'F-L2']);
    expect([...new Set(posts.map((p) => p.roundKey))].sort()).toEqual([...zamalekRounds].sort());
    expect(posts.filter((p) => p.kind === 'preview')).toHaveLength(zamalekRounds.length);
    expect(posts.filter((p) => p.kind === 'recap')).toHaveLength(zamalekRounds.length);
    expect(posts.every((p) => p.club === 'zamalek' && postKey(p).endsWith(':zamalek'))).toBe(true);
  });

  test('GIVEN a channel following no club THEN every round, and keys exactly as before the club existed', () => {
    const posts = planSubscription(rounds, sub(ALL, null));
    expect(new Set(posts.map((p) => p.roundKey)).size).toBe(rounds.filter((r) => r.matches.some((m) => m.date !== null || m.kickoff !== null)).length);
    for (const p of posts) expect(postKey(p)).toBe(`${G}:${ALL}:${p.kind}:${p.roundKey}:${p.slot}`);
  });

  test('GIVEN Zamalek’s group matchday THEN the preview is timed by Zamalek’s kickoff, not the round’s first', () => {
    const md1 = planSubscription(rounds, sub(ZAM, 'zamalek')).find((p) => p.kind === 'preview' && p.roundKey === 'GS-MD1');
    const md1All = planSubscription(rounds, sub(ALL, null)).find((p) => p.kind === 'preview' && p.roundKey === 'GS-MD1');
    expect(md1?.dueAt).toBe(Date.parse('2023-11-26T16:00:00Z') - DAY);
    expect(md1All?.dueAt).toBeLessThan(md1?.dueAt ?? 0);
  });

  test.each([
    // [moved match, channel's club, notice expected]
    ['GB-MD5-1', 'zamalek', true],
    ['GA-MD5-1', 'zamalek', false],
    ['GA-MD5-1', null, true],
  ] as const)('GIVEN %s moved and a channel following %s THEN a moved notice: %s', (matchId, team, expected) => {
    const change: RoundChange = {
      roundKey: 'GS-MD5',
      fingerprint: 'x',
      moves: [{ matchId, before: null, after: { id: matchId, kickoff: null, date: '2024-02-26', state: 'on' } }],
    };
    const notices = planMovedNotices(rounds, [change], sub(ZAM, team), Date.parse('2024-02-01T00:00:00Z'));
    expect(notices.length > 0).toBe(expected);
  });
});

describe('posts of a club channel, through the tick', () => {
  let opened: OpenedDatabase | null = null;
  afterEach(() => opened?.close());

  test('GIVEN channels following Zamalek, RS Berkane and everything THEN each gets only its club’s matches, once', async () => {
    opened = makeTestDb();
    const db = opened.db;
    const start = Date.parse('2024-04-14T00:00:00Z');
    const end = Date.parse('2024-05-21T00:00:00Z');
    setSubscription(db, { guildId: G, channelId: ALL }, start);
    setSubscription(db, { guildId: G, channelId: ZAM, teamId: 'zamalek' }, start);
    setSubscription(db, { guildId: G, channelId: BER, teamId: 'rs-berkane' }, start);
    const sent: OutgoingPost[] = [];
    const send: SendPost = async (post) => {
      sent.push(post);
      return { kind: 'sent', messageIds: [String(900000000000000000 + sent.length)] };
    };
    // The bot wakes at each due time (and twice more, to show a second pass sends nothing again).
    let t = start;
    replanAll(db, season, t);
    for (;;) {
      const due = rowsFor(db, { guildId: G, statuses: ['pending'] }).map((r) => r.dueAt).filter((d) => d > t);
      const next = Math.min(...due);
      if (!Number.isFinite(next) || next > end) break;
      t = next;
      for (const at of [t, t + 60_000]) {
        replanAll(db, season, at);
        await runTick({ db, season: () => season, send, log: silent }, at);
      }
    }
    const text = (p: OutgoingPost): string => JSON.stringify(p.messages);
    const previews = (channel: string) => sent.filter((p) => p.channelId === channel && text(p).includes('preview'));
    const titles = (channel: string) => previews(channel).map((p) => p.messages[0]?.[0]?.title);
    expect(titles(ZAM)).toEqual(['Semi-finals, first leg — preview', 'Semi-finals, second leg — preview', 'Final, first leg — preview', 'Final, second leg — preview']);
    expect(titles(BER)).toEqual(titles(ZAM));
    expect(titles(ALL)).toEqual(titles(ZAM));
    const semis = (channel: string) => previews(channel).filter((p) => text(p).includes('Semi'));
    for (const p of semis(ZAM)) expect([text(p).includes('Zamalek'), text(p).includes('Berkane')]).toEqual([true, false]);
    for (const p of semis(BER)) expect([text(p).includes('Zamalek'), text(p).includes('Berkane')]).toEqual([false, true]);
    for (const p of semis(ALL)) expect([text(p).includes('Zamalek'), text(p).includes('Berkane')]).toEqual([true, true]);
    // Every post at most once per channel (distinct nonces), and the club's rows carry the club.
    expect(new Set(sent.map((p) => `${p.channelId}:${p.nonce}`)).size).toBe(sent.length);
    expect(rowsFor(db, { guildId: G, channelId: ZAM }).every((r) => r.club === 'zamalek')).toBe(true);
    expect(rowsFor(db, { guildId: G, channelId: ALL }).every((r) => r.club === null)).toBe(true);
  });
});

describe('migration 0006 keeps the posts already sent', () => {
  const folder = tempDir();
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  test('GIVEN a database with sent rows from before the migration THEN re-planned after it, nothing is sent twice', async () => {
    // The migrations up to 0005, as a database made before this change had them.
    const before = join(folder, 'drizzle-0005');
    cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const keep = journal.entries.filter((e) => e.tag < '0006');
    expect(keep.map((e) => e.tag).at(-1)).toBe('0005_guild_departures');
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: keep }, null, 2));
    for (const e of journal.entries.filter((x) => x.tag >= '0006')) rmSync(join(before, `${e.tag}.sql`));

    const file = join(folder, 'bot.db');
    const old = openDatabase(file, { log: silent, migrationsFolder: before });
    const start = Date.parse('2024-05-10T00:00:00Z');
    // The old schema: no team_id, no club.
    const raw = new Database(file);
    raw.prepare(
      `insert into announcement_subscriptions (guild_id, channel_id, role_id, leads, recap, enabled, consecutive_permission_failures, active_from, created_at, updated_at)
       values (?, ?, null, '[86400000]', 1, 1, 0, ?, ?, ?)`,
    ).run(G, ALL, start, start, start);
    const subId = (raw.prepare('select id from announcement_subscriptions').get() as { id: number }).id;
    // The final's first-leg preview, already sent before the upgrade, keyed and nonced the old way.
    const f1 = planSubscription(rounds, { ...sub(ALL, null), activeFrom: start }).find((p) => p.kind === 'preview' && p.roundKey === 'F-L1');
    expect(f1).toBeDefined();
    const oldKey = `${G}:${ALL}:preview:F-L1:${f1?.slot}`;
    raw.prepare(
      `insert into announcement_outbox (subscription_id, guild_id, channel_id, kind, round_key, slot, lead_ms, due_at, expires_at, status, attempts, sent_at, message_id, message_ids, nonce, fingerprint, created_at, updated_at, late)
       values (?, ?, ?, 'preview', 'F-L1', ?, ?, ?, ?, 'sent', 1, ?, '900000000000000001', '["900000000000000001"]', ?, ?, ?, ?, 0)`,
    ).run(subId, G, ALL, f1?.slot, f1?.leadMs, f1?.dueAt, f1?.expiresAt, f1?.dueAt, nonceFor(oldKey), f1?.fingerprint, start, start);
    raw.close();
    old.close();

    // Upgraded: the real migrations (0006 included) run at start.
    opened = openDatabase(file, { log: silent });
    const db = opened.db;
    const sent: OutgoingPost[] = [];
    const send: SendPost = async (post) => {
      sent.push(post);
      return { kind: 'sent', messageIds: [String(910000000000000000 + sent.length)] };
    };
    // Through the preview's due time and up to the kickoff: the bot re-plans and ticks every hour.
    for (let t = Date.parse('2024-05-11T12:00:00Z'); t <= Date.parse('2024-05-12T18:00:00Z'); t += 3_600_000) {
      replanAll(db, season, t);
      await runTick({ db, season: () => season, send, log: silent }, t);
    }
    const rows = rowsFor(db, { guildId: G, channelId: ALL }).filter((r) => r.roundKey === 'F-L1');
    // One preview row: the one sent before the upgrade, with its old key and nonce; the recap still to come.
    expect(rows.map((r) => [r.kind, r.status, r.club, r.nonce])).toEqual([
      ['preview', 'sent', null, nonceFor(oldKey)],
      ['recap', 'pending', null, nonceFor(`${G}:${ALL}:recap:F-L1:after`)],
    ]);
    expect(sent).toEqual([]);
  });
  let opened: OpenedDatabase | null = null;
  afterEach(() => opened?.close());
});

describe('which roles a post mentions', () => {
  const roles = new Map([
    ['zamalek', '300000000000000001'],
    ['rs-berkane', '300000000000000002'],
  ]);
  const CHANNEL_ROLE = '300000000000000009';
  test.each([
    // [case, matches, channel's club, channel role, expected]
    ['no club: the channel role', [{ home: 'zamalek', away: 'rs-berkane' }], null, CHANNEL_ROLE, [CHANNEL_ROLE]],
    ['no club and no role: none', [{ home: 'zamalek', away: 'rs-berkane' }], null, null, []],
    ['two clubs with roles: both, replacing the channel role', [{ home: 'zamalek', away: 'rs-berkane' }], 'zamalek', CHANNEL_ROLE, ['300000000000000001', '300000000000000002']],
    ['one club with a role', [{ home: 'zamalek', away: 'dreams-f-c' }], 'zamalek', CHANNEL_ROLE, ['300000000000000001']],
    ['no club role: the channel role', [{ home: 'dreams-f-c', away: 'abu-salim' }], 'dreams-f-c', CHANNEL_ROLE, [CHANNEL_ROLE]],
    ['the channel role is @everyone: never', [{ home: 'dreams-f-c', away: 'abu-salim' }], 'dreams-f-c', G, []],
  ] as const)('%s', (_case, matches, club, channelRole, expected) => {
    expect(mentionRoles(G, matches, club, channelRole, roles)).toEqual(expected);
  });

  test('a club role equal to the guild id (@everyone) is never mentioned', () => {
    expect(mentionRoles(G, [{ home: 'a', away: 'b' }], 'a', null, new Map([['a', G]]))).toEqual([]);
  });

  test('GIVEN roles for Zamalek and RS Berkane THEN the final’s preview in the Zamalek channel pings both, and only them', async () => {
    const db = makeTestDb();
    try {
      const start = Date.parse('2024-05-10T00:00:00Z');
      setSubscription(db.db, { guildId: G, channelId: ZAM, teamId: 'zamalek', roleId: '300000000000000009' }, start);
      setSubscription(db.db, { guildId: G, channelId: ALL, roleId: '300000000000000009' }, start);
      setClubRole(db.db, G, 'zamalek', '300000000000000001', start);
      setClubRole(db.db, G, 'rs-berkane', '300000000000000002', start);
      const sent: OutgoingPost[] = [];
      const send: SendPost = async (post) => {
        sent.push(post);
        return { kind: 'sent', messageIds: [String(920000000000000000 + sent.length)] };
      };
      const due = Date.parse('2024-05-11T19:00:00Z');
      replanAll(db.db, season, due);
      await runTick({ db: db.db, season: () => season, send, log: silent }, due);
      const zam = sent.find((p) => p.channelId === ZAM);
      const all = sent.find((p) => p.channelId === ALL);
      expect(zam?.roleIds).toEqual(['300000000000000001', '300000000000000002']);
      expect(zam?.content).toContain('<@&300000000000000001> <@&300000000000000002>');
      expect(zam?.content).not.toContain('300000000000000009');
      expect(all?.roleIds).toEqual(['300000000000000009']);
    } finally {
      db.close();
    }
  });
});
