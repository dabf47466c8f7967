import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { PURGE_AFTER_DAYS } from '../../db/guild-departures.js';
import { commandMention, commandWord, localized } from '../../i18n/commands.js';
import type { Translator } from '../../i18n/index.js';
import { englishTr } from '../render/words.js';
import { LANGUAGE_INFO, type Language } from '../../i18n/languages.js';
import { clampContent } from '../reply.js';
import { replyTranslator } from './language.js';
import type { Command, CommandContext } from './types.js';

// /privacy: what the bot stores about the person asking and about this server, and how to have it
// deleted. A short private summary of PRIVACY.md (a reply cannot link a file of this repository: the
// operator publishes the policy). Every sentence is in the resource files (privacy.*), in the reply's language.

/** The commands the summary names, as the user's picker shows them (`/langue choisir` for a French client). */
export interface PrivacyMentions {
  readonly languageSet: string;
  readonly languageReset: string;
  readonly languageSetServer: string;
  readonly languageResetServer: string;
  readonly announcementsOff: string;
}

const mentionsFor = (clientLocale: string | null): PrivacyMentions => {
  const scope = `${commandWord(clientLocale, ['language', 'options', 'set', 'options', 'scope'])}:server`;
  const set = commandMention(clientLocale, 'language', 'set');
  const reset = commandMention(clientLocale, 'language', 'reset');
  return {
    languageSet: `\`${set}\``,
    languageReset: `\`${reset}\``,
    languageSetServer: `\`${set} ${scope}\``,
    languageResetServer: `\`${reset} ${scope}\``,
    announcementsOff: `\`${commandMention(clientLocale, 'announcements', 'off')}\``,
  };
};

/** Every sentence of the summary in one language (the English one is PRIVACY_TEXT). */
export const privacyText = (tr: Translator, mentions: PrivacyMentions = mentionsFor(null)) => {
  const m = Object.fromEntries(Object.entries(mentions).map(([k, v]) => [k, tr.name(v)]));
  // A language's own name is isolated only where it is Latin (« Français » in an Arabic reply).
  const named = (language: string): string => (/[A-Za-z]/.test(language) ? tr.name(language) : language);
  return {
    description: 'What this bot stores about you and this server, and how to delete it',
    title: tr.t('privacy.title'),
    aboutYou: tr.t('privacy.aboutYou'),
    yourLanguage: (language: string | null) =>
      language === null ? tr.t('privacy.yourLanguageNone', m) : tr.t('privacy.yourLanguage', { ...m, language: named(language) }),
    yourLanguageUnknown: tr.t('privacy.yourLanguageUnknown', m),
    yourLogs: tr.t('privacy.yourLogs'),
    aboutServer: tr.t('privacy.aboutServer'),
    serverChannels: (count: number) => (count === 0 ? tr.t('privacy.serverChannelsNone') : tr.t('privacy.serverChannels', { count })),
    serverChannelsUnknown: tr.t('privacy.serverChannelsUnknown'),
    serverLanguage: (language: string | null) =>
      language === null ? tr.t('privacy.serverLanguageNone', m) : tr.t('privacy.serverLanguage', { ...m, language: named(language) }),
    serverLanguageUnknown: tr.t('privacy.serverLanguageUnknown', m),
    inDm: tr.t('privacy.inDm'),
    deleting: tr.t('privacy.deleting'),
    deleteYours: tr.t('privacy.deleteYours', m),
    deleteServer: (days: number) => tr.t('privacy.deleteServer', { ...m, days }),
    policy: tr.t('privacy.policy'),
  } as const;
};

/** The English sentences (the command's description is commands.privacy in the resource files). */
export const PRIVACY_TEXT = privacyText(englishTr());

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
export const renderPrivacy = (facts: PrivacyFacts, tr: Translator = englishTr(), mentions?: PrivacyMentions): string => {
  const t = tr.language === 'en' && mentions === undefined ? PRIVACY_TEXT : privacyText(tr, mentions);
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

const factsFor = async (userId: string, guildId: string | null, ctx: CommandContext): Promise<PrivacyFacts> => {
  const choices = ctx.languages?.choicesFor(userId, guildId);
  return {
    inGuild: guildId !== null,
    // The user's own choice and the server's, each on its own line: neither is the other's.
    userLanguage: choices === undefined ? undefined : nameOf(choices.user),
    serverLanguage: choices === undefined || guildId === null ? undefined : nameOf(choices.server),
    channels: guildId === null || ctx.announcements === undefined ? undefined : (await ctx.announcements.db.settings.listSubscriptions(guildId)).length,
  };
};

export const privacy: Command = {
  // The picker's name and description in every Discord locale we speak: commands.privacy in src/i18n/locales.
  data: localized(new SlashCommandBuilder().setName('privacy').setDescription(PRIVACY_TEXT.description)),

  async execute(interaction, ctx) {
    await interaction.reply({
      content: renderPrivacy(
        await factsFor(interaction.user.id, interaction.guildId, ctx),
        ctx.tr ?? replyTranslator(interaction, ctx),
        mentionsFor(interaction.locale ?? null),
      ),
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  },
};
