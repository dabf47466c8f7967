import {
  ChannelType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type APIEmbed,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { parseLeads } from '../../domain/announcements.js';
import { UserError } from '../../domain/errors.js';
import { listSubscriptions } from '../../db/guild-settings.js';
import { clearClubRole, setClubRole } from '../../db/club-roles.js';
import { escapeText } from '../render/text.js';
import { checkAnnouncementChannel } from '../announcements/channel-check.js';
import {
  previewNext,
  sendTestMessage,
  setAnnouncements,
  turnOffAnnouncements,
  type AnnouncementsService,
} from '../announcements/service.js';
import { parseStatusPageId, statusReply } from '../announcements/status.js';
import { clampContent } from '../reply.js';
import { isDiscordId, readChannelId, readChoice, readTeam, teamAutocomplete, teamOption } from './options.js';
import type { Command, CommandContext } from './types.js';

export const announcements: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('announcements')
    .setDescription('Matchday previews and recaps posted in a channel (Manage Server)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('set')
        .setDescription('Post previews and recaps in a channel; changes only the options you give')
        .addChannelOption((o) =>
          o
            .setName('channel')
            .setDescription('A text or announcement channel of this server')
            .setRequired(true)
            .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        )
        .addRoleOption((o) => o.setName('role').setDescription('A role to mention in each post (never @everyone)'))
        .addStringOption((o) =>
          o.setName('leads').setDescription('When previews go out before a round, e.g. 24h,1h (default 24h)').setMaxLength(60),
        )
        .addBooleanOption((o) => o.setName('recap').setDescription('Post results after each round (default: yes)'))
        // Discord cannot send an empty option, so removing the role is an option of its own.
        .addStringOption((o) =>
          o
            .setName('clear')
            .setDescription('Remove a setting')
            .addChoices({ name: 'role: mention no one', value: 'role' }, { name: 'team: every match again', value: 'team' }),
        )
        .addStringOption(teamOption('team', "Only this club's matches in this channel (default: every match)")),
    )
    .addSubcommand((s) =>
      s
        .setName('off')
        .setDescription('Stop announcements in one channel, or in every channel')
        .addChannelOption((o) =>
          o
            .setName('channel')
            .setDescription('The channel to stop (default: all channels)')
            .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('roles')
        .setDescription("The role a club's posts mention in channels following it; without role, none")
        .addStringOption(teamOption('team', 'The club', true))
        .addRoleOption((o) => o.setName('role').setDescription('A mentionable role of this server (never @everyone)')),
    )
    .addSubcommand((s) => s.setName('status').setDescription('Settings, next posts, what was sent or failed, disabled channels'))
    .addSubcommand((s) => s.setName('preview').setDescription('Show the next announcement, only to you'))
    .addSubcommand((s) =>
      s
        .setName('test')
        .setDescription('Post a short test message to prove the bot can announce there')
        .addChannelOption((o) =>
          o
            .setName('channel')
            .setDescription('Default: the only channel set up')
            .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        ),
    )),

  // Checking a channel may need a Discord request; every answer is for the admin only.
  defer: 'ephemeral',

  async execute(interaction, ctx) {
    // default_member_permissions and contexts are advisory (server admins can override them, and an
    // old client may still show the command): the rules are checked again here.
    if (!interaction.inGuild()) {
      await answer(interaction, 'Announcements are set up per server: run this command in a server, not in DMs.');
      return;
    }
    // memberPermissions is null when Discord sent no member permissions (only a forged payload does):
    // unknown is refused like missing, for every subcommand.
    if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true) {
      await answer(interaction, 'Only members with **Manage Server** can change announcements.');
      return;
    }
    if (!isDiscordId(interaction.guildId)) {
      await answer(interaction, 'Announcements are set up per server, and this server could not be identified.');
      return;
    }
    const svc = ctx.announcements;
    if (svc === undefined) {
      await answer(interaction, 'Announcements are not available on this bot instance.');
      return;
    }
    const guildId = interaction.guildId;
    const now = ctx.now().getTime();

    switch (interaction.options.getSubcommand(true)) {
      case 'set':
        await runSet(interaction, ctx, svc, guildId, now);
        return;
      case 'roles':
        await runRoles(interaction, ctx, svc, guildId, now);
        return;
      case 'off': {
        await answer(interaction, turnOffAnnouncements(svc, guildId, readChannelId(interaction), now));
        return;
      }
      case 'status': {
        const payload = statusReply(svc, ctx.season(), guildId, now, 1);
        if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
        else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
        return;
      }
      case 'preview': {
        const { post, note } = previewNext(svc, ctx.season(), guildId, now);
        const first = post?.messages[0] ?? [];
        const more = post !== null && post.messages.length > 1 ? ` (message 1 of ${post.messages.length})` : '';
        await answer(interaction, `${note}${more}`, [...first]);
        return;
      }
      case 'test':
        await runTest(interaction, svc, guildId);
        return;
      default:
        throw new UserError('Unknown subcommand.');
    }
  },

  // `team` on /announcements set: the same club list as /team.
  autocomplete: teamAutocomplete,

  // ◀ ▶ on /announcements status. The reply is ephemeral, but the rules are checked again anyway.
  async button(interaction, ctx) {
    const page = parseStatusPageId(interaction.customId);
    if (page === null) throw new UserError('This button belongs to an older version of the bot. Run /announcements status again.');
    if (!interaction.inGuild() || interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true) {
      throw new UserError('Only members with the Manage Server permission can see the announcements status.');
    }
    const svc = ctx.announcements;
    if (svc === undefined) throw new UserError('Announcements are not available on this bot instance.');
    await interaction.update(statusReply(svc, ctx.season(), interaction.guildId, ctx.now().getTime(), page));
  },
};

async function runSet(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  ctx: CommandContext,
  svc: AnnouncementsService,
  guildId: string,
  now: number,
): Promise<void> {
  const channel = { id: readChannelId(interaction, true) };
  const role = interaction.options.getRole('role');
  if (role !== null && !isDiscordId(role.id)) throw new UserError('That is not a role of this server: pick one from the list in `role`.');
  const leadsText = interaction.options.getString('leads');
  const recap = interaction.options.getBoolean('recap') ?? undefined;
  const clear = readChoice(interaction, 'clear', ['role', 'team'] as const);
  const clearRole = clear === 'role';
  const team = readTeam(interaction, ctx.season(), 'team');

  if (role !== null && role.id === guildId) {
    await answer(interaction, 'Announcements never mention @everyone. Pick a role, or leave `role` empty.');
    return;
  }
  if (role !== null && clearRole) {
    await answer(interaction, 'Give either `role` or `clear:role`, not both.');
    return;
  }
  if (team !== null && clear === 'team') {
    await answer(interaction, 'Give either `team` or `clear:team`, not both.');
    return;
  }
  const teamId = clear === 'team' ? null : (team?.id ?? undefined);
  // Only the options given change: an existing channel keeps the rest (a new one gets the defaults).
  const roleId = clearRole ? null : (role?.id ?? undefined);
  const leadsMs = leadsText === null ? undefined : parseLeads(leadsText);
  const check = await checkAnnouncementChannel(interaction.client, guildId, channel.id);
  if (!check.ok) {
    await answer(interaction, check.reason);
    return;
  }
  const result = setAnnouncements(svc, ctx.season(), { guildId, channelId: channel.id, roleId, teamId, leadsMs, recap }, now);
  const warning =
    role !== null && 'mentionable' in role && !role.mentionable
      ? '\nNote: that role is not mentionable, so posts will name it without pinging unless the bot has Mention Everyone.'
      : '';
  const saved = result.subscription;
  ctx.log.info({ guildId, channelId: channel.id, leadsMs: saved.leadsMs, recap: saved.recap, roleId: saved.roleId, teamId: saved.teamId, planned: result.planned }, 'announcements set');
  await answer(interaction, result.message + warning);
}

/** The role a club's posts mention: it must exist in this server, be mentionable, and not be @everyone. */
async function runRoles(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  ctx: CommandContext,
  svc: AnnouncementsService,
  guildId: string,
  now: number,
): Promise<void> {
  const club = readTeam(interaction, ctx.season(), 'team', true);
  const role = interaction.options.getRole('role');
  const name = `**${escapeText(club.name)}**`;
  if (role === null) {
    const removed = clearClubRole(svc.db, guildId, club.id);
    await answer(interaction, removed ? `${name}'s posts no longer mention a role of their own.` : `${name} had no role: nothing to remove.`);
    return;
  }
  if (!isDiscordId(role.id)) throw new UserError('That is not a role of this server: pick one from the list in `role`.');
  if (role.id === guildId) {
    await answer(interaction, 'Announcements never mention @everyone. Pick a role of the club’s fans.');
    return;
  }
  // A forged payload can name a role that is not (or no longer) in this server: ask the server.
  const exists = interaction.inCachedGuild() ? (interaction.guild.roles.cache.get(role.id) ?? (await interaction.guild.roles.fetch(role.id).catch(() => null))) !== null : true;
  if (!exists) {
    await answer(interaction, 'That role does not exist in this server (was it deleted?). Pick one from the list in `role`.');
    return;
  }
  if (!('mentionable' in role) || role.mentionable !== true) {
    await answer(
      interaction,
      'That role cannot be mentioned, so its members would not be notified. Turn on **Allow anyone to @mention this role** in Server Settings → Roles, then run this again.',
    );
    return;
  }
  setClubRole(svc.db, guildId, club.id, role.id, now);
  ctx.log.info({ guildId, teamId: club.id, roleId: role.id }, 'club role set');
  await answer(
    interaction,
    `Posts about ${name}'s matches in channels following a club now mention <@&${role.id}> instead of the channel's role (both clubs' roles for a match of two clubs with one).`,
  );
}

async function runTest(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, svc: AnnouncementsService, guildId: string): Promise<void> {
  let channelId = readChannelId(interaction);
  if (channelId === null) {
    const enabled = listSubscriptions(svc.db, guildId).filter((s) => s.enabled);
    if (enabled.length !== 1) {
      await answer(interaction, enabled.length === 0 ? 'No channel is set up yet: give `channel`.' : 'Several channels are set up: give `channel`.');
      return;
    }
    channelId = enabled[0]!.channelId;
  }
  const check = await checkAnnouncementChannel(interaction.client, guildId, channelId);
  if (!check.ok) {
    await answer(interaction, check.reason);
    return;
  }
  // A fresh nonce per test: the interaction id is unique and fits Discord's 25 characters.
  const { message } = await sendTestMessage(svc, guildId, channelId, `t${interaction.id}`.slice(0, 25));
  await answer(interaction, message);
}

/** Every reply of this command is ephemeral; the router has already deferred it. */
async function answer(interaction: ChatInputCommandInteraction, content: string | null, embeds: APIEmbed[] = []): Promise<void> {
  const payload = { content: content === null ? '' : clampContent(content), embeds, allowedMentions: { parse: [] as [] } };
  if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
  else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}
