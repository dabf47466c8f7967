// Full-time posts end to end: the whole bot in-process (startBot, real discord.js) against the stand-in,
// on the real 2023–24 Confederation Cup, its replay clock moved by the test. Matchday 1 of group B:
// Zamalek v Abu Salim (1–0) and Sagrada Esperança v Académie SOAR (2–0), both at 16:00 UTC on 26 Nov.
// An editor's result for Zamalek v Abu Salim is sighted at 17:50 (before full time); the other result is
// file data, known at full time (18:30). Each channel follows one club with results:each.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { announceAsManager, messageText, posts, readRows } from '../e2e/announcement-support.js';
import { GUILD_ID, makeTempDir, startTestStandin, STARTUP_TIMEOUT_MS } from '../e2e/harness.js';
import { endInProcessRun, startInProcessBot, type InProcessBot } from '../e2e/in-process-bot.js';

const SEASON = 'caf-cc-2023-24';
const SIGHTED = Date.parse('2023-11-26T17:50:00Z');

let standin: Standin;
let bot: InProcessBot;
let databasePath: string;
const channels = new Map<string, string>();
const id = (name: string): string => channels.get(name)!;
/** The full-time posts in a channel (Berkane plays at 19:00: its channel also gets its 2 h preview). */
const fullTime = (name: string) => posts(standin, id(name)).filter((m) => (m.embeds[0]?.title ?? '').startsWith('Full time'));

beforeAll(async () => {
  standin = await startTestStandin({
    guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: ['general', 'zamalek', 'abusalim', 'sagrada', 'berkane', 'recaps'].map((name) => ({ name })) }],
  });
  for (const name of ['zamalek', 'abusalim', 'sagrada', 'berkane', 'recaps']) channels.set(name, standin.channelByName(GUILD_ID, name)!.id);
  databasePath = join(makeTempDir(), 'bot.sqlite');
  // Kickoff of matchday 1 is 13:00: start after the 24h previews were due, before the first result.
  bot = await startInProcessBot(standin, { databasePath, clock: { start: '2023-11-26T15:00:00Z', rate: 3_600 } });
}, STARTUP_TIMEOUT_MS + 15_000);

afterAll(() => endInProcessRun([bot], standin));

/** What an editor's confirm writes beside the result: when this installation first saw it. */
const sight = (matchId: string, knownAt: number): void => {
  const db = new Database(databasePath);
  try {
    db.prepare('insert into fact_sightings (season_id, match_id, fact, value, known_at) values (?, ?, ?, ?, ?)').run(SEASON, matchId, 'result', 'played 1-0', knownAt);
  } finally {
    db.close();
  }
};

describe('results:each in channels following a club', () => {
  test('GIVEN a sighted result THEN one full-time post at the sighting in each channel following either club, none elsewhere; a file result at full time', async () => {
    sight('GB-MD1-1', SIGHTED);
    for (const [name, team] of [['zamalek', 'zamalek'], ['abusalim', 'abu-salim'], ['sagrada', 'sagrada-esperanca'], ['berkane', 'rs-berkane']] as const) {
      const reply = await announceAsManager(standin, 'set', { channel: id(name), competition: SEASON, team, results: 'each', leads: '2h' });
      expect(reply.content).toContain('a post per match at full time');
    }
    // An unfiltered channel with round recaps gets no full-time posts. (Leads of 2 h: the previews were due before now.)
    await announceAsManager(standin, 'set', { channel: id('recaps'), competition: SEASON, results: 'round', leads: '2h' });

    await bot.advanceTo(SIGHTED);
    // Sent by now: the two full-time posts of Zamalek v Abu Salim, and Berkane's 2 h preview (due 17:00).
    await bot.waitForSent(3, 'the two full-time posts of Zamalek v Abu Salim');
    for (const name of ['zamalek', 'abusalim']) {
      const sent = posts(standin, id(name));
      expect(sent, name).toHaveLength(1);
      const text = messageText(sent[0]!);
      expect(text).toContain('Full time — Group stage · Matchday 1');
      expect(text).toContain('Zamalek **1–0** Abu Salim');
      expect(text).toContain('Youssef Obama 73');
      // The group line: the table after this match.
      expect(text).toMatch(/Table: 1\. .*Zamalek 3/);
      expect(sent[0]!.nonce).toBeDefined();
    }
    expect(posts(standin, id('sagrada'))).toHaveLength(0);
    expect(fullTime('berkane')).toHaveLength(0);

    // Full time of the file's other result (16:00 + 2 h 30): Sagrada's channel only.
    await bot.advanceTo('2023-11-26T18:31:00Z');
    await bot.waitForSent(4, "Sagrada's full-time post");
    const sagrada = posts(standin, id('sagrada'));
    expect(sagrada).toHaveLength(1);
    expect(messageText(sagrada[0]!)).toContain('Sagrada Esperança **2–0** Académie SOAR');

    // RS Berkane v Sekhukhune (19:00) at its full time, and the recap channel's recap once the round's
    // last result is known.
    await bot.advanceTo('2023-11-26T21:31:00Z');
    await bot.waitForSent(6, "Berkane's full-time post and the round recap");
    expect(fullTime('berkane')).toHaveLength(1);

    // Hours later: still one post per channel, and the ledger agrees (later rounds' results wait, pending, for their full time).
    await bot.advanceTo('2023-11-27T06:00:00Z');
    expect(['zamalek', 'abusalim', 'sagrada', 'berkane'].map((name) => fullTime(name).length)).toEqual([1, 1, 1, 1]);
    expect(['zamalek', 'abusalim', 'sagrada'].map((name) => posts(standin, id(name)).length)).toEqual([1, 1, 1]);
    const rows = readRows(databasePath, "select channel_id, slot, club, status from announcement_outbox where kind = 'result' and status <> 'pending' order by id");
    expect(rows.map((r) => [[...channels].find(([, v]) => v === r.channel_id)?.[0], r.slot, r.club, r.status])).toEqual([
      ['zamalek', 'GB-MD1-1', 'zamalek', 'sent'],
      ['abusalim', 'GB-MD1-1', 'abu-salim', 'sent'],
      ['sagrada', 'GB-MD1-2', 'sagrada-esperanca', 'sent'],
      ['berkane', 'GD-MD1-1', 'rs-berkane', 'sent'],
    ]);
    // The recap channel got its round recap, with every result of the matchday, and no full-time post.
    expect(posts(standin, id('recaps')).map((m) => m.embeds[0]?.title)).toContain('Group stage · Matchday 1 — results');
    expect(posts(standin, id('recaps')).some((m) => (m.embeds[0]?.title ?? '').startsWith('Full time'))).toBe(false);
  }, 90_000);
});
