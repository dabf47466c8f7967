import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GUILD_ID, makeTempDir, markdownText, startTestStandin, TEST_TOKEN, type CallbackData } from '../e2e/harness.js';
import { startInProcessBot, stopInProcessBots, type InProcessBot } from '../e2e/in-process-bot.js';

// Issue 12, "when a result becomes known": at the moment it is saved, not at kickoff. The whole bot
// in-process on a replay clock that stands still at noon of a match day (the sandbox's live season,
// matchday 4 kicks off at 16:00): an editor saves a result for the 16:00 match, and from that instant
// /fixtures shows the score and /next offers the club's following match, hours before full time.

const EDITORS = '1100000000000000077';
const SEASON = 'sandbox-cup-2026-27';
const SEASON_FILE = 'data/sandbox/live-2026-27.json';
const NOON = '2026-12-01T12:00:00Z';
// Carthage Wanderers v Nile Stars, 16:00 UTC on the clock's day; Nile Stars' next match after it: Atlas Falcons, 8 December.
const MATCH = `${SEASON}/GA-MD4-1`;
const FOLLOWING_KICKOFF = Date.parse('2026-12-08T16:00:00Z') / 1000;
const CALLBACK = { MESSAGE: 4, DEFERRED: 5, DEFERRED_UPDATE: 6 } as const;

let standin: Standin;
let bot: InProcessBot;
let editor: string;

beforeAll(async () => {
  standin = await startTestStandin({
    guilds: [
      { id: GUILD_ID, name: 'Fans', channels: [{ name: 'general' }] },
      { id: EDITORS, name: 'Editors', channels: [{ name: 'editing' }] },
    ],
  });
  const role = standin.addRole(EDITORS, { name: 'Editor' }).id;
  editor = standin.addUser({ username: 'ed', globalName: 'Editor One' }).id;
  standin.addMember(EDITORS, editor, [role]);
  bot = await startInProcessBot(standin, {
    databasePath: join(makeTempDir(), 'bot.sqlite'),
    // Rate 60 sets the heartbeat; the clock stands still at noon unless the test moves it.
    clock: { start: NOON, rate: 60 },
    extra: { DISCORD_GUILD_ID: undefined, SEASON_FILES: SEASON_FILE, EDITOR_GUILD_ID: EDITORS, EDITOR_ROLE_ID: role },
  });
}, 60_000);

afterAll(async () => {
  await stopInProcessBots();
  if (bot) expect(bot.output()).not.toContain(TEST_TOKEN);
  await standin?.close();
});

type Spec = Parameters<Standin['sendInteraction']>[0];

/** The answer as the member sees it: the callback, or after a defer the edited @original. */
const send = async (spec: Spec, settled: (m: APIMessage) => boolean = () => true): Promise<{ data: CallbackData; original: () => Promise<APIMessage> }> => {
  const handle = standin.sendInteraction(spec);
  const body = await handle.callback;
  const original = () => handle.waitForOriginal((m) => ((m.flags ?? 0) & 128) === 0 && settled(m), 10_000);
  if (body.type !== CALLBACK.DEFERRED && body.type !== CALLBACK.DEFERRED_UPDATE) return { data: (body.data ?? {}) as CallbackData, original };
  return { data: (await original()) as unknown as CallbackData, original };
};

const text = (data: CallbackData): string => markdownText(data).join('\n');

const fan = async (name: string, options: Record<string, string>): Promise<string> =>
  text((await send({ kind: 'chatInput', name, guildId: GUILD_ID, options } as Spec)).data);

const asEditor = (spec: Record<string, unknown>): Spec =>
  ({ guildId: EDITORS, userId: editor, channelId: standin.channelByName(EDITORS, 'editing')!.id, ...spec }) as Spec;

/** The /fixtures line of Carthage Wanderers v Nile Stars. */
const fixturesLine = async (): Promise<string> => {
  const all = await fan('fixtures', { team: 'nile-stars', when: 'all' });
  const line = all.split('\n').find((l) => l.includes('Carthage Wanderers') && l.includes('Nile Stars') && !l.includes('1–0'));
  expect(line, all).toBeDefined();
  return line!;
};

describe('a result saved before full time is visible from its saving (replay clock at noon, kickoff 16:00)', () => {
  test('before: no score and /next offers the match; after Confirm at the same instant: the score, and /next moves on', async () => {
    expect(new Date(bot.now()).toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(await fixturesLine()).not.toMatch(/\d–\d/);
    const before = await fan('next', { team: 'nile-stars' });
    expect(before).toContain('Carthage Wanderers');
    expect(before).toContain(`<t:${Date.parse('2026-12-01T16:00:00Z') / 1000}:F>`);

    const preview = await send(asEditor({ kind: 'chatInput', name: 'edit', subcommand: 'result', options: { match: MATCH, home: 2, away: 1, source: 'https://example.org/report' } }));
    const ids = (preview.data.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id ?? ''));
    const confirm = ids.find((id) => id.startsWith('edit:confirm:'));
    expect(confirm, text(preview.data)).toBeDefined();
    const saved = await send(asEditor({ kind: 'button', customId: confirm, message: await preview.original() }), (m) => !(m.embeds[0]?.title ?? '').startsWith('Preview'));
    expect(text(saved.data)).toMatch(/Saved as change #\d+/);

    // Still noon on the bot's clock: the result is known because it was saved, not because the match is over.
    expect(new Date(bot.now()).toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(await fixturesLine()).toContain('2–1');
    const after = await fan('next', { team: 'nile-stars' });
    expect(after).not.toContain(`<t:${Date.parse('2026-12-01T16:00:00Z') / 1000}:F>`);
    expect(after).toContain(`<t:${FOLLOWING_KICKOFF}:F>`);
    expect(after).toContain('**Atlas Falcons** v **Nile Stars**');
    // An unsaved match of the same afternoon still waits for its full time.
    const other = await fan('fixtures', { team: 'sahara-rovers', when: 'all' });
    const line = other.split('\n').find((l) => l.includes('Congo River FC') && !l.includes('3–1'));
    expect(line, other).toBeDefined();
    expect(line).not.toMatch(/\d–\d/);
  }, 60_000);
});
