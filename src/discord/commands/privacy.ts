import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { PURGE_AFTER_DAYS } from '../../db/guild-departures.js';
import { listSubscriptions } from '../../db/guild-settings.js';
import { localized } from '../../i18n/commands.js';
import { LANGUAGE_INFO, type Language } from '../../i18n/languages.js';
import { clampContent } from '../reply.js';
import type { Command, CommandContext } from './types.js';

// /privacy: what the bot stores about the person asking and about this server, and how to have it
// deleted. A short private summary of PRIVACY.md (a reply cannot link a file of this repository: the
// operator publishes the policy). Every sentence is in PRIVACY_TEXT, ready to move to src/i18n/.

export const PRIVACY_TEXT = {
  description: 'What this bot stores about you and this server, and how to delete it',
  title: '**What this bot stores**',
  aboutYou: '__About you__',
  yourLanguage: (language: string | null) =>
    language === null
      ? '• Nothing stored: a language you choose with `/language set` would be kept, with your user id, until you reset it.'
      : `• Your user id and the language you chose (${language}), until you run \`/language reset\`.`,
  yourLanguageUnknown: '• Your user id and your language, only if you chose one with `/language set`; `/language reset` forgets it.',
  yourLogs:
    "• Each command you use writes one log line with your user id, the server id, the command and whether it worked; when an option can't be used, the message you saw (which may quote it). The operator decides how long logs are kept.",
  aboutServer: '__About this server__',
  serverChannels: (count: number) =>
    count === 0
      ? '• No announcement channels are set up here.'
      : `• ${count} announcement channel${count === 1 ? '' : 's'}: the server and channel ids, the settings (role to mention, lead times, recaps) and the posts planned and sent.`,
  serverChannelsUnknown: '• For announcement channels: the server and channel ids, their settings and the posts planned and sent.',
  serverLanguage: (language: string | null) =>
    language === null
      ? '• No server language is set: one chosen with `/language set scope:server` would be kept with the id of the admin who chose it.'
      : `• The server's language (${language}) and the id of the admin who chose it, until \`/language reset scope:server\`.`,
  serverLanguageUnknown: "• The server's language and the id of the admin who chose it, if one was chosen with `/language set scope:server`.",
  inDm: '__In direct messages__ nothing about a server is stored.',
  deleting: '__Deleting it__',
  deleteYours: '• `/language reset` forgets your language choice.',
  deleteServer: (days: number) =>
    `• Server admins: \`/announcements off\` stops the posts; removing the bot deletes the server's settings and its posts ${days} days later (adding it back before then keeps them).`,
  policy: 'The full privacy policy and terms are published by whoever runs this bot.',
} as const;

/** The facts the summary depends on; null where the bot runs without a database. */
export interface PrivacyFacts {
  readonly inGuild: boolean;
  /** The name of the user's stored language choice, null for none; undefined when unknown. */
  readonly userLanguage: string | null | undefined;
  /** Announcement channels stored for this server; undefined when unknown. */
  readonly channels: number | undefined;
  /** The name of this server's language choice, null for none; undefined when unknown or in a DM. */
  readonly serverLanguage?: string | null | undefined;
}

/** The reply's text, from the facts: pure, so a test reads exactly what a user would. */
export const renderPrivacy = (facts: PrivacyFacts): string => {
  const t = PRIVACY_TEXT;
  const lines = [
    t.title,
    t.aboutYou,
    facts.userLanguage === undefined ? t.yourLanguageUnknown : t.yourLanguage(facts.userLanguage),
    t.yourLogs,
    ...(facts.inGuild
      ? [
          t.aboutServer,
          facts.channels === undefined ? t.serverChannelsUnknown : t.serverChannels(facts.channels),
          facts.serverLanguage === undefined ? t.serverLanguageUnknown : t.serverLanguage(facts.serverLanguage),
        ]
      : [t.inDm]),
    t.deleting,
    t.deleteYours,
    t.deleteServer(PURGE_AFTER_DAYS),
    '',
    t.policy,
  ];
  return clampContent(lines.join('\n'));
};

/** A language by its own name ('Français'). */
const nameOf = (language: Language | null): string | null => (language === null ? null : LANGUAGE_INFO[language].nativeName);

const factsFor = (userId: string, guildId: string | null, ctx: CommandContext): PrivacyFacts => {
  const choices = ctx.languages?.choicesFor(userId, guildId);
  return {
    inGuild: guildId !== null,
    // The user's own choice and the server's, each on its own line: neither is the other's.
    userLanguage: choices === undefined ? undefined : nameOf(choices.user),
    serverLanguage: choices === undefined || guildId === null ? undefined : nameOf(choices.server),
    channels: guildId === null || ctx.announcements === undefined ? undefined : listSubscriptions(ctx.announcements.db, guildId).length,
  };
};

export const privacy: Command = {
  // The picker's name and description in every Discord locale we speak: commands.privacy in src/i18n/locales.
  data: localized(new SlashCommandBuilder().setName('privacy').setDescription(PRIVACY_TEXT.description)),

  async execute(interaction, ctx) {
    await interaction.reply({
      content: renderPrivacy(factsFor(interaction.user.id, interaction.guildId, ctx)),
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  },
};
