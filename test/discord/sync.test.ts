import { SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { describe, expect, test, vi } from 'vitest';
import { diffCommands, syncCommands } from '../../src/discord/sync.js';
import { silentLogger } from '../../src/log.js';

const teamCommand = () =>
  new SlashCommandBuilder()
    .setName('team')
    .setDescription('A team: results, fixtures, scorers')
    .addStringOption((o) => o.setName('team').setDescription('Team name').setRequired(true).setAutocomplete(true))
    .addIntegerOption((o) => o.setName('matchday').setDescription('Matchday').setMinValue(1).setMaxValue(6));

const standingsCommand = () =>
  new SlashCommandBuilder()
    .setName('standings')
    .setDescription('Group tables')
    .addStringOption((o) =>
      o.setName('group').setDescription('Group').addChoices({ name: 'A', value: 'A' }, { name: 'B', value: 'B' }),
    );

/** What Discord answers for a registered command: ids, versions and server-side defaults filled in. */
const asDiscordReturnsIt = (json: RESTPostAPIChatInputApplicationCommandsJSONBody, guild = true) => ({
  id: '1300000000000000001',
  application_id: '1195944444444444444',
  version: '1300000000000000002',
  default_member_permissions: null,
  type: 1,
  nsfw: false,
  integration_types: [0],
  contexts: null,
  ...(guild ? { guild_id: '1100000000000000001' } : { dm_permission: true }),
  name: json.name,
  description: json.description,
  // Discord drops `required: false` and empty lists, and reorders keys.
  options: json.options?.map((o) => {
    const { required, ...rest } = o as { required?: boolean };
    return required ? { required, ...rest } : rest;
  }),
});

describe('diffCommands', () => {
  test('GIVEN what Discord returns for our own definitions THEN nothing differs', () => {
    const local = [teamCommand().toJSON(), standingsCommand().toJSON()];
    const remote = local.map((c) => asDiscordReturnsIt(c)).reverse();
    expect(diffCommands(local, remote)).toEqual({ added: [], removed: [], changed: [] });
  });

  test('GIVEN global commands with DM defaults THEN they do not count as a change', () => {
    const local = [teamCommand().toJSON()];
    expect(diffCommands(local, local.map((c) => asDiscordReturnsIt(c, false)))).toEqual({ added: [], removed: [], changed: [] });
  });

  test('GIVEN a new, a removed and a changed command THEN each is named', () => {
    const local = [teamCommand().toJSON(), standingsCommand().setDescription('Group tables, with tiebreaks').toJSON()];
    const remote = [asDiscordReturnsIt(standingsCommand().toJSON()), { ...asDiscordReturnsIt(teamCommand().toJSON()), name: 'scorers' }];
    expect(diffCommands(local, remote)).toEqual({
      added: ['team'],
      removed: ['scorers'],
      changed: [{ name: 'standings', fields: ['description'] }],
    });
  });

  test.each([
    ['an option became optional', () => teamCommand().toJSON(), (r: ReturnType<typeof asDiscordReturnsIt>) => ({ ...r, options: r.options?.map((o) => ({ ...o, required: false })) })],
    ['a choice was added', () => standingsCommand().toJSON(), (r: ReturnType<typeof asDiscordReturnsIt>) => ({ ...r, options: r.options?.map((o) => ({ ...o, choices: [{ name: 'A', value: 'A' }] })) })],
    ['permissions were set', () => teamCommand().toJSON(), (r: ReturnType<typeof asDiscordReturnsIt>) => ({ ...r, default_member_permissions: '32' })],
  ])('GIVEN %s on one side THEN the command is changed', (_label, make, mutate) => {
    const local = make();
    const diff = diffCommands([local], [mutate(asDiscordReturnsIt(local))]);
    expect(diff.changed.map((c) => c.name)).toEqual([local.name]);
  });

  test('GIVEN our definition restricts contexts THEN a remote without them is a change', () => {
    const local = teamCommand().setContexts(0).toJSON();
    expect(diffCommands([local], [asDiscordReturnsIt(local)]).changed).toEqual([{ name: 'team', fields: ['contexts'] }]);
    expect(diffCommands([local], [{ ...asDiscordReturnsIt(local), contexts: [0] }]).changed).toEqual([]);
  });
});

describe('syncCommands', () => {
  const setup = (remote: unknown[]) => {
    const rest = { get: vi.fn(async () => remote), put: vi.fn(async () => []) };
    return rest;
  };
  const commands = [{ data: teamCommand() }];

  test('GIVEN Discord already has our commands THEN no PUT', async () => {
    const rest = setup([asDiscordReturnsIt(teamCommand().toJSON())]);
    const result = await syncCommands({ rest, applicationId: '1195944444444444444', guildId: '1100000000000000001', commands, log: silentLogger() });
    expect(result.put).toBe(false);
    expect(rest.get).toHaveBeenCalledWith('/applications/1195944444444444444/guilds/1100000000000000001/commands', expect.anything());
    expect(rest.put).not.toHaveBeenCalled();
  });

  test('GIVEN a difference THEN one bulk PUT with every command, on the global route without a guild', async () => {
    const rest = setup([]);
    const result = await syncCommands({ rest, applicationId: '1195944444444444444', guildId: null, commands, log: silentLogger() });
    expect(result).toMatchObject({ scope: 'global', put: true, added: ['team'] });
    expect(rest.put).toHaveBeenCalledWith('/applications/1195944444444444444/commands', { body: [teamCommand().toJSON()] });
  });

  test('GIVEN force THEN it PUTs even when nothing differs', async () => {
    const rest = setup([asDiscordReturnsIt(teamCommand().toJSON())]);
    const result = await syncCommands({ rest, applicationId: '1195944444444444444', guildId: null, commands, log: silentLogger(), force: true });
    expect(result.put).toBe(true);
    expect(rest.put).toHaveBeenCalledOnce();
  });

  test('GIVEN the PUT fails THEN the error reaches the caller', async () => {
    const rest = setup([]);
    rest.put.mockRejectedValueOnce(new Error('Missing Access'));
    await expect(
      syncCommands({ rest, applicationId: '1195944444444444444', guildId: null, commands, log: silentLogger() }),
    ).rejects.toThrow('Missing Access');
  });
});
