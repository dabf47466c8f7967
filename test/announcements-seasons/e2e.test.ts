// Two seasons end to end: the whole bot in-process (startBot, real discord.js) against the stand-in,
// holding every shipped season (data/seasons/), its replay clock moved by the test. #cc follows the
// Confederation Cup 2023–24 and #cl the Champions League 2023–24; both first rounds start on
// 18 Aug 2023 with no kickoff times published, so both 24h previews are due 17 Aug 00:00 UTC, with
// the same round key in two seasons. Each channel gets its own season's preview, once.
import type { Standin } from 'discord-standin';
import { beforeAll, describe, expect, test } from 'vitest';
import { messageText, posts } from '../e2e/announcement-support.js';
import { STARTUP_TIMEOUT_MS } from '../e2e/harness.js';
import type { InProcessBot } from '../e2e/in-process-bot.js';
import { replayServer } from '../e2e/replay-server.js';

const server = replayServer(['cc', 'cl'], '2023-08-14T00:00:00Z');
const announce = server.announce;
let standin: Standin;
let bot: InProcessBot;

describe('a server following two seasons in two channels', () => {
  let cc: string;
  let cl: string;

  beforeAll(async () => {
    ({ standin, bot } = await server.start());
    cc = server.channel('cc');
    cl = server.channel('cl');
  }, STARTUP_TIMEOUT_MS + 15_000);

  test('GIVEN #cc on caf-cc-2023-24 and #cl on caf-cl-2023-24 THEN each gets its own season’s first preview, once', async () => {
    expect((await announce('set', { channel: cc, competition: 'caf-cc-2023-24' })).content).toContain(
      `Announcements are on in <#${cc}> (CAF Confederation Cup 2023–24)`,
    );
    expect((await announce('set', { channel: cl, competition: 'caf-cl-2023-24' })).content).toContain(
      `Announcements are on in <#${cl}> (CAF Champions League 2023–24)`,
    );

    await bot.advanceTo('2023-08-17T00:00:00Z');
    await bot.waitForSent(2, 'both first-round previews');
    // Hours later (every heartbeat re-reads the outbox): still one post per channel.
    await bot.advanceTo('2023-08-17T12:00:00Z');
    expect(posts(standin, cc)).toHaveLength(1);
    expect(posts(standin, cl)).toHaveLength(1);
    const ccPreview = messageText(posts(standin, cc)[0]!);
    const clPreview = messageText(posts(standin, cl)[0]!);
    // First round, first leg: Singida Fountain Gate play in the Confederation Cup, CS Constantine in the Champions League.
    expect(ccPreview).toContain('Singida');
    expect(ccPreview).not.toContain('Constantine');
    expect(clPreview).toContain('Constantine');
    expect(clPreview).not.toContain('Singida');
    // Two posts with the same round key in two seasons: two nonces.
    const nonces = standin.requestsTo('POST', '/channels/:id/messages').map((r) => (r.body as { nonce?: string }).nonce);
    expect(new Set(nonces).size).toBe(2);
    expect(bot.lines.filter((l) => l.msg === 'announcement sent late')).toHaveLength(0);

    const status = await announce('status', {});
    const text = messageText(status);
    expect(text).toContain(`<#${cc}> (CAF Confederation Cup 2023–24)`);
    expect(text).toContain(`<#${cl}> (CAF Champions League 2023–24)`);
  }, 90_000);
});
