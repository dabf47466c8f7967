// A French channel beside an English one, end to end: the whole bot in-process (startBot, real
// discord.js) against the stand-in, on the real 2023–24 season, its replay clock moved by the test. Matchday 1's first kickoff is 26 Nov 13:00 UTC, so both 24h
// previews are due 25 Nov 13:00.
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { announceAsManager, messageText, posts } from '../e2e/announcement-support.js';
import { GUILD_ID, makeTempDir, startTestStandin, stopAll, STARTUP_TIMEOUT_MS, TEST_TOKEN } from '../e2e/harness.js';
import { startInProcessBot, stopInProcessBots, type InProcessBot } from '../e2e/in-process-bot.js';

const text = messageText;

let standin: Standin;
let bot: InProcessBot;

afterAll(async () => {
  await stopInProcessBots();
  if (bot) expect(bot.output()).not.toContain(TEST_TOKEN);
  await stopAll();
  await standin?.close();
});

const announce = (subcommand: string, options: Record<string, string | boolean>): Promise<APIMessage> => announceAsManager(standin, subcommand, options);

describe('a French announcement channel beside an English one in the same server', () => {
  let french: string;
  let english: string;

  beforeAll(async () => {
    standin = await startTestStandin({
      guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, { name: 'annonces' }, { name: 'matchday' }] }],
    });
    french = standin.channelByName(GUILD_ID, 'annonces')!.id;
    english = standin.channelByName(GUILD_ID, 'matchday')!.id;
    bot = await startInProcessBot(standin, { databasePath: join(makeTempDir(), 'bot.sqlite'), clock: { start: '2023-11-22T00:00:00Z', rate: 14_400 } });
  }, STARTUP_TIMEOUT_MS + 15_000);

  test('GIVEN language:fr on one channel THEN its matchday 1 preview is French while the other channel’s is English', async () => {
    expect((await announce('set', { channel: french, competition: 'caf-cc-2023-24', language: 'fr' })).content).toContain(' · posts in Français');
    expect((await announce('set', { channel: english, competition: 'caf-cc-2023-24' })).content).toContain(`Announcements are on in <#${english}>`);

    await bot.advanceTo('2023-11-25T13:00:00Z');
    await bot.waitForSent(2, 'matchday 1 previews');
    const fr = posts(standin, french)[0]!;
    const en = posts(standin, english)[0]!;
    expect(fr.embeds[0]?.title).toBe('Phase de groupes · Journée 1 — avant-match');
    expect(en.embeds[0]?.title).toBe('Group stage · Matchday 1 — preview');
    expect(text(fr)).toContain('Groupe A');
    expect(text(fr)).not.toMatch(/preview|Matchday|First kick-off/);
    expect(text(en)).toContain('Group A');
  }, 90_000);
});
