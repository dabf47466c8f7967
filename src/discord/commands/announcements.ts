import {
  ChannelType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type APIEmbed,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { commandMention, commandWord, localized } from '../../i18n/commands.js';
import { LANGUAGE_INFO, LANGUAGES, type Translator } from '../../i18n/index.js';
import { LeadsError, parseLeads, RESULTS_MODES, type LeadsProblem } from '../../domain/announcements.js';
import { UserError } from '../../domain/errors.js';
import type { Team } from '../../domain/types.js';
import { escapeText } from '../render/text.js';
import { checkAnnouncementChannel } from '../announcements/channel-check.js';
import {
  previewNext,
  seasonName,
  sendTestMessage,
  setAnnouncements,
  turnOffAnnouncements,
  type AnnouncementsService,
  type Say,
} from '../announcements/service.js';
import { parseStatusPageId, statusReply } from '../announcements/status.js';
import { clampContent } from '../reply.js';
import { isDiscordId, readChannelId, readChoice, readTeam, teamAutocomplete, teamOption } from './options.js';
import { catalogOf, chooseSeason, COMPETITION_OPTION, competitionOption } from './season-choice.js';
import type { Command, CommandContext } from './types.js';
import { replyTranslator } from './language.js';

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
        .addBooleanOption((o) => o.setName('recap').setDescription('Old switch, replaced by results: yes is results:round, no is results:off'))
        .addStringOption((o) =>
          o
            .setName('results')
            .setDescription('Results: a post per match, one recap per round, or none (default: round)')
            .addChoices(
              { name: 'each: a post per match at full time', value: 'each' },
              { name: 'round: one recap when the round is over', value: 'round' },
              { name: 'off: no results', value: 'off' },
            ),
        )
        .addBooleanOption((o) => o.setName('goals').setDescription('Post each goal as it is saved (default: no)'))
        // Discord cannot send an empty option, so removing the role is an option of its own.
        .addStringOption((o) =>
          o
            .setName('clear')
            .setDescription('Remove a setting')
            .addChoices(
              { name: 'role: mention no one', value: 'role' },
              { name: 'team: every match again', value: 'team' },
              { name: "language: the server's again", value: 'language' },
            ),
        )
        .addStringOption(teamOption('team', "Only this club's matches in this channel (default: every match)"))
        .addStringOption((o) =>
          o
            .setName('language')
            .setDescription("The language of this channel's posts (default: the server's, else English)")
            // Each language in its own script, as /language shows them.
            .addChoices(...LANGUAGES.map((l) => ({ name: LANGUAGE_INFO[l].nativeName, value: l }))),
        )
        // The season this channel follows (one channel may follow several, one `set` each).
        .addStringOption((o) => competitionOption(o).setDescription("The competition and season to follow (default: the server's)")),
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
        )
        .addStringOption((o) => competitionOption(o).setDescription('Only this competition and season (default: every one)')),
    )
    .addSubcommand((s) =>
      s
        .setName('default')
        .setDescription("The server's season: what fan commands show and set follows without a competition")
        .addStringOption((o) => competitionOption(o).setDescription('The competition and season (without it: show the current choice)'))
        .addBooleanOption((o) => o.setName('clear').setDescription('Forget the choice: the season in progress again, else the last finished')),
    )
    .addSubcommand((s) =>
      s
        .setName('roles')
        .setDescription("The role a club's posts mention in channels following it; without role, none")
        .addStringOption(teamOption('team', 'The club', true))
        .addRoleOption((o) => o.setName('role').setDescription('A mentionable role of this server (never @everyone)'))
        // Where the club is looked up: a club of any season keeps one id, so its role serves every season.
        .addStringOption((o) => competitionOption(o).setDescription("The club's competition and season (default: the server's)")),
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
    // Every reply in the reply's language, command words as the admin's picker shows them.
    const say = sayFor(interaction, ctx);
    const { tr } = say;
    // default_member_permissions and contexts are advisory (server admins can override them, and an
    // old client may still show the command): the rules are checked again here.
    if (!interaction.inGuild()) {
      await answer(interaction, tr.t('announcements.refuse.notInGuild'));
      return;
    }
    // memberPermissions is null when Discord sent no member permissions (only a forged payload does):
    // unknown is refused like missing, for every subcommand.
    if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true) {
      await answer(interaction, tr.t('announcements.refuse.needsManageServer'));
      return;
    }
    if (!isDiscordId(interaction.guildId)) {
      await answer(interaction, tr.t('announcements.refuse.guildUnknown'));
      return;
    }
    const svc = ctx.announcements;
    if (svc === undefined) {
      await answer(interaction, tr.t('announcements.refuse.unavailable'));
      return;
    }
    const guildId = interaction.guildId;
    const now = ctx.now().getTime();

    switch (interaction.options.getSubcommand(true)) {
      case 'set':
        await runSet(interaction, ctx, svc, guildId, now, say);
        return;
      case 'roles':
        await runRoles(interaction, ctx, svc, guildId, now, say);
        return;
      case 'off': {
        await answer(interaction, await turnOffAnnouncements(svc, catalogOf(ctx), guildId, readChannelId(interaction), await offSeason(interaction, ctx, svc, guildId), now, say));
        return;
      }
      case 'default':
        await runDefault(interaction, ctx, svc, guildId, now, say);
        return;
      case 'status': {
        const payload = await statusReply(svc, catalogOf(ctx), guildId, now, 1, say, setWord(interaction, 'channel'));
        if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
        else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
        return;
      }
      case 'preview': {
        const fallback = chooseSeason(interaction, await withServerDefault(ctx, svc, guildId)).entry.id;
        const { post, note } = await previewNext(svc, catalogOf(ctx), guildId, now, say, fallback);
        const first = post?.messages[0] ?? [];
        const count = post?.messages.length ?? 0;
        await answer(interaction, count > 1 ? tr.t('announcements.previewReply.moreMessages', { note, count: tr.number(count) }) : note, [...first]);
        return;
      }
      case 'test':
        await runTest(interaction, svc, guildId, say);
        return;
      default:
        throw new UserError(tr.t('announcements.refuse.unknownSubcommand'));
    }
  },

  // `team` on /announcements set: the same club list as /team.
  autocomplete: teamAutocomplete,

  // ◀ ▶ on /announcements status. The reply is ephemeral, but the rules are checked again anyway.
  async button(interaction, ctx) {
    const say = sayFor(interaction, ctx);
    const page = parseStatusPageId(interaction.customId);
    if (page === null) throw new UserError(say.tr.t('announcements.refuse.oldButton', { status: say.command('status') }));
    if (!interaction.inGuild() || interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true) {
      throw new UserError(say.tr.t('announcements.refuse.statusNeedsManageServer'));
    }
    const svc = ctx.announcements;
    if (svc === undefined) throw new UserError(say.tr.t('announcements.refuse.unavailable'));
    await interaction.update(await statusReply(svc, catalogOf(ctx), interaction.guildId, ctx.now().getTime(), page, say, setWord(interaction, 'channel')));
  },
};

/** The reply's language and the command's words for this interaction. */
const sayFor = (interaction: Parameters<typeof replyTranslator>[0], ctx: CommandContext): Say => {
  const tr: Translator = ctx.tr ?? replyTranslator(interaction, ctx);
  return {
    tr,
    command: (sub) => commandMention(interaction.locale ?? null, 'announcements', sub),
    ...(ctx.i18n === undefined ? {} : { i18n: ctx.i18n }),
  };
};

/** An option of `/announcements set` as the admin's picker names it, in a code span. */
const setWord = (interaction: { readonly locale?: string | null }, option: string): string =>
  commandWord(interaction.locale ?? null, ['announcements', 'options', 'set', 'options', option]);
const code = (text: string): string => `\`${text}\``;

async function runSet(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  ctx: CommandContext,
  svc: AnnouncementsService,
  guildId: string,
  now: number,
  say: Say,
): Promise<void> {
  const { tr } = say;
  const word = (option: string): string => code(setWord(interaction, option));
  const clearWord = (value: string): string => code(`${setWord(interaction, 'clear')}:${setWord(interaction, value)}`);
  const channel = { id: readChannelId(interaction, true) };
  const role = interaction.options.getRole('role');
  if (role !== null && !isDiscordId(role.id)) throw new UserError(tr.t('announcements.refuse.roleInvalid', { role: word('role') }));
  const leadsText = interaction.options.getString('leads');
  const recap = interaction.options.getBoolean('recap') ?? undefined;
  // `results` replaces the old `recap` switch; given both, `results` wins.
  const results = readChoice(interaction, 'results', RESULTS_MODES) ?? undefined;
  const goals = interaction.options.getBoolean('goals') ?? undefined;
  const clear = readChoice(interaction, 'clear', ['role', 'team', 'language'] as const);
  const language = readChoice(interaction, 'language', LANGUAGES);
  const clearRole = clear === 'role';
  // The season: the `competition` given, else the server's default, else the catalog's rule.
  const chosen = chooseSeason(interaction, await withServerDefault(ctx, svc, guildId));
  const team = readTeam(interaction, chosen.season, 'team');

  if (role !== null && role.id === guildId) {
    await answer(interaction, tr.t('announcements.refuse.everyone', { role: word('role') }));
    return;
  }
  if (role !== null && clearRole) {
    await answer(interaction, tr.t('announcements.refuse.roleAndClear', { role: word('role'), clear: clearWord('role') }));
    return;
  }
  if (team !== null && clear === 'team') {
    await answer(interaction, tr.t('announcements.refuse.teamAndClear', { team: word('team'), clear: clearWord('team') }));
    return;
  }
  if (language !== null && clear === 'language') {
    await answer(interaction, tr.t('announcements.refuse.languageAndClear', { language: word('language'), clear: clearWord('language') }));
    return;
  }
  // The posts' language: the one given, the server's again with clear:language, else unchanged.
  const postLanguage = clear === 'language' ? null : (language ?? undefined);
  const teamId = clear === 'team' ? null : (team?.id ?? undefined);
  // Only the options given change: an existing channel keeps the rest (a new one gets the defaults).
  const roleId = clearRole ? null : (role?.id ?? undefined);
  const leadsMs = leadsText === null ? undefined : parseLeadsFor(leadsText, tr);
  const check = await checkAnnouncementChannel(interaction.client, guildId, channel.id, tr);
  if (!check.ok) {
    await answer(interaction, check.reason);
    return;
  }
  const seasonId = chosen.entry.id;
  const result = await setAnnouncements(svc, catalogOf(ctx), { guildId, channelId: channel.id, seasonId, roleId, teamId, language: postLanguage, leadsMs, recap, results, goals }, now, say);
  const warning = role !== null && 'mentionable' in role && !role.mentionable ? `\n${tr.t('announcements.set.roleNotMentionable')}` : '';
  const saved = result.subscription;
  ctx.log.info({ guildId, channelId: channel.id, seasonId, leadsMs: saved.leadsMs, results: saved.results, goals: saved.goals, roleId: saved.roleId, teamId: saved.teamId, language: saved.language, planned: result.planned }, 'announcements set');
  await answer(interaction, result.message + warning);
}

/**
 * The context with the server's default season read from the announcements database, for a context
 * built without `guildSeason` (tests, tools): `set` and `preview` then follow `/announcements default` too.
 */
const withServerDefault = async (ctx: CommandContext, svc: AnnouncementsService, guildId: string): Promise<CommandContext> => {
  if (ctx.guildSeason !== undefined) return ctx;
  const stored = await svc.db.settings.guildSeason(guildId);
  return { ...ctx, guildSeason: (asked) => (asked === guildId ? stored : null) };
};

/**
 * `off`'s season: null (every season) without `competition`; a season the server follows that is no
 * longer loaded can still be named by its id.
 */
async function offSeason(interaction: ChatInputCommandInteraction, ctx: CommandContext, svc: AnnouncementsService, guildId: string): Promise<string | null> {
  const raw = interaction.options.getString(COMPETITION_OPTION);
  if (raw === null || raw.trim() === '') return null;
  if ((await svc.db.settings.listSubscriptions(guildId)).some((s) => s.seasonId === raw)) return raw;
  return chooseSeason(interaction, ctx).entry.id;
}

/**
 * `/announcements default [competition] [clear]`: stores, forgets or shows the server's season. Fan
 * commands and `set` read it (through ctx.guildSeason); channels already set up keep their season.
 */
async function runDefault(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  ctx: CommandContext,
  svc: AnnouncementsService,
  guildId: string,
  now: number,
  say: Say,
): Promise<void> {
  const { tr } = say;
  const catalog = catalogOf(ctx);
  const given = interaction.options.getString(COMPETITION_OPTION);
  const clear = interaction.options.getBoolean('clear') === true;
  const name = (id: string): string => `**${tr.name(escapeText(seasonName(catalog, id)))}**`;
  const competitionWord = code(commandWord(interaction.locale ?? null, ['announcements', 'options', 'default', 'options', COMPETITION_OPTION]));
  // The catalog's rule alone: what the server gets without a choice of its own.
  const automatic = (): string => chooseSeason(interaction, { ...ctx, guildSeason: () => null }).entry.id;
  if (given !== null && given.trim() !== '' && clear) {
    const clearWord = code(commandWord(interaction.locale ?? null, ['announcements', 'options', 'default', 'options', 'clear']));
    await answer(interaction, tr.t('announcements.default.both', { competition: competitionWord, clear: clearWord }));
    return;
  }
  if (clear) {
    await svc.db.settings.clearGuildSeason(guildId);
    ctx.log.info({ guildId }, 'server default season cleared');
    await answer(interaction, tr.t('announcements.default.cleared', { season: name(automatic()) }));
    return;
  }
  if (given === null || given.trim() === '') {
    const stored = await svc.db.settings.guildSeason(guildId);
    const loaded = stored !== null && catalog.list().some((e) => e.id === stored);
    await answer(
      interaction,
      loaded
        ? tr.t('announcements.default.current', { season: name(stored), clear: code(`${say.command('default')} ${commandWord(interaction.locale ?? null, ['announcements', 'options', 'default', 'options', 'clear'])}:True`) })
        : tr.t('announcements.default.none', { season: name(automatic()), competition: competitionWord }),
    );
    return;
  }
  const chosen = chooseSeason(interaction, ctx);
  await svc.db.settings.setGuildSeason(guildId, chosen.entry.id, now);
  ctx.log.info({ guildId, seasonId: chosen.entry.id }, 'server default season set');
  await answer(interaction, tr.t('announcements.default.set', { season: name(chosen.entry.id), set: say.command('set') }));
}

/**
 * The club of `/announcements roles`: looked up in the chosen season (`competition`, else the server's
 * default, else the catalog's rule); without `competition`, a club the default season does not hold is
 * looked up in the other seasons too (a club keeps its id across seasons, and its role serves them all).
 */
async function readClubOfAnySeason(interaction: ChatInputCommandInteraction, ctx: CommandContext, svc: AnnouncementsService, guildId: string): Promise<Team> {
  const chosen = chooseSeason(interaction, await withServerDefault(ctx, svc, guildId));
  try {
    return readTeam(interaction, chosen.season, 'team', true);
  } catch (err) {
    if (interaction.options.getString(COMPETITION_OPTION) !== null) throw err;
    const catalog = catalogOf(ctx);
    for (const entry of catalog.list()) {
      const season = entry.id === chosen.entry.id ? undefined : catalog.get(entry.id);
      if (season === undefined) continue;
      try {
        return readTeam(interaction, season, 'team', true);
      } catch {
        // Not in this season either.
      }
    }
    throw err;
  }
}

/** The role a club's posts mention: it must exist in this server, be mentionable, and not be @everyone. */
async function runRoles(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  ctx: CommandContext,
  svc: AnnouncementsService,
  guildId: string,
  now: number,
  say: Say,
): Promise<void> {
  const { tr } = say;
  const club = await readClubOfAnySeason(interaction, ctx, svc, guildId);
  const role = interaction.options.getRole('role');
  const team = `**${tr.name(escapeText(club.name))}**`;
  const roleWord = tr.name(code(commandWord(interaction.locale ?? null, ['announcements', 'options', 'roles', 'options', 'role'])));
  if (role === null) {
    const removed = await svc.db.clubRoles.clearClubRole(guildId, club.id);
    await answer(interaction, tr.t(removed ? 'announcements.roles.removed' : 'announcements.roles.noneToRemove', { team }));
    return;
  }
  if (!isDiscordId(role.id)) throw new UserError(tr.t('announcements.refuse.roleInvalid', { role: roleWord }));
  if (role.id === guildId) {
    await answer(interaction, tr.t('announcements.roles.everyone'));
    return;
  }
  // A forged payload can name a role that is not (or no longer) in this server: ask the server.
  const exists = interaction.inCachedGuild() ? (interaction.guild.roles.cache.get(role.id) ?? (await interaction.guild.roles.fetch(role.id).catch(() => null))) !== null : true;
  if (!exists) {
    await answer(interaction, tr.t('announcements.roles.missing', { role: roleWord }));
    return;
  }
  if (!('mentionable' in role) || role.mentionable !== true) {
    await answer(interaction, tr.t('announcements.roles.notMentionable'));
    return;
  }
  await svc.db.clubRoles.setClubRole(guildId, club.id, role.id, now);
  ctx.log.info({ guildId, teamId: club.id, roleId: role.id }, 'club role set');
  await answer(interaction, tr.t('announcements.roles.set', { team, mention: `<@&${role.id}>` }));
}

async function runTest(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, svc: AnnouncementsService, guildId: string, say: Say): Promise<void> {
  const { tr } = say;
  let channelId = readChannelId(interaction);
  if (channelId === null) {
    // One channel following several seasons is still one channel.
    const enabled = [...new Set((await svc.db.settings.listSubscriptions(guildId)).filter((s) => s.enabled).map((s) => s.channelId))];
    if (enabled.length !== 1) {
      const channel = code(commandWord(interaction.locale ?? null, ['announcements', 'options', 'test', 'options', 'channel']));
      await answer(interaction, tr.t(enabled.length === 0 ? 'announcements.testReply.noChannel' : 'announcements.testReply.severalChannels', { channel }));
      return;
    }
    channelId = enabled[0]!;
  }
  const check = await checkAnnouncementChannel(interaction.client, guildId, channelId, tr);
  if (!check.ok) {
    await answer(interaction, check.reason);
    return;
  }
  // A fresh nonce per test: the interaction id is unique and fits Discord's 25 characters.
  const { message } = await sendTestMessage(svc, guildId, channelId, `t${interaction.id}`.slice(0, 25), say);
  await answer(interaction, message);
}

/** Every reply of this command is ephemeral; the router has already deferred it. */
async function answer(interaction: ChatInputCommandInteraction, content: string | null, embeds: APIEmbed[] = []): Promise<void> {
  const payload = { content: content === null ? '' : clampContent(content), embeds, allowedMentions: { parse: [] as [] } };
  if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
  else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}

/** The leads: option parsed; a refusal is said in the user's language (input spellings stay code, isolated in Arabic). */
export function parseLeadsFor(text: string, tr: Translator): number[] {
  try {
    return parseLeads(text);
  } catch (error) {
    if (error instanceof LeadsError) throw new UserError(leadsProblemText(error.problem, tr));
    throw error;
  }
}

const leadsProblemText = (problem: LeadsProblem, tr: Translator): string => {
  const code = (text: string): string => tr.name(`\`${text}\``);
  switch (problem.kind) {
    case 'empty':
      return tr.t('announcements.leadsError.empty', { one: code('24h'), two: code('24h,1h') });
    case 'notALead':
      return tr.t('announcements.leadsError.notALead', { part: code(problem.part), a: code('24h'), b: code('2d'), c: code('90m'), d: code('1h30m') });
    case 'outOfRange':
      return tr.t('announcements.leadsError.outOfRange', { part: code(problem.part), min: tr.name(problem.min), max: tr.name(problem.max) });
    case 'tooMany':
      return tr.t('announcements.leadsError.tooMany', { max: tr.number(problem.max) });
  }
};
