// /edit under SHARDS=2: the real bot (built, as `npm start` runs it) as a sharding manager with two shard
// processes, the fans' server on shard 0 and the editor server on shard 1. /edit is registered once, in
// the editor server only (by the manager); an editor's change is previewed and saved by shard 1, and
// shard 0, which did not make it, reloads the season and serves it to fans.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import type { Standin } from 'discord-standin';
import { shardForGuild } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { botEnv, isReadyLine, makeTempDir, markdownText, spawnBot, startTestStandin, stopAll, TEST_TOKEN, type BotProcess, type CallbackData, type LogLine } from './harness.js';

/** (id >> 22) % 2 is the low bit of the timestamp part: one guild per shard of two. */
const FANS = ((2n ** 40n) << 22n).toString();
const EDITORS = ((2n ** 40n + 1n) << 22n).toString();
const SEASON = 'caf-cc-2023-24';
// Arta Solar 3–0 Horseed in the file.
const MATCH = `${SEASON}/R1-T02-L1`;
const CALLBACK = { DEFERRED: 5, DEFERRED_UPDATE: 6 } as const;

const shardOf = (line: LogLine): number | undefined => line.shardId as number | undefined;

let standin: Standin;
let bot: BotProcess;
let editor: string;

beforeAll(async () => {
  standin = await startTestStandin({
    shards: 2,
    sessionStartLimit: { maxConcurrency: 2 },
    guilds: [
      { id: FANS, name: 'Fans', channels: [{ name: 'general' }] },
      { id: EDITORS, name: 'Editors', channels: [{ name: 'editing' }] },
    ],
  });
  const role = standin.addRole(EDITORS, { name: 'Editor' }).id;
  editor = standin.addUser({ username: 'ed', globalName: 'Editor One' }).id;
  standin.addMember(EDITORS, editor, [role]);
  const dir = makeTempDir();
  const seasonFile = join(dir, `${SEASON}.json`);
  copyFileSync(`data/seasons/${SEASON}.json`, seasonFile);
  bot = spawnBot(
    botEnv(standin, {
      databasePath: join(dir, 'bot.sqlite'),
      extra: { SHARDS: '2', DATA_CHECK_SECONDS: '2', DISCORD_GUILD_ID: undefined, SEASON_FILES: seasonFile, EDITOR_GUILD_ID: EDITORS, EDITOR_ROLE_ID: role },
    }),
  );
  await bot.waitForLog((l) => l.msg === 'all shards ready', 40_000, 'every shard ready');
  await bot.waitForLog(() => bot.lines.filter(isReadyLine).length === 2, 10_000, 'both shards ready lines');
  await standin.waitForShards(2);
}, 60_000);

afterAll(async () => {
  await bot?.stop('SIGTERM', 15_000);
  expect(bot?.stdout ?? '').not.toContain(TEST_TOKEN);
  await stopAll();
  await standin?.close();
});

type Spec = Parameters<Standin['sendInteraction']>[0];

/** The answer as the member sees it, and the log line of the process that handled it. */
const send = async (spec: Spec, settled: (m: APIMessage) => boolean = () => true): Promise<{ data: CallbackData; original: () => Promise<APIMessage>; shard: number | undefined }> => {
  const handle = standin.sendInteraction(spec);
  const body = await handle.callback;
  const original = () => handle.waitForOriginal((m) => ((m.flags ?? 0) & 128) === 0 && settled(m), 10_000);
  const data = body.type === CALLBACK.DEFERRED || body.type === CALLBACK.DEFERRED_UPDATE ? ((await original()) as unknown as CallbackData) : ((body.data ?? {}) as CallbackData);
  const handled = await bot.waitForLog((l) => l.msg === 'interaction' && l.interactionId === handle.id, 5_000, 'the interaction line');
  return { data, original, shard: shardOf(handled) };
};
const text = (data: CallbackData): string => markdownText(data).join('\n');

const fanLine = async (): Promise<{ line: string; shard: number | undefined }> => {
  const answer = await send({ kind: 'chatInput', name: 'fixtures', guildId: FANS, options: { competition: SEASON, team: 'arta-solar', when: 'all' } } as Spec);
  const line = text(answer.data).split('\n').find((l) => l.includes('Arta Solar') && l.includes('Horseed'));
  expect(line, text(answer.data)).toBeDefined();
  return { line: line!, shard: answer.shard };
};

describe('/edit with the editor server on shard 1 of 2', () => {
  test('the servers fall on shards 0 and 1; /edit is registered once, in the editor server only, by the manager', () => {
    expect([shardForGuild(FANS, 2), shardForGuild(EDITORS, 2)]).toEqual([0, 1]);
    expect(standin.requestsTo('PUT', '/applications/:id/guilds/:id/commands')).toHaveLength(1);
    expect(standin.requestsTo('PUT', '/applications/:id/commands')).toHaveLength(1);
    expect(standin.commands(EDITORS).map((c) => c.name)).toEqual(['edit']);
    expect(standin.commands().map((c) => c.name)).not.toContain('edit');
  });

  test('an edit saved by shard 1 is served by shard 0 after its reload', async () => {
    const before = await fanLine();
    expect(before).toMatchObject({ shard: 0 });
    expect(before.line).toContain('3–0');

    const spec = { kind: 'chatInput', name: 'edit', subcommand: 'result', guildId: EDITORS, userId: editor, channelId: standin.channelByName(EDITORS, 'editing')!.id, options: { match: MATCH, home: 3, away: 2, source: 'https://example.org/report' } } as Spec;
    const preview = await send(spec);
    expect(preview.shard).toBe(1);
    const confirm = (preview.data.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id ?? '')).find((id) => id.startsWith('edit:confirm:'));
    expect(confirm, text(preview.data)).toBeDefined();
    const saved = await send({ ...(spec as object), kind: 'button', customId: confirm, message: await preview.original() } as Spec, (m) => !(m.embeds[0]?.title ?? '').startsWith('Preview'));
    expect(saved.shard).toBe(1);
    expect(text(saved.data)).toMatch(/Saved as change #\d+/);

    // Shard 0 sees the new data version at its next data check (DATA_CHECK_SECONDS, 2 s here) and reloads.
    await bot.waitForLog((l) => l.msg === 'season data changed in the database: reloaded' && shardOf(l) === 0, 15_000, 'shard 0 reloading');
    const after = await fanLine();
    expect(after).toMatchObject({ shard: 0 });
    expect(after.line).toContain('3–2');
  }, 60_000);
});
