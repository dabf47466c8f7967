import { DiscordAPIError, REST, Routes } from 'discord.js';
import { startStandin, type Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { syncCommands } from '../../src/discord/sync.js';
import { silentLogger } from '../../src/log.js';

// The real registration path (syncCommands over discord.js's REST) against the stand-in, which checks
// localisations as Discord does: the commands go up with fr and pt-BR, come back unchanged (so the next
// start does not re-register), and a locale Discord does not have is refused with a 400.

const APP = '1195944444444444444';
let standin: Standin;
let rest: REST;

beforeAll(async () => {
  standin = await startStandin({ applicationId: APP });
  rest = new REST({ version: '10', api: standin.apiUrl, retries: 0 }).setToken('test-token');
});
afterAll(async () => {
  await standin.close();
});

const refusal = async (body: unknown): Promise<{ status: number; code: unknown; errors: string }> => {
  try {
    await rest.put(Routes.applicationCommands(APP), { body });
  } catch (err) {
    if (err instanceof DiscordAPIError) return { status: err.status, code: err.code, errors: JSON.stringify(err.rawError) };
    throw err;
  }
  throw new Error('the stand-in accepted it');
};

describe('registration with localisations', () => {
  test('every command is registered with fr and pt-BR names, and a second start finds nothing to change', async () => {
    const first = await syncCommands({ rest, applicationId: APP, guildId: null, commands, log: silentLogger() });
    expect(first.put).toBe(true);
    const registered = standin.commands();
    expect(registered.map((c) => c.name)).toEqual(commands.map((c) => c.data.name));
    for (const command of registered) {
      // A name the same in both languages is left out (French /match is /match).
      expect(Object.keys(command.name_localizations ?? {}).length, command.name).toBeGreaterThan(0);
      expect(Object.keys(command.description_localizations ?? {}).sort(), command.name).toEqual(['fr', 'pt-BR']);
    }
    expect(registered.find((c) => c.name === 'match')?.name_localizations).toEqual({ 'pt-BR': 'jogo' });
    expect(registered.find((c) => c.name === 'standings')?.name_localizations).toEqual({ fr: 'classement', 'pt-BR': 'classificação' });

    const second = await syncCommands({ rest, applicationId: APP, guildId: null, commands, log: silentLogger() });
    expect(second).toMatchObject({ put: false, added: [], removed: [], changed: [] });
  });

  test.each([
    ['an Arabic name (Discord has no ar locale)', { name: 'standings', description: 'Tables', name_localizations: { ar: 'الترتيب' } }, 'name_localizations'],
    ['an Arabic description', { name: 'standings', description: 'Tables', description_localizations: { ar: 'جداول' } }, 'description_localizations'],
    ['a capitalised French name', { name: 'standings', description: 'Tables', name_localizations: { fr: 'Classement' } }, 'APPLICATION_COMMAND_INVALID_NAME'],
    ['a French name with a space', { name: 'standings', description: 'Tables', name_localizations: { fr: 'le classement' } }, 'APPLICATION_COMMAND_INVALID_NAME'],
    ['a 101-character Portuguese description', { name: 'standings', description: 'Tables', description_localizations: { 'pt-BR': 'x'.repeat(101) } }, 'BASE_TYPE_BAD_LENGTH'],
    [
      'a localised option name equal to another option\'s name',
      {
        name: 'fixtures',
        description: 'Fixtures',
        options: [
          { type: 3, name: 'team', description: 'Team', name_localizations: { fr: 'stage' } },
          { type: 3, name: 'stage', description: 'Stage' },
        ],
      },
      'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
    ],
    [
      'a command whose longest localisations pass 8,000 characters',
      {
        name: 'big',
        description: 'Big',
        options: Array.from({ length: 25 }, (_, i) => ({
          type: 3,
          name: `o${i}`,
          description: 'Short',
          choices: Array.from({ length: 4 }, (_, j) => ({ name: `c${j}`, value: `${j}`, name_localizations: { fr: 'x'.repeat(81) } })),
        })),
      },
      'APPLICATION_COMMAND_TOO_LARGE',
    ],
  ])('refused: %s', async (_label, command, where) => {
    const answer = await refusal([command]);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe(50035);
    expect(answer.errors).toContain(where);
  });

  test('the same command in English only fits: only the longest text of each field counts', async () => {
    const options = Array.from({ length: 25 }, (_, i) => ({
      type: 3,
      name: `o${i}`,
      description: 'Short',
      choices: Array.from({ length: 4 }, (_, j) => ({ name: 'x'.repeat(70), value: `${j}`, name_localizations: { fr: 'x'.repeat(75), 'pt-BR': 'y'.repeat(75) } })),
    }));
    await expect(rest.put(Routes.applicationCommands(APP), { body: [{ name: 'big', description: 'Big', options }] })).resolves.toBeDefined();
  });
});
