import { REST } from 'discord.js';
import { startStandin, type Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands, editorCommands } from '../../src/discord/commands/index.js';
import { commandScopes, syncAllCommands } from '../../src/discord/sync.js';
import { silentLogger } from '../../src/log.js';

// /edit is a guild command of the editor server only: the startup sync and commands:deploy register
// the fans' commands globally (or in DISCORD_GUILD_ID) and /edit in EDITOR_GUILD_ID, through the real
// REST client against the stand-in, which checks definitions as Discord does.

const APP = '1195944444444444444';
const EDITOR_GUILD = '1100000000000000077';
const DEV_GUILD = '1100000000000000001';
const edit = editorCommands({ editing: null, editors: { guildId: EDITOR_GUILD, roleId: null, channelId: null } });

const names = (list: readonly { data: { name: string } }[]): string[] => list.map((c) => c.data.name);

describe('commandScopes', () => {
  test.each([
    ['no editor server', null, null, [{ guildId: null, names: names(commands) }]],
    ['an editor server, global fans', null, EDITOR_GUILD, [{ guildId: null, names: names(commands) }, { guildId: EDITOR_GUILD, names: ['edit'] }]],
    ['an editor server and a development server', DEV_GUILD, EDITOR_GUILD, [{ guildId: DEV_GUILD, names: names(commands) }, { guildId: EDITOR_GUILD, names: ['edit'] }]],
    // One PUT replaces a whole scope: a shared server gets both lists in one.
    ['the development server is the editor server', DEV_GUILD, DEV_GUILD, [{ guildId: DEV_GUILD, names: [...names(commands), 'edit'] }]],
  ])('GIVEN %s THEN the scopes are as expected', (_label, guildId, editorGuildId, expected) => {
    const scopes = commandScopes({ guildId, editorGuildId, commands, editorCommands: edit });
    expect(scopes.map((s) => ({ guildId: s.guildId, names: names(s.commands) }))).toEqual(expected);
  });
});

describe('syncAllCommands against the stand-in', () => {
  let standin: Standin;
  let rest: REST;
  beforeAll(async () => {
    standin = await startStandin({
      applicationId: APP,
      guilds: [
        { id: EDITOR_GUILD, name: 'Editors', channels: [{ name: 'general' }] },
        { id: DEV_GUILD, name: 'Fans', channels: [{ name: 'general' }] },
      ],
    });
    rest = new REST({ version: '10', api: standin.apiUrl, retries: 0 }).setToken('test-token');
  });
  afterAll(async () => {
    await standin.close();
  });

  test('/edit is registered in the editor server only, and a second start changes nothing', async () => {
    const opts = { rest, applicationId: APP, guildId: null, commands, editorCommands: edit, editorGuildId: EDITOR_GUILD, log: silentLogger() };
    const first = await syncAllCommands(opts);
    expect(first.map((r) => ({ scope: r.scope, guildId: r.guildId, put: r.put, count: r.count }))).toEqual([
      { scope: 'global', guildId: null, put: true, count: commands.length },
      { scope: 'guild', guildId: EDITOR_GUILD, put: true, count: 1 },
    ]);
    expect(standin.commands().map((c) => c.name)).not.toContain('edit');
    expect(standin.commands(EDITOR_GUILD).map((c) => c.name)).toEqual(['edit']);
    expect(standin.commands(DEV_GUILD)).toEqual([]);
    // Without an editor role, only members with Manage Server (1 << 5) see it in the picker.
    expect(standin.commands(EDITOR_GUILD)[0]?.default_member_permissions).toBe('32');

    const second = await syncAllCommands(opts);
    expect(second.map((r) => r.put)).toEqual([false, false]);
  });

  test('every subcommand of /edit lists its required options first', () => {
    const json = edit[0]!.data.toJSON();
    const subcommands = (json.options ?? []).flatMap((o) => ('options' in o && o.type === 2 ? (o.options ?? []) : [o]));
    expect(subcommands.map((s) => s.name).sort()).toEqual(['fixture', 'goal', 'kickoff', 'log', 'new', 'result', 'status', 'undo']);
    for (const sub of subcommands) {
      const required = ('options' in sub ? (sub.options ?? []) : []).map((o) => ('required' in o && o.required) === true);
      expect(required, sub.name).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  test('with an editor role, the command is visible to every member of the editor server (the bot checks the role)', () => {
    const withRole = editorCommands({ editing: null, editors: { guildId: EDITOR_GUILD, roleId: '1100000000000000078', channelId: null } });
    expect(withRole[0]!.data.toJSON().default_member_permissions ?? null).toBeNull();
  });
});
