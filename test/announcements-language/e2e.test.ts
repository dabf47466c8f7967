// A French channel beside an English one, end to end: the whole bot in-process (startBot, real
// discord.js) against the stand-in, on the real 2023–24 season, its replay clock moved by the test. Matchday 1's first kickoff is 26 Nov 13:00 UTC, so both 24h
// previews are due 25 Nov 13:00.
import type { Standin } from 'discord-standin';
import { beforeAll, describe, expect, test } from 'vitest';
import { messageText, posts } from '../e2e/announcement-support.js';
import { STARTUP_TIMEOUT_MS } from '../e2e/harness.js';
import type { InProcessBot } from '../e2e/in-process-bot.js';
import { replayServer } from '../e2e/replay-server.js';

const text = messageText;

const server = replayServer(['annonces', 'matchday'], '2023-11-22T00:00:00Z');
const announce = server.announce;
let standin: Standin;
let bot: InProcessBot;

describe('a French announcement channel beside an English one in the same server', () => {
  let french: string;
  let english: string;

  beforeAll(async () => {
    ({ standin, bot } = await server.start());
    french = server.channel('annonces');
    english = server.channel('matchday');
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
