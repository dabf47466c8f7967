import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { botEnv, DEPLOY_ENTRY, GUILD_ID, makeTempDir, spawnBot, startTestStandin, TEST_TOKEN } from '../e2e/harness.js';

// `npm run commands:deploy` (the compiled script, as an operator runs it) writes both scopes: the
// fans' commands globally, /edit in the editor server only.

const EDITORS = '1100000000000000077';
let standin: Standin;

beforeAll(async () => {
  standin = await startTestStandin({
    guilds: [
      { id: GUILD_ID, name: 'Fans', channels: [{ name: 'general' }] },
      { id: EDITORS, name: 'Editors', channels: [{ name: 'general' }] },
    ],
  });
});
afterAll(async () => {
  await standin?.close();
});

test('commands:deploy registers the fans\' commands globally and /edit in EDITOR_GUILD_ID only, and exits 0', async () => {
  const env = botEnv(standin, { databasePath: join(makeTempDir(), 'unused.sqlite'), extra: { DISCORD_GUILD_ID: undefined, EDITOR_GUILD_ID: EDITORS } });
  const deploy = spawnBot(env, DEPLOY_ENTRY);
  const status = await deploy.exited;
  expect(deploy.stdout() + deploy.stderr()).not.toContain(TEST_TOKEN);
  expect(status.code, deploy.stderr()).toBe(0);

  const global = standin.commands().map((c) => c.name);
  expect(global).toContain('fixtures');
  expect(global).not.toContain('edit');
  expect(standin.commands(EDITORS).map((c) => c.name)).toEqual(['edit']);
  expect(standin.commands(GUILD_ID)).toEqual([]);
  expect(deploy.lines.find((l) => l.msg === 'deploy done')).toMatchObject({
    scopes: [
      { scope: 'global', guildId: null, count: global.length },
      { scope: 'guild', guildId: EDITORS, count: 1 },
    ],
  });
}, 60_000);
