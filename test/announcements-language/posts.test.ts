import { afterEach, describe, expect, test } from 'vitest';
import { createLanguageStore } from '../../src/db/languages.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import { getSubscription, setSubscription } from '../../src/db/guild-settings.js';
import { rowsFor } from '../../src/db/outbox.js';
import type { OutgoingPost, SendPost } from '../../src/discord/announcements/sender.js';
import { replanAll } from '../../src/planning/announcements.js';
import { runTick } from '../../src/scheduler/tick.js';
import { readSeasonFile } from '../../src/season/read.js';
import { makeTestDb, silent } from '../db/helpers.js';

// Each announcement channel posts in its own language, read when the post is rendered, through the
// real planner, the real tick and a real SQLite database; the language is in no key and no nonce.

const { season } = readSeasonFile();
const G = '100000000000000001';
const G2 = '100000000000000002';
const EN = '200000000000000001';
const FR = '200000000000000002';
const AR = '200000000000000003';
const PT = '200000000000000004';
const SERVER_PT = '200000000000000005';

const recorder = () => {
  const sent: OutgoingPost[] = [];
  const send: SendPost = async (post) => {
    sent.push(post);
    return { kind: 'sent', messageIds: [String(900000000000000000 + sent.length)] };
  };
  return { sent, send };
};

const title = (p: OutgoingPost): string => p.messages[0]?.[0]?.title ?? '';
const body = (p: OutgoingPost): string => JSON.stringify(p.messages);

describe('announcements in each channel’s language, through the planner and the tick', () => {
  let opened: OpenedDatabase | null = null;
  afterEach(() => opened?.close());

  /** Wakes at each due time until `end` (and once more a minute later: a second pass sends nothing again). */
  const runUntil = async (db: OpenedDatabase['db'], send: SendPost, from: number, end: number): Promise<number> => {
    let t = from;
    replanAll(db, season, t);
    for (;;) {
      const due = [G, G2].flatMap((guildId) => rowsFor(db, { guildId, statuses: ['pending'] })).map((r) => r.dueAt).filter((d) => d > t);
      const next = Math.min(...due);
      if (!Number.isFinite(next) || next > end) break;
      t = next;
      for (const at of [t, t + 60_000]) {
        replanAll(db, season, at);
        await runTick({ db, season: () => season, send, log: silent }, at);
      }
    }
    return t;
  };

  test('GIVEN one server with a French, an Arabic, a Portuguese and a default channel THEN each gets matchday 1’s preview in its language', async () => {
    opened = makeTestDb();
    const db = opened.db;
    const start = Date.parse('2023-11-20T00:00:00Z');
    setSubscription(db, { guildId: G, channelId: EN }, start);
    setSubscription(db, { guildId: G, channelId: FR, language: 'fr' }, start);
    setSubscription(db, { guildId: G, channelId: AR, language: 'ar' }, start);
    setSubscription(db, { guildId: G, channelId: PT, language: 'pt' }, start);
    // Another server chose Portuguese with /language: its channel with no language of its own follows it.
    createLanguageStore(db).setServer(G2, 'pt', '300000000000000001', start);
    setSubscription(db, { guildId: G2, channelId: SERVER_PT }, start);
    const { sent, send } = recorder();
    await runUntil(db, send, start, Date.parse('2023-11-28T00:00:00Z'));

    const first = (channel: string) => sent.find((p) => p.channelId === channel);
    expect(title(first(EN)!)).toBe('Group stage · Matchday 1 — preview');
    expect(title(first(FR)!)).toBe('Phase de groupes · Journée 1 — avant-match');
    expect(title(first(AR)!)).toBe('دور المجموعات · الجولة 1 — تقديم');
    expect(title(first(PT)!)).toBe('Fase de grupos · Jornada 1 — antevisão');
    expect(title(first(SERVER_PT)!)).toBe('Fase de grupos · Jornada 1 — antevisão');
    expect(body(first(FR)!)).toContain('Groupe A');
    expect(body(first(FR)!)).not.toMatch(/preview|Matchday|Group A|kick-off/);
    // Zamalek by its Arabic name (data/clubs.json names.ar, no isolate), Abu Salim isolated.
    expect(body(first(AR)!)).toContain('الزمالك ضد \u2068Abu Salim\u2069');
    expect(body(first(AR)!)).not.toContain('\u202e');
    // The recap of matchday 1 too, with its table lines kept left to right in Arabic.
    const recap = (channel: string) => sent.find((p) => p.channelId === channel && body(p).includes('"title":') && !title(p).includes(title(first(channel)!)));
    expect(title(recap(FR)!)).toBe('Phase de groupes · Journée 1 — résultats');
    expect(title(recap(EN)!)).toBe('Group stage · Matchday 1 — results');
    expect(JSON.stringify(recap(AR)!.messages)).toMatch(/\\u2066Pos|\u2066Pos/);
    // Every post once per channel.
    expect(new Set(sent.map((p) => `${p.channelId}:${p.nonce}`)).size).toBe(sent.length);
  });

  test('GIVEN a French channel whose preview goes out late THEN the late note is French too', async () => {
    opened = makeTestDb();
    const db = opened.db;
    const start = Date.parse('2023-11-20T00:00:00Z');
    setSubscription(db, { guildId: G, channelId: FR, language: 'fr' }, start);
    replanAll(db, season, start);
    const due = Math.min(...rowsFor(db, { guildId: G, statuses: ['pending'] }).map((r) => r.dueAt));
    const { sent, send } = recorder();
    await runTick({ db, season: () => season, send, log: silent }, due + 30 * 60_000);
    expect(sent[0]?.content).toBe(`-# Publié en retard : prévu <t:${due / 1000}:f>.`);
  });

  test('GIVEN a preview already sent in French THEN switching the channel to Arabic re-sends nothing: same keys, same nonces, later posts in Arabic', async () => {
    opened = makeTestDb();
    const db = opened.db;
    const start = Date.parse('2023-11-20T00:00:00Z');
    setSubscription(db, { guildId: G, channelId: FR, language: 'fr' }, start);
    const { sent, send } = recorder();
    const t = await runUntil(db, send, start, Date.parse('2023-11-25T23:00:00Z'));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((p) => title(p).includes('Journée'))).toBe(true);
    const before = rowsFor(db, { guildId: G, channelId: FR }).map((r) => ({ kind: r.kind, round: r.roundKey, slot: r.slot, nonce: r.nonce, status: r.status }));
    const sentBefore = sent.length;

    // The admin switches to Arabic; the bot re-plans as /announcements set does.
    setSubscription(db, { guildId: G, channelId: FR, language: 'ar' }, t + 120_000);
    expect(getSubscription(db, G, FR)?.language).toBe('ar');
    replanAll(db, season, t + 120_000);
    const after = rowsFor(db, { guildId: G, channelId: FR }).map((r) => ({ kind: r.kind, round: r.roundKey, slot: r.slot, nonce: r.nonce, status: r.status }));
    for (const row of before) expect(after).toContainEqual(row);
    await runTick({ db, season: () => season, send, log: silent }, t + 180_000);
    expect(sent.length).toBe(sentBefore);

    await runUntil(db, send, t + 180_000, Date.parse('2023-11-28T00:00:00Z'));
    const later = sent.slice(sentBefore);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((p) => title(p).includes('الجولة'))).toBe(true);
    // Nothing sent before the switch went out again.
    const nonces = sent.map((p) => p.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    // Rows keep the nonces they were planned with.
    const final = rowsFor(db, { guildId: G, channelId: FR });
    for (const row of before) expect(final.find((r) => r.kind === row.kind && r.roundKey === row.round && r.slot === row.slot)?.nonce).toBe(row.nonce);
  });
});
