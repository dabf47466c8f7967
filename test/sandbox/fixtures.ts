import { ChannelType, SlashCommandBuilder } from 'discord.js';
import type { CommandDefinition, GuildDirectory } from '../../src/sandbox/parse-command.js';

// Command definitions shaped like the bot's, built with the real discord.js builders.

const fixtures = new SlashCommandBuilder()
  .setName('fixtures')
  .setDescription('Fixtures and results')
  .addStringOption((o) => o.setName('team').setDescription('A team').setAutocomplete(true))
  .addStringOption((o) =>
    o
      .setName('stage')
      .setDescription('A stage')
      .addChoices({ name: 'Group stage', value: 'group' }, { name: 'Final', value: 'final' }),
  )
  .addStringOption((o) => o.setName('group').setDescription('A group').addChoices(...['A', 'B', 'C', 'D'].map((g) => ({ name: `Group ${g}`, value: g }))))
  .addIntegerOption((o) => o.setName('matchday').setDescription('Matchday 1–6').setMinValue(1).setMaxValue(6))
  .addStringOption((o) =>
    o
      .setName('when')
      .setDescription('Which matches')
      .addChoices({ name: 'Upcoming', value: 'upcoming' }, { name: 'Results', value: 'results' }, { name: 'All', value: 'all' }),
  );

const team = new SlashCommandBuilder()
  .setName('team')
  .setDescription('A team')
  .addStringOption((o) => o.setName('team').setDescription('A team').setRequired(true).setAutocomplete(true));

const scorers = new SlashCommandBuilder()
  .setName('scorers')
  .setDescription('Top scorers')
  .addIntegerOption((o) => o.setName('limit').setDescription('How many').setMinValue(1).setMaxValue(50));

const announcements = new SlashCommandBuilder()
  .setName('announcements')
  .setDescription('Matchday announcements')
  .addSubcommand((s) =>
    s
      .setName('set')
      .setDescription('Post in a channel')
      .addChannelOption((o) => o.setName('channel').setDescription('Where').setRequired(true).addChannelTypes(ChannelType.GuildText))
      .addRoleOption((o) => o.setName('ping').setDescription('Role to mention'))
      .addBooleanOption((o) => o.setName('previews').setDescription('Post previews')),
  )
  .addSubcommand((s) => s.setName('off').setDescription('Stop'))
  .addSubcommand((s) => s.setName('status').setDescription('Show'));

export const COMMANDS: CommandDefinition[] = [fixtures, team, scorers, announcements].map((b, i) => ({
  id: String(1_100_000_000_000_000_000n + BigInt(i)),
  ...b.toJSON(),
}));

export const GUILD: GuildDirectory = {
  id: '1000000000000000001',
  channels: [
    { id: '1000000000000000010', name: 'general', type: 0 },
    { id: '1000000000000000011', name: 'matchday', type: 0 },
    { id: '1000000000000000012', name: 'Voice', type: 2 },
  ],
  roles: [
    { id: '1000000000000000001', name: '@everyone' },
    { id: '1000000000000000020', name: 'Admins' },
    { id: '1000000000000000021', name: 'Match Alerts' },
  ],
  users: [{ id: '1000000000000000030', username: 'sandbox-fan' }],
};
