// Matchday announcements end to end: the whole bot in-process (startBot, real discord.js) against the
// stand-in, on the real 2023–24 season file, its replay clock moved by the test from due time to due
// time. Group stage matchday 1: first kickoff 2023-11-26 13:00 UTC, last 19:00 → 24h preview 25 Nov
// 13:00, 1h preview 26 Nov 12:00, recap 26 Nov 21:30. Faults while posting: announcement-faults.test.ts;
// a crash mid-fan-out: test/faults/ (`npm run test:faults`).
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seasonRounds } from '../../src/domain/calendar.js';
import { indexSeason } from '../../src/domain/season-index.js';
import { escapeText } from '../../src/discord/render/text.js';
import { readSeasonFile } from '../../src/season/read.js';
import { posts } from './announcement-support.js';
import { GUILD_ID, makeTempDir, startTestStandin, STARTUP_TIMEOUT_MS } from './harness.js';
import { endInProcessRun, startInProcessBot, type InProcessBot } from './in-process-bot.js';

const OTHER_GUILD = '1100000000000000002';
const MANAGE_GUILD = '32';

const { season } = readSeasonFile();
const index = indexSeason(season);
const md1 = seasonRounds(season).find((r) => r.key === 'GS-MD1')!;
const fixtureTitles = md1.matches.map((m) => `${escapeText(index.teamName(m.home))} v ${escapeText(index.teamName(m.away))}`);

const text = (m: APIMessage): string =>
  [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');
const title = (m: APIMessage): string => m.embeds[0]?.title ?? '';

let standin: Standin;
const bots: InProcessBot[] = [];

afterAll(() => endInProcessRun(bots, standin));

/** Runs /announcements as a server manager (unless told otherwise) and returns the ephemeral answer. */
const announce = async (
  subcommand: string,
  options: Record<string, string | boolean> = {},
  as: { guildId?: string | null; memberPermissions?: string } = {},
): Promise<APIMessage> => {
  const handle = standin.sendInteraction({
    kind: 'chatInput',
    name: 'announcements',
    subcommand,
    options,
    memberPermissions: as.memberPermissions ?? MANAGE_GUILD,
    ...(as.guildId === undefined ? {} : { guildId: as.guildId }),
  });
  await handle.callback;
  return handle.waitForOriginal((m) => (m.content ?? '') !== '' || m.embeds.length > 0, 15_000);
};

describe('a replayed matchday in two channels', () => {
  let a: string;
  let b: string;
  let foreign: string;
  let role: string;
  let bot: InProcessBot;

  beforeAll(async () => {
    standin = await startTestStandin({
      guilds: [
        { id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, { name: 'matchday-a', type: 5 }, { name: 'matchday-b' }] },
        { id: OTHER_GUILD, name: 'Another server', channels: [{ name: 'elsewhere' }] },
      ],
    });
    a = standin.channelByName(GUILD_ID, 'matchday-a')!.id;
    b = standin.channelByName(GUILD_ID, 'matchday-b')!.id;
    foreign = standin.channelByName(OTHER_GUILD, 'elsewhere')!.id;
    role = standin.addRole(GUILD_ID, { name: 'Matchday fans', mentionable: true }).id;
    // The clock stands at 22 Nov until the test moves it; the rate (4 simulated hours per real second)
    // sets the heartbeat (100 ms) and the on-time grace, as BOT_CLOCK_RATE does.
    bot = await startInProcessBot(standin, { databasePath: join(makeTempDir(), 'bot.sqlite'), clock: { start: '2023-11-22T00:00:00Z', rate: 14_400 } });
    bots.push(bot);
  }, STARTUP_TIMEOUT_MS + 15_000);

  test('GIVEN a non-manager, a DM, or a channel of another server THEN refused', async () => {
    expect((await announce('set', { channel: a }, { memberPermissions: '2048' })).content).toContain('Only members with **Manage Server**');
    expect((await announce('status', {}, { guildId: null })).content).toContain('not in DMs');
    expect((await announce('set', { channel: foreign })).content).toContain('not in this server');
  }, 30_000);

  test('GIVEN two channels THEN exactly one preview per lead and one recap each, in order, with the right fixtures', async () => {
    expect((await announce('set', { channel: a, competition: 'caf-cc-2023-24', leads: '24h,1h' })).content).toContain(`Announcements are on in <#${a}>`);
    expect((await announce('set', { channel: b, competition: 'caf-cc-2023-24', role })).content).toContain(`mentions <@&${role}>`);

    // Each due time in turn; at each, exactly the posts due by then.
    await bot.advanceTo('2023-11-25T13:00:00Z');
    await bot.waitForSent(2, 'the 24h previews');
    await bot.advanceTo('2023-11-26T12:00:00Z');
    await bot.waitForSent(3, 'the 1h preview');
    expect(posts(standin, b)).toHaveLength(1);
    await bot.advanceTo('2023-11-26T21:30:00Z');
    await bot.waitForSent(5, 'the recaps');
    // 8 simulated hours more, a second of real beats there: nothing else may arrive before matchday 2 (2 Dec).
    await bot.advanceTo('2023-11-27T05:30:00Z', 1_000);

    expect(posts(standin, a).map(title)).toEqual([
      'Group stage · Matchday 1 — preview',
      'Group stage · Matchday 1 — preview',
      'Group stage · Matchday 1 — results',
    ]);
    expect(posts(standin, b).map(title)).toEqual(['Group stage · Matchday 1 — preview', 'Group stage · Matchday 1 — results']);
    for (const preview of [posts(standin, a)[0]!, posts(standin, a)[1]!, posts(standin, b)[0]!]) {
      for (const fixture of fixtureTitles) expect(text(preview)).toContain(fixture);
      expect(text(preview)).not.toMatch(/\*\*\d+–\d+\*\*/); // no results in a preview
    }
    expect(text(posts(standin, a)[2]!)).toContain('table after matchday 1');
    // Each post went out at its due time, none marked late.
    expect(bot.lines.filter((l) => String(l.msg).startsWith('announcement sent')).map((l) => l.msg)).toEqual(Array(5).fill('announcement sent'));

    // Only the role of channel b is ever mentioned; never everyone.
    const bodies = standin.requestsTo('POST', '/channels/:id/messages').map((r) => ({ path: r.path, body: r.body as Record<string, unknown> }));
    for (const { path, body } of bodies) {
      expect(body.allowed_mentions).toEqual(path.includes(b) ? { parse: [], roles: [role] } : { parse: [] });
      expect(body.enforce_nonce).toBe(true);
    }
    expect(posts(standin, b)[0]?.content).toBe(`<@&${role}>`);

    const status = await announce('status');
    // The status is paged: read every page through its ▶ button.
    const pages = [status.embeds[0]?.description ?? ''];
    let message: APIMessage = status;
    for (;;) {
      const next = (message.components?.[0] as { components?: { custom_id?: string; disabled?: boolean }[] } | undefined)?.components?.[2];
      if (next?.custom_id === undefined || next.disabled === true) break;
      const click = standin.sendInteraction({ kind: 'button', customId: next.custom_id, message, memberPermissions: MANAGE_GUILD });
      const callback = await click.callback;
      message = { ...message, ...(callback.data as Partial<APIMessage>) };
      pages.push(message.embeds[0]?.description ?? '');
    }
    const statusText = pages.join('\n\n');
    const sent = statusText.slice(statusText.indexOf('**Sent**')).split('\n\n')[0] ?? '';
    expect(sent).toContain(`<#${a}> · Group stage · Matchday 1 recap`);
    expect(sent).toContain(`https://discord.com/channels/${GUILD_ID}/${a}/${posts(standin, a)[2]!.id}`);
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
  });
});
