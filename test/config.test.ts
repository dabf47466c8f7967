import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig, loadDataConfig, parseConfig, redactConfig } from '../src/config.js';

const TOKEN = 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsEntl.sentinel-token-value-do-not-print-0123';
const APP_ID = '1195944444444444444';

const minimal = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID };

const problemsOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  test('GIVEN a missing token AND a bad application id THEN one error names both, with how to fix them', () => {
    const message = problemsOf({ DISCORD_APPLICATION_ID: 'not-an-id' });
    expect(message).toContain('DISCORD_TOKEN is required');
    expect(message).toContain('DISCORD_APPLICATION_ID must be a Discord id');
    expect(message).toContain('developers/applications');
    expect(message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(2);
  });

  test('GIVEN several invalid optional values THEN every one is reported at once', () => {
    const message = problemsOf({
      ...minimal,
      DISCORD_GUILD_ID: '12',
      DISCORD_API_URL: 'not a url',
      LOG_LEVEL: 'loud',
      BOT_CLOCK_RATE: '-1',
    });
    for (const key of ['DISCORD_GUILD_ID', 'DISCORD_API_URL', 'LOG_LEVEL', 'BOT_CLOCK_RATE', 'BOT_CLOCK_START and BOT_CLOCK_RATE go together']) {
      expect(message).toContain(key);
    }
  });

  test('GIVEN a token and invalid values THEN the token never appears in the error', () => {
    const message = problemsOf({ ...minimal, DISCORD_APPLICATION_ID: 'x', LOG_LEVEL: TOKEN });
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain('sentinel');
  });

  test('GIVEN the minimal variables THEN defaults fill the rest', () => {
    const config = loadConfig(minimal);
    expect(config).toEqual({
      token: TOKEN,
      applicationId: APP_ID,
      guildId: null,
      editors: null,
      databasePath: 'data/bot.sqlite',
      databaseUrl: null,
      claimLeaseMs: 120_000,
      dataCheckMs: 30_000,
      apiUrl: null,
      logLevel: 'info',
      logFormat: 'pretty',
      seasonFiles: null,
      clock: null,
      lateWindowMs: 6 * 3_600_000,
      recapWaitMs: 6 * 3_600_000,
      http: null,
      shards: { mode: 'single' },
      restRequestsPerSecond: 50,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('GIVEN NODE_ENV=production THEN logs default to JSON', () => {
    expect(loadConfig({ ...minimal, NODE_ENV: 'production' }).logFormat).toBe('json');
  });

  test('GIVEN variables left empty as in .env.example THEN they count as unset', () => {
    const config = loadConfig({ ...minimal, DISCORD_GUILD_ID: '', DISCORD_API_URL: '', LOG_FORMAT: '', BOT_CLOCK_START: '', BOT_CLOCK_RATE: ' ' });
    expect(config.guildId).toBeNull();
    expect(config.apiUrl).toBeNull();
    expect(config.clock).toBeNull();
    expect(problemsOf({ DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: APP_ID })).toContain('DISCORD_TOKEN is required');
  });

  test('GIVEN every variable set THEN each lands in its field', () => {
    const config = loadConfig({
      ...minimal,
      DISCORD_GUILD_ID: '1195900000000000001',
      DATABASE_PATH: '/tmp/x.sqlite',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      SEASON_FILES: 'data/seasons/a.json, data/seasons/b.json',
      BOT_CLOCK_START: '2023-11-25T12:00:00Z',
      BOT_CLOCK_RATE: '3600',
      ANNOUNCE_LATE_WINDOW_HOURS: '2',
      RECAP_WAIT_HOURS: '1.5',
      DATA_CHECK_SECONDS: '2',
    });
    expect(config).toMatchObject({
      guildId: '1195900000000000001',
      databasePath: '/tmp/x.sqlite',
      apiUrl: 'http://127.0.0.1:8080/api',
      logLevel: 'debug',
      logFormat: 'json',
      seasonFiles: ['data/seasons/a.json', 'data/seasons/b.json'],
      clock: { start: '2023-11-25T12:00:00Z', rate: 3600 },
      lateWindowMs: 2 * 3_600_000,
      recapWaitMs: 1.5 * 3_600_000,
      dataCheckMs: 2_000,
    });
  });

  test.each([['0'], ['1.5'], ['3601'], ['often']])('GIVEN DATA_CHECK_SECONDS=%s THEN it is refused, named', (value) => {
    expect(problemsOf({ ...minimal, DATA_CHECK_SECONDS: value })).toContain('DATA_CHECK_SECONDS');
  });

  test.each([
    ['only the start', { BOT_CLOCK_START: '2023-11-25T12:00:00Z' }],
    ['only the rate', { BOT_CLOCK_RATE: '60' }],
  ])('GIVEN %s of the replay clock THEN the pair rule is reported', (_label, clockEnv) => {
    expect(problemsOf({ ...minimal, ...clockEnv })).toContain('BOT_CLOCK_START and BOT_CLOCK_RATE go together');
  });

  test('GIVEN a replay start that is not an instant THEN it is rejected with an example', () => {
    expect(problemsOf({ ...minimal, BOT_CLOCK_START: 'next tuesday', BOT_CLOCK_RATE: '60' })).toContain('2023-11-25T12:00:00Z');
  });

  // zod/mini has no default locale: without English these would all read "Invalid input".
  test.each([
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent".'],
    ['ANNOUNCE_LATE_WINDOW_HOURS', '0', 'ANNOUNCE_LATE_WINDOW_HOURS Too small: expected number to be >0.'],
    ['RECAP_WAIT_HOURS', '200', 'RECAP_WAIT_HOURS Too big: expected number to be <=168.'],
    ['HTTP_PORT', 'metrics', 'HTTP_PORT Invalid input: expected number, received NaN.'],
  ])('GIVEN %s=%s, a rule with no message of its own THEN the problem is told in English', (key, value, expected) => {
    expect(problemsOf({ ...minimal, [key]: value })).toContain(`  - ${expected}`);
  });
});

describe('configuration mistakes a restart cannot fix, and the ones fixed with a warning', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caf-config-'));

  test.each([
    ['a newline', `${TOKEN}\n`],
    ['a Windows line end', `${TOKEN}\r\n`],
    ['spaces', `  ${TOKEN} `],
  ])('GIVEN a token with %s around it THEN it is trimmed, with a warning that does not print it', (_label, token) => {
    const { config, warnings } = parseConfig({ ...minimal, DISCORD_TOKEN: token });
    expect(config.token).toBe(TOKEN);
    expect(warnings).toEqual([expect.stringContaining('DISCORD_TOKEN had spaces or a line break around it')]);
    expect(warnings.join('\n')).not.toContain(TOKEN);
  });

  test('GIVEN a token with a line break inside THEN it is refused', () => {
    expect(problemsOf({ ...minimal, DISCORD_TOKEN: `${TOKEN}\n${TOKEN}` })).toContain('DISCORD_TOKEN has a space or line break inside it');
  });

  test('GIVEN a clean token THEN there is no warning', () => {
    expect(parseConfig(minimal).warnings).toEqual([]);
  });

  test.each([
    ['http://127.0.0.1:8080/api/v10', 'http://127.0.0.1:8080/api'],
    ['http://127.0.0.1:8080/api/v10/', 'http://127.0.0.1:8080/api'],
    ['https://proxy.example/api/v9', 'https://proxy.example/api'],
    ['http://127.0.0.1:8080/api/', 'http://127.0.0.1:8080/api'],
  ])('GIVEN DISCORD_API_URL %s THEN it is used as %s, with a warning', (raw, used) => {
    const { config, warnings } = parseConfig({ ...minimal, DISCORD_API_URL: raw });
    expect(config.apiUrl).toBe(used);
    expect(warnings).toEqual([expect.stringContaining(`using ${used}`)]);
  });

  test('GIVEN a DISCORD_API_URL with credentials and /v10 THEN the warning does not print the password', () => {
    const { config, warnings } = parseConfig({ ...minimal, DISCORD_API_URL: 'https://bot:hunter2@proxy.example/api/v10' });
    expect(config.apiUrl).toBe('https://bot:hunter2@proxy.example/api');
    expect(warnings.join('\n')).not.toContain('hunter2');
    expect(warnings.join('\n')).toContain('https://[redacted]@proxy.example/api');
  });

  test('GIVEN a DISCORD_API_URL that is not http(s) THEN it is refused', () => {
    expect(problemsOf({ ...minimal, DISCORD_API_URL: 'ftp://127.0.0.1/api' })).toContain('DISCORD_API_URL must be an http:// or https:// URL');
  });

  test('GIVEN DATABASE_PATH in a directory that does not exist THEN it is refused with the fix', () => {
    const message = problemsOf({ ...minimal, DATABASE_PATH: join(dir, 'missing', 'bot.sqlite') });
    expect(message).toContain(`the directory ${join(dir, 'missing')} does not exist`);
    expect(message).toContain('mkdir -p');
  });

  test('GIVEN DATABASE_PATH pointing at a directory THEN it is refused with the fix', () => {
    const folder = join(dir, 'data');
    mkdirSync(folder);
    expect(problemsOf({ ...minimal, DATABASE_PATH: folder })).toContain(`DATABASE_PATH ${folder} is a directory`);
  });

  test('GIVEN DATABASE_PATH under a file THEN it is refused', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, '');
    expect(problemsOf({ ...minimal, DATABASE_PATH: join(file, 'bot.sqlite') })).toContain(`${file} is not a directory`);
  });

  test('GIVEN several of these mistakes THEN all are reported at once', () => {
    const message = problemsOf({
      ...minimal,
      DISCORD_TOKEN: `${TOKEN} x`,
      DISCORD_API_URL: 'ftp://x/api',
      DATABASE_PATH: join(dir, 'nowhere', 'bot.sqlite'),
    });
    expect(message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(3);
  });

  test('GIVEN an existing file or :memory: THEN DATABASE_PATH is accepted', () => {
    const file = join(dir, 'bot.sqlite');
    writeFileSync(file, '');
    expect(loadConfig({ ...minimal, DATABASE_PATH: file }).databasePath).toBe(file);
    expect(loadConfig({ ...minimal, DATABASE_PATH: ':memory:' }).databasePath).toBe(':memory:');
  });
});

describe('the /healthz and /metrics server', () => {
  test('GIVEN HTTP_PORT alone THEN the server binds to loopback on that port', () => {
    expect(loadConfig({ ...minimal, HTTP_PORT: '9464' }).http).toEqual({ host: '127.0.0.1', port: 9464 });
  });

  test.each([
    ['an IPv4 address', '0.0.0.0'],
    ['an IPv6 address', '::1'],
    ['a host name', 'metrics.internal'],
  ])('GIVEN HTTP_HOST as %s THEN it is used', (_label, host) => {
    expect(loadConfig({ ...minimal, HTTP_PORT: '0', HTTP_HOST: host }).http).toEqual({ host, port: 0 });
  });

  test('GIVEN HTTP_PORT left empty as in .env.example THEN there is no server', () => {
    expect(loadConfig({ ...minimal, HTTP_PORT: '', HTTP_HOST: '' }).http).toBeNull();
  });

  test.each([
    ['not a number', 'metrics', 'HTTP_PORT'],
    ['past 65535', '65536', 'HTTP_PORT must be a port number'],
    ['negative', '-1', 'HTTP_PORT'],
    ['a fraction', '94.64', 'HTTP_PORT must be a whole number'],
  ])('GIVEN an HTTP_PORT %s THEN it is refused with how to set it', (_label, port, expected) => {
    const message = problemsOf({ ...minimal, HTTP_PORT: port });
    expect(message).toContain(expected);
    expect(message).toContain('/healthz and /metrics');
  });

  test('GIVEN HTTP_HOST that is a URL, and no HTTP_PORT THEN both problems are reported at once', () => {
    const message = problemsOf({ ...minimal, HTTP_HOST: 'http://0.0.0.0' });
    expect(message).toContain('HTTP_HOST must be an IP address or a host name');
    expect(message).toContain('HTTP_HOST is set but HTTP_PORT is not');
  });
});

describe('SHARDS: one process, the sharding manager, or a shard it spawned', () => {
  test.each([
    ['unset', {}, { mode: 'single' }],
    ['left empty as in .env.example', { SHARDS: '' }, { mode: 'single' }],
    ['auto', { SHARDS: 'auto' }, { mode: 'manager', count: 'auto' }],
    ['Auto with spaces', { SHARDS: ' Auto ' }, { mode: 'manager', count: 'auto' }],
    ['a number', { SHARDS: '4' }, { mode: 'manager', count: 4 }],
  ])('GIVEN SHARDS %s THEN %j', (_label, env, shards) => {
    expect(loadConfig({ ...minimal, ...env }).shards).toEqual(shards);
  });

  test.each([['0'], ['-2'], ['two'], ['1.5'], ['auto,2']])('GIVEN SHARDS=%s THEN it is refused with how to set it', (value) => {
    const message = problemsOf({ ...minimal, SHARDS: value });
    expect(message).toContain('SHARDS must be auto or a whole number of shards');
    expect(message).toContain('one process per shard');
  });

  test('GIVEN the environment discord.js gives a spawned shard THEN the process is that shard, and SHARDS is its id, not auto|N', () => {
    const config = loadConfig({ ...minimal, SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '3' });
    expect(config.shards).toEqual({ mode: 'shard', id: 1, count: 3 });
  });

  test('GIVEN shards on one host with HTTP_PORT THEN shard i serves HTTP_PORT + i (0 still picks a free port)', () => {
    const shard = { ...minimal, SHARDING_MANAGER: 'true', SHARD_COUNT: '3' };
    expect(loadConfig({ ...shard, SHARDS: '2', HTTP_PORT: '9464' }).http).toEqual({ host: '127.0.0.1', port: 9466 });
    expect(loadConfig({ ...shard, SHARDS: '2', HTTP_PORT: '0' }).http).toEqual({ host: '127.0.0.1', port: 0 });
    expect(loadConfig({ ...minimal, SHARDS: '3', HTTP_PORT: '9464' }).http).toEqual({ host: '127.0.0.1', port: 9464 });
  });

  test.each([
    ['a shard id past the count', { SHARDS: '3', SHARD_COUNT: '3' }],
    ['no count', { SHARDS: '0' }],
    ['a non-number id', { SHARDS: 'auto', SHARD_COUNT: '2' }],
  ])('GIVEN SHARDING_MANAGER with %s THEN it is refused', (_label, env) => {
    expect(problemsOf({ ...minimal, SHARDING_MANAGER: 'true', ...env })).toContain('SHARDS and SHARD_COUNT from the sharding manager');
  });
});

describe('SEASON_FILES: which season files load', () => {
  test('GIVEN neither variable THEN null: every data/seasons/*.json, with no warning', () => {
    expect(parseConfig(minimal)).toMatchObject({ config: { seasonFiles: null }, warnings: [] });
  });

  test('GIVEN SEASON_FILES THEN the files in their order, spaces around commas ignored', () => {
    expect(loadConfig({ ...minimal, SEASON_FILES: 'x.json,  y.json ,z.json' }).seasonFiles).toEqual(['x.json', 'y.json', 'z.json']);
  });

  test('GIVEN the deprecated SEASON_FILE THEN a one-file list and a warning naming SEASON_FILES', () => {
    const { config, warnings } = parseConfig({ ...minimal, SEASON_FILE: 'data/other.json' });
    expect(config.seasonFiles).toEqual(['data/other.json']);
    expect(warnings).toEqual([expect.stringMatching(/SEASON_FILE is deprecated: use SEASON_FILES=data\/other\.json/)]);
  });

  test.each([
    ['both variables', { SEASON_FILE: 'a.json', SEASON_FILES: 'b.json' }, 'SEASON_FILE and SEASON_FILES are both set'],
    ['an empty entry', { SEASON_FILES: 'a.json,,b.json' }, 'SEASON_FILES has an empty entry'],
    ['a file twice', { SEASON_FILES: 'a.json,./a.json' }, 'SEASON_FILES lists ./a.json more than once'],
  ])('GIVEN %s THEN a problem, reported with the others at once', (_label, env, problem) => {
    const problems = problemsOf({ ...minimal, ...env, BOT_CLOCK_RATE: '60' });
    expect(problems).toContain(problem);
    expect(problems).toContain('BOT_CLOCK_START and BOT_CLOCK_RATE go together');
  });

  test('GIVEN the data-only config (CLI) THEN the same list and warning, no token needed', () => {
    expect(loadDataConfig({ SEASON_FILES: 'a.json,b.json' })).toMatchObject({ seasonFiles: ['a.json', 'b.json'], warnings: [] });
    expect(loadDataConfig({ SEASON_FILE: 'a.json' }).warnings).toEqual([expect.stringContaining('SEASON_FILE is deprecated')]);
    expect(() => loadDataConfig({ SEASON_FILES: ',' })).toThrow(/SEASON_FILES has an empty entry/);
  });
});

describe('DATABASE_URL', () => {
  const url = 'postgres://bot:s3cret@127.0.0.1:5432/caf';

  test('GIVEN both DATABASE_URL and DATABASE_PATH THEN one problem says to choose, for the bot and for the tools', () => {
    expect(problemsOf({ ...minimal, DATABASE_URL: url, DATABASE_PATH: 'data/bot.sqlite' })).toContain('Both DATABASE_URL and DATABASE_PATH are set');
    expect(() => loadDataConfig({ DATABASE_URL: url, DATABASE_PATH: 'data/bot.sqlite' })).toThrow(/Both DATABASE_URL and DATABASE_PATH are set/);
  });

  test('GIVEN DATABASE_URL alone THEN the tools and the bot take it (PostgreSQL), and the loggable config hides its password', () => {
    expect(loadDataConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadDataConfig({}).databaseUrl).toBeNull();
    const config = loadConfig({ ...minimal, DATABASE_URL: url });
    expect(config.databaseUrl).toBe(url);
    expect(loadConfig(minimal).databaseUrl).toBeNull();
    const logged = JSON.stringify(redactConfig(config));
    expect(logged).not.toContain('s3cret');
    expect(logged).toContain('postgres://[redacted]@127.0.0.1:5432/caf');
  });

  test('GIVEN a URL that is not postgres:// THEN refused', () => {
    expect(() => loadDataConfig({ DATABASE_URL: 'mysql://u:p@h/db' })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
  });
});

describe('redactConfig', () => {
  test('GIVEN a config THEN the loggable copy has no token and keeps the rest', () => {
    const config = loadConfig(minimal);
    const redacted = redactConfig(config);
    expect(JSON.stringify(redacted)).not.toContain(TOKEN);
    expect(redacted).toMatchObject({ token: '[redacted]', applicationId: APP_ID });
  });

  test('GIVEN an API URL with credentials THEN the loggable copy hides them', () => {
    const redacted = redactConfig(loadConfig({ ...minimal, DISCORD_API_URL: 'https://bot:hunter2@proxy.example/api' }));
    expect(redacted.apiUrl).toBe('https://[redacted]@proxy.example/api');
  });
});
