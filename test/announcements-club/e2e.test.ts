// Following a club end to end: the whole bot in-process (startBot, real discord.js) against the
// stand-in, on the real 2023–24 season, its replay clock moved by the test. Matchday 1: first kickoff 26 Nov 13:00 UTC; Zamalek v Abu Salim at 16:00, so the
// Zamalek channel's 24h preview is due 25 Nov 16:00 and the other channel's 25 Nov 13:00.
import type { Standin } from 'discord-standin';
import { beforeAll, describe, expect, test } from 'vitest';
import { messageText, posts } from '../e2e/announcement-support.js';
import { GUILD_ID, STARTUP_TIMEOUT_MS } from '../e2e/harness.js';
import type { InProcessBot } from '../e2e/in-process-bot.js';
import { replayServer } from '../e2e/replay-server.js';

const text = messageText;

const server = replayServer(['zamalek', 'matchday'], '2023-11-22T00:00:00Z');
const announce = server.announce;
let standin: Standin;
let bot: InProcessBot;

describe('a channel following Zamalek beside one getting everything', () => {
  let zam: string;
  let all: string;
  let zamFans: string;
  let quiet: string;
  let channelRole: string;

  beforeAll(async () => {
    ({ standin, bot } = await server.start((s) => {
      zamFans = s.addRole(GUILD_ID, { name: 'Zamalek fans', mentionable: true }).id;
      quiet = s.addRole(GUILD_ID, { name: 'Quiet', mentionable: false }).id;
      channelRole = s.addRole(GUILD_ID, { name: 'Matchday', mentionable: true }).id;
    }));
    zam = server.channel('zamalek');
    all = server.channel('matchday');
  }, STARTUP_TIMEOUT_MS + 15_000);

  test('GIVEN team:zamalek and a Zamalek role THEN its preview lists only Zamalek’s match and pings only that role; the other channel gets every match', async () => {
    expect((await announce('roles', { team: 'zamalek', role: quiet })).content).toContain('cannot be mentioned');
    expect((await announce('roles', { team: 'zamalek', role: zamFans })).content).toContain(`<@&${zamFans}>`);
    expect((await announce('set', { channel: zam, competition: 'caf-cc-2023-24', team: 'zamalek', role: channelRole })).content).toContain("only **Zamalek**'s matches");
    expect((await announce('set', { channel: all, competition: 'caf-cc-2023-24', role: channelRole })).content).toContain(`Announcements are on in <#${all}>`);

    await bot.advanceTo('2023-11-25T13:00:00Z');
    await bot.waitForSent(1, 'the matchday channel’s preview');
    expect(posts(standin, zam)).toHaveLength(0); // Zamalek plays at 16:00: its preview is due 25 Nov 16:00
    await bot.advanceTo('2023-11-25T16:00:00Z');
    await bot.waitForSent(2, 'the Zamalek channel’s preview');
    const zamPreview = posts(standin, zam)[0]!;
    const allPreview = posts(standin, all)[0]!;
    expect(text(zamPreview)).toContain('Zamalek');
    expect(text(zamPreview)).not.toContain('Berkane');
    expect(text(allPreview)).toContain('Zamalek');
    expect(text(allPreview)).toContain('Berkane');
    expect(zamPreview.content).toBe(`<@&${zamFans}>`);
    expect(allPreview.content).toBe(`<@&${channelRole}>`);

    const bodies = standin.requestsTo('POST', '/channels/:id/messages').map((r) => ({ path: r.path, body: r.body as Record<string, unknown> }));
    for (const { path, body } of bodies) {
      if (path.includes(zam)) expect(body.allowed_mentions).toEqual({ parse: [], roles: [zamFans] });
      if (path.includes(all)) expect(body.allowed_mentions).toEqual({ parse: [], roles: [channelRole] });
    }
  }, 90_000);
});
