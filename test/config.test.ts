import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig, redactConfig } from '../src/config.js';

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
      databasePath: 'data/bot.sqlite',
      apiUrl: null,
      logLevel: 'info',
      logFormat: 'pretty',
      seasonFile: null,
      clock: null,
      lateWindowMs: 6 * 3_600_000,
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
      SEASON_FILE: 'data/other.json',
      BOT_CLOCK_START: '2023-11-25T12:00:00Z',
      BOT_CLOCK_RATE: '3600',
      ANNOUNCE_LATE_WINDOW_HOURS: '2',
    });
    expect(config).toMatchObject({
      guildId: '1195900000000000001',
      databasePath: '/tmp/x.sqlite',
      apiUrl: 'http://127.0.0.1:8080/api',
      logLevel: 'debug',
      logFormat: 'json',
      seasonFile: 'data/other.json',
      clock: { start: '2023-11-25T12:00:00Z', rate: 3600 },
      lateWindowMs: 2 * 3_600_000,
    });
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
});

describe('redactConfig', () => {
  test('GIVEN a config THEN the loggable copy has no token and keeps the rest', () => {
    const config = loadConfig(minimal);
    const redacted = redactConfig(config);
    expect(JSON.stringify(redacted)).not.toContain(TOKEN);
    expect(redacted).toMatchObject({ token: '[redacted]', applicationId: APP_ID });
  });
});
