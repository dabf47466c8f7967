// /rankings across-seasons:true end to end: the whole bot in-process (startBot, real discord.js)
// against the stand-in, holding every shipped season (data/seasons/), in English and in French.
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { GUILD_ID, makeTempDir, startTestStandin, STARTUP_TIMEOUT_MS } from '../e2e/harness.js';
import { endInProcessRun, startInProcessBot, type InProcessBot } from '../e2e/in-process-bot.js';

let standin: Standin;
let bot: InProcessBot;

beforeAll(async () => {
  standin = await startTestStandin({ guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }] }] });
  bot = await startInProcessBot(standin, { databasePath: join(makeTempDir(), 'bot.sqlite') });
}, STARTUP_TIMEOUT_MS + 15_000);

afterAll(() => endInProcessRun([bot], standin));

const rankings = async (options: Record<string, string | boolean>, locale?: string) => {
  const handle = standin.sendInteraction({ kind: 'chatInput', name: 'rankings', options, ...(locale ? { locale } : {}) });
  await handle.callback;
  return handle.waitForOriginal((m) => m.embeds.length > 0, 15_000);
};

test('both shipped seasons counted: Egypt first with 7 + 7 → 70, and the plain comparison sentence', async () => {
  const message = await rankings({ 'across-seasons': true });
  expect(message.embeds[0]?.title).toBe('Association points across seasons');
  expect(message.embeds[0]?.description).toMatch(/^\s+1 EGY\s+Egypt\s+7\s+7\s+70$/m);
  const legend = message.embeds.at(-1)?.description ?? '';
  expect(legend).toContain('CAF Champions League 2023–24: × 5');
  expect(legend).toContain('CAF Confederation Cup 2023–24: × 5');
  expect(legend).toContain('cannot be checked against them');
}, 30_000);

test('in French', async () => {
  const message = await rankings({ 'across-seasons': true }, 'fr');
  expect(message.embeds[0]?.title).toBe('Points des fédérations sur plusieurs saisons');
}, 30_000);
