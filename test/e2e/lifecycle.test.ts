// The bot's process life: configuration errors, startup order, command registration across restarts,
// a failed migration, graceful SIGTERM — all with the real entry point in a child process.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Standin } from 'discord-standin';
import {
  APPLICATION_ID,
  botEnv,
  DEPLOY_ENTRY,
  GUILD_ID,
  makeTempDir,
  spawnBot,
  startBotProcess,
  startTestStandin,
  stopAll,
  TEST_TOKEN,
  type BotProcess,
} from './harness.js';

const commandsRoute = `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`;

const standins: Standin[] = [];
const outputs: string[] = [];
/** Keeps a finished run's output for the final check, and checks it for the token right away. */
const remember = (bot: BotProcess) => {
  outputs.push(bot.stdout(), bot.stderr());
  expect(bot.stdout() + bot.stderr()).not.toContain(TEST_TOKEN);
};

/** Each block has a stand-in of its own (its request counts are its own), so the blocks run side by side. */
const freshStandin = async (): Promise<Standin> => {
  const standin = await startTestStandin();
  standins.push(standin);
  return standin;
};

afterAll(async () => {
  await stopAll();
  await Promise.all(standins.map((s) => s.close()));
});

describe.concurrent('process runs', () => {

describe('configuration errors', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await freshStandin();
  });

  test('GIVEN no token and a bad application id THEN exit 78 (EX_CONFIG) with every problem, no stack trace, no login', async () => {
    const env = botEnv(standin, { databasePath: join(makeTempDir(), 'bot.sqlite') });
    delete env.DISCORD_TOKEN;
    env.DISCORD_APPLICATION_ID = 'my-app';
    const requestsBefore = standin.requests.length;

    const bot = spawnBot(env);
    const status = await bot.exited;
    remember(bot);

    expect(status.code).toBe(78);
    expect(bot.stderr()).toContain('DISCORD_TOKEN is required');
    expect(bot.stderr()).toContain('DISCORD_APPLICATION_ID must be a Discord id');
    expect(bot.stderr()).toContain('.env.example');
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
    expect(bot.stderr()).not.toContain('ConfigError:');
    expect(standin.requests.length).toBe(requestsBefore);
  }, 30_000);
});

describe('a token Discord rejects', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await freshStandin();
  });

  test('GIVEN a wrong token THEN exit 78 (EX_CONFIG) saying so, without printing it', async () => {
    const wrongToken = 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsEntl.wrong-token-also-never-printed-98765';
    const env = botEnv(standin, { databasePath: join(makeTempDir(), 'bot.sqlite'), extra: { DISCORD_TOKEN: wrongToken } });

    const bot = spawnBot(env);
    const status = await bot.exited;
    remember(bot);

    expect(status.code).toBe(78);
    expect(JSON.stringify(bot.lines.find((l) => l.msg === 'startup failed'))).toMatch(/invalid token/i);
    expect(bot.stdout() + bot.stderr()).not.toContain(wrongToken);
  }, 60_000);
});

describe.sequential('start, restart, stop', () => {
  const databasePath = () => join(dir, 'bot.sqlite');
  let dir: string;
  let standin: Standin;

  beforeAll(async () => {
    dir = makeTempDir();
    standin = await freshStandin();
  });

  test('GIVEN a first start THEN commands are registered with one PUT and one ready line says what runs', async () => {
    const { bot, ready } = await startBotProcess(botEnv(standin, { databasePath: databasePath() }));

    expect(standin.requestsTo('PUT', commandsRoute)).toHaveLength(1);
    expect(standin.commands(GUILD_ID).length).toBeGreaterThan(0);
    expect(standin.commands(GUILD_ID).map((c) => c.name)).toContain('standings');
    expect(ready).toMatchObject({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      data: { hash: expect.stringMatching(/^[0-9a-f]{12}$/), asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      guilds: 1,
      commands: { scope: 'guild', registered: true },
    });
    expect(bot.lines.filter((l) => l.msg === 'ready')).toHaveLength(1);
    // Startup order: migrate → import → (login) → sync → ready.
    const order = ['database migrated', 'season file imported', 'application commands registered', 'ready'].map((msg) =>
      bot.lines.findIndex((l) => l.msg === msg),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Guilds only: no privileged intents, no MessageContent.
    expect(standin.sessions.at(-1)?.intents).toBe(1);

    const status = await bot.stop('SIGTERM');
    remember(bot);
    expect(status).toEqual({ code: 0, signal: null });
    expect(bot.lines.some((l) => l.msg === 'stopped')).toBe(true);
  }, 60_000);

  test('GIVEN a restart with the same commands and data THEN no PUT and no re-import', async () => {
    const getsBefore = standin.requestsTo('GET', commandsRoute).length;
    const { bot, ready } = await startBotProcess(botEnv(standin, { databasePath: databasePath() }));

    expect(standin.requestsTo('GET', commandsRoute)).toHaveLength(getsBefore + 1);
    expect(standin.requestsTo('PUT', commandsRoute)).toHaveLength(1);
    expect(ready).toMatchObject({ commands: { registered: false } });
    expect(bot.lines.some((l) => l.msg === 'season file imported')).toBe(false);
    expect(bot.lines.some((l) => l.msg === 'database migrated')).toBe(false);

    const status = await bot.stop('SIGINT');
    remember(bot);
    expect(status).toEqual({ code: 0, signal: null });
  }, 60_000);
});

describe.sequential('npm run commands:deploy', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await freshStandin();
    // The commands in sync to begin with: one deploy already done.
    const first = spawnBot(botEnv(standin, { databasePath: join(makeTempDir(), 'unused.sqlite') }), DEPLOY_ENTRY);
    expect((await first.exited).code).toBe(0);
    remember(first);
  }, 60_000);

  test('GIVEN commands already in sync THEN the deploy script still overwrites them and exits 0', async () => {
    const putsBefore = standin.requestsTo('PUT', commandsRoute).length;
    const deploy = spawnBot(botEnv(standin, { databasePath: join(makeTempDir(), 'unused.sqlite') }), DEPLOY_ENTRY);
    const status = await deploy.exited;
    remember(deploy);

    expect(status.code).toBe(0);
    expect(standin.requestsTo('PUT', commandsRoute)).toHaveLength(putsBefore + 1);
    expect(deploy.lines.find((l) => l.msg === 'application commands registered')).toMatchObject({ forced: true });
  }, 60_000);

  test('GIVEN Discord refuses the overwrite THEN the deploy script exits non-zero and says why', async () => {
    const fault = standin.injectFault({ method: 'PUT', pathPattern: commandsRoute, status: 403, code: 50001, times: 1 });
    const deploy = spawnBot(botEnv(standin, { databasePath: join(makeTempDir(), 'unused.sqlite') }), DEPLOY_ENTRY);
    const status = await deploy.exited;
    remember(deploy);

    expect(fault.hits).toBe(1);
    expect(status.code).toBe(1);
    expect(JSON.stringify(deploy.lines.find((l) => l.msg === 'deploy failed'))).toContain('Missing Access');
  }, 60_000);
});

describe('a failed migration', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await freshStandin();
  });

  test('GIVEN a database whose schema blocks the migration THEN exit non-zero with the reason, without logging in', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'bot.sqlite');
    const sqlite = new Database(path);
    sqlite.exec('create table associations (unexpected text)');
    sqlite.close();
    const sessionsBefore = standin.sessions.length;
    const gatewayCallsBefore = standin.requestsTo('GET', '/gateway/bot').length;

    const bot = spawnBot(botEnv(standin, { databasePath: path }));
    const status = await bot.exited;
    remember(bot);

    expect(status.code).not.toBe(0);
    const fatal = bot.lines.find((l) => l.msg === 'startup failed');
    expect(fatal).toMatchObject({ level: 60 });
    expect(JSON.stringify(fatal)).toMatch(/migration .*failed.*already exists/i);
    expect(standin.sessions.length).toBe(sessionsBefore);
    expect(standin.requestsTo('GET', '/gateway/bot')).toHaveLength(gatewayCallsBefore);
  }, 60_000);
});

describe('a season file that breaks the format', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await freshStandin();
  });

  test('GIVEN SEASON_FILE points at JSON that is not a season THEN exit non-zero naming the file, without logging in', async () => {
    const dir = makeTempDir();
    const seasonFile = join(dir, 'season.json');
    copyFileSync(new URL('../../package.json', import.meta.url), seasonFile);
    const sessionsBefore = standin.sessions.length;

    const bot = spawnBot(botEnv(standin, { databasePath: join(dir, 'bot.sqlite'), extra: { SEASON_FILE: seasonFile } }));
    const status = await bot.exited;
    remember(bot);

    expect(status.code).not.toBe(0);
    expect(JSON.stringify(bot.lines.find((l) => l.msg === 'startup failed'))).toContain('season.json');
    expect(standin.sessions.length).toBe(sessionsBefore);
  }, 60_000);
});

});

describe('secrets', () => {
  test('GIVEN every run above THEN the token never appeared in stdout or stderr', () => {
    expect(outputs.length).toBeGreaterThanOrEqual(8);
    for (const output of outputs) expect(output).not.toContain(TEST_TOKEN);
    // The stand-ins of the blocks that log in (start/restart, deploy) did receive it: the runs really used it.
    expect(standins.filter((s) => s.tokens.has(TEST_TOKEN))).toHaveLength(2);
  });
});
