import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

// EDITOR_* in the one parse of the environment: snowflakes, reported with every other problem.

const minimal = { DISCORD_TOKEN: 'token-for-the-editor-config-test', DISCORD_APPLICATION_ID: '1195944444444444444' };
const GUILD = '1195900000000000009';
const ROLE = '1195900000000000010';
const CHANNEL = '1195900000000000011';

const problemsOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('editor settings', () => {
  test.each([
    ['nothing set', {}, null],
    ['only the server', { EDITOR_GUILD_ID: GUILD }, { guildId: GUILD, roleId: null, channelId: null }],
    ['server, role and channel', { EDITOR_GUILD_ID: GUILD, EDITOR_ROLE_ID: ROLE, EDITOR_CHANNEL_ID: CHANNEL }, { guildId: GUILD, roleId: ROLE, channelId: CHANNEL }],
    ['empty values as in .env.example', { EDITOR_GUILD_ID: '', EDITOR_ROLE_ID: '', EDITOR_CHANNEL_ID: ' ' }, null],
  ])('GIVEN %s THEN editors is %j', (_label, env, expected) => {
    expect(loadConfig({ ...minimal, ...env }).editors).toEqual(expected);
  });

  test('GIVEN ids that are not snowflakes THEN each is reported, with the other problems, at once', () => {
    const message = problemsOf({ ...minimal, EDITOR_GUILD_ID: 'my-server', EDITOR_ROLE_ID: '12', EDITOR_CHANNEL_ID: '#notices', LOG_LEVEL: 'loud' });
    for (const key of ['EDITOR_GUILD_ID must be a Discord id', 'EDITOR_ROLE_ID must be a Discord id', 'EDITOR_CHANNEL_ID must be a Discord id', 'LOG_LEVEL']) {
      expect(message).toContain(key);
    }
  });

  test.each(['EDITOR_ROLE_ID', 'EDITOR_CHANNEL_ID'])('GIVEN %s without EDITOR_GUILD_ID THEN it is a problem naming both', (key) => {
    expect(problemsOf({ ...minimal, [key]: ROLE })).toContain(`${key} is set but EDITOR_GUILD_ID is not`);
  });
});
