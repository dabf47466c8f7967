import {
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type SlashCommandStringOption,
} from 'discord.js';
import { UserError } from '../../domain/errors.js';
import { commandMention, commandWord, localized } from '../../i18n/commands.js';
import {
  LANGUAGE_INFO,
  LANGUAGES,
  languageOfLocale,
  resolveLanguage,
  sharedI18n,
  type I18n,
  type Language,
  type ResolvedLanguage,
  type Translator,
} from '../../i18n/index.js';
import { clampContent } from '../reply.js';
import { isDiscordId } from './options.js';
import type { Command, CommandContext } from './types.js';

// /language: the first command whose every reply comes from the resource files (src/i18n/locales),
// in the language the reply resolves to — the template for the others.

const SCOPES = ['me', 'server'] as const;
type Scope = (typeof SCOPES)[number];

const scopeOption = (option: SlashCommandStringOption): SlashCommandStringOption =>
  option
    .setName('scope')
    .setDescription('Just you (default), or the whole server (Manage Server)')
    .addChoices({ name: 'Just me', value: 'me' }, { name: 'This server', value: 'server' });

/** Used only where the composition root gave no i18n (tests that build a bare context). */
const i18nOf = (ctx: CommandContext): I18n => ctx.i18n ?? sharedI18n();

/** The parts of an interaction the language of a reply depends on. */
type LanguageAsker = Pick<ChatInputCommandInteraction, 'user' | 'guildId' | 'locale' | 'guildLocale'>;

/**
 * The language of a reply to this interaction, and why: the user's choice, the server's, the client's
 * locale, the server's locale, English (src/i18n/resolve.ts).
 */
export const replyLanguage = (interaction: LanguageAsker, ctx: CommandContext): ResolvedLanguage => {
  const choices = ctx.languages?.choicesFor(interaction.user.id, interaction.guildId) ?? { user: null, server: null };
  return resolveLanguage({
    userChoice: choices.user,
    serverChoice: choices.server,
    clientLocale: interaction.locale ?? null,
    serverLocale: interaction.guildLocale ?? null,
  });
};

/** The translator for a reply to this interaction. */
export const replyTranslator = (interaction: LanguageAsker, ctx: CommandContext): Translator =>
  i18nOf(ctx).translator(replyLanguage(interaction, ctx).language);

export const language: Command = {
  data: localized(
    new SlashCommandBuilder()
      .setName('language')
      .setDescription('Which language the bot answers in')
      .addSubcommand((s) =>
        s
          .setName('set')
          .setDescription('Choose the language of replies, for you or (Manage Server) for this server')
          .addStringOption((o) =>
            o
              .setName('language')
              .setDescription('The language')
              .setRequired(true)
              // Each language in its own script, so a reader finds theirs whatever the client's language.
              .addChoices(...LANGUAGES.map((l) => ({ name: LANGUAGE_INFO[l].nativeName, value: l }))),
          )
          .addStringOption(scopeOption),
      )
      .addSubcommand((s) => s.setName('show').setDescription('Which language replies use, and why'))
      .addSubcommand((s) =>
        s.setName('reset').setDescription("Forget your own choice, or with scope:server the server's").addStringOption(scopeOption),
      ),
  ),

  async execute(interaction, ctx) {
    const store = ctx.languages;
    if (store === undefined) {
      await answer(interaction, replyTranslator(interaction, ctx).t('language.unavailable'));
      return;
    }
    const subcommand = interaction.options.getSubcommand(true);
    const scope: Scope = subcommand === 'show' ? 'me' : (readOffered(interaction, ctx, 'scope', SCOPES) ?? 'me');

    if (scope === 'server') {
      // default_member_permissions does not apply per option: the rule is checked here, at run time.
      const refusal = serverRefusal(interaction);
      if (refusal !== null) {
        const tr = replyTranslator(interaction, ctx);
        await answer(interaction, tr.t(refusal, words(interaction, tr)));
        return;
      }
    }
    const guildId = interaction.guildId;
    const now = ctx.now().getTime();

    switch (subcommand) {
      case 'set': {
        const chosen = readOffered(interaction, ctx, 'language', LANGUAGES);
        if (chosen === null) throw offeredOnly(interaction, ctx, 'language');
        if (scope === 'server' && guildId !== null) {
          await store.setServer(guildId, chosen, interaction.user.id, now);
          ctx.log.info({ guildId, language: chosen }, 'server language set');
        } else {
          await store.setUser(interaction.user.id, chosen, now);
        }
        const tr = replyTranslator(interaction, ctx);
        const key = scope === 'server' ? 'language.set.server' : 'language.set.me';
        await answer(interaction, tr.t(key, { ...words(interaction, tr), language: languageName(tr, chosen) }));
        return;
      }
      case 'reset': {
        const forgotten = await (scope === 'server' && guildId !== null ? store.clearServer(guildId) : store.clearUser(interaction.user.id));
        const tr = replyTranslator(interaction, ctx);
        const key = `language.reset.${scope === 'server' ? 'server' : 'me'}${forgotten ? '' : 'Nothing'}`;
        await answer(interaction, tr.t(key, { language: languageName(tr, tr.language), reason: reason(interaction, ctx, tr) }));
        return;
      }
      case 'show': {
        const tr = replyTranslator(interaction, ctx);
        const choices = store.choicesFor(interaction.user.id, guildId);
        const lines = [
          tr.t('language.show.inEffect', { language: languageName(tr, tr.language), reason: reason(interaction, ctx, tr) }),
          choices.user === null ? tr.t('language.show.yourChoiceNone') : tr.t('language.show.yourChoice', { language: languageName(tr, choices.user) }),
          ...(guildId === null
            ? []
            : [choices.server === null ? tr.t('language.show.serverChoiceNone') : tr.t('language.show.serverChoice', { language: languageName(tr, choices.server) })]),
          tr.t('language.show.howToChange', words(interaction, tr)),
        ];
        await answer(interaction, lines.join('\n'));
        return;
      }
      default: {
        const tr = replyTranslator(interaction, ctx);
        await answer(interaction, tr.t('language.unknownSubcommand', words(interaction, tr)));
      }
    }
  },
};

/**
 * A choice option's value. The client offers only the choices, but a forged payload can send anything:
 * a value off the list is a user error, in the reply's language, and is never echoed back.
 */
const readOffered = <T extends string>(interaction: ChatInputCommandInteraction, ctx: CommandContext, name: 'language' | 'scope', allowed: readonly T[]): T | null => {
  const raw = interaction.options.getString(name);
  if (raw === null) return null;
  const found = allowed.find((value) => value === raw);
  if (found === undefined) throw offeredOnly(interaction, ctx, name);
  return found;
};

const offeredOnly = (interaction: ChatInputCommandInteraction, ctx: CommandContext, name: 'language' | 'scope'): UserError => {
  const tr = replyTranslator(interaction, ctx);
  const option = commandWord(interaction.locale ?? null, ['language', 'options', 'set', 'options', name]);
  return new UserError(tr.t('language.offeredOnly', { option: tr.name(`\`${option}\``) }));
};

/** Why server scope is refused here, as a resource key; null when it is allowed. */
const serverRefusal = (interaction: ChatInputCommandInteraction): string | null => {
  if (!interaction.inGuild() || !isDiscordId(interaction.guildId)) return 'language.set.serverInDms';
  // memberPermissions is null only in a forged payload: unknown is refused like missing.
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true) return 'language.set.serverNeedsManageServer';
  return null;
};

const languageName = (tr: Translator, language: Language): string => tr.t(`languageNames.${language}`);

/** The commands and option a reply names, as this user's command picker shows them, kept whole in Arabic. */
const words = (interaction: ChatInputCommandInteraction, tr: Translator): Record<'set' | 'show' | 'reset' | 'scope', string> => {
  const code = (text: string): string => tr.name(`\`${text}\``);
  const locale = interaction.locale ?? null;
  return {
    set: code(commandMention(locale, 'language', 'set')),
    show: code(commandMention(locale, 'language', 'show')),
    reset: code(commandMention(locale, 'language', 'reset')),
    scope: code(commandWord(locale, ['language', 'options', 'set', 'options', 'scope'])),
  };
};

/** Why the reply is in its language, in that language. */
const reason = (interaction: ChatInputCommandInteraction, ctx: CommandContext, tr: Translator): string => {
  const { source } = replyLanguage(interaction, ctx);
  const locale = source === 'client' ? interaction.locale : source === 'serverLocale' ? interaction.guildLocale : null;
  const of = languageOfLocale(locale);
  return tr.t(`language.reason.${source}`, of === null ? {} : { language: languageName(tr, of) });
};

/** Every reply of this command is for the user alone. */
async function answer(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  await interaction.reply({ content: clampContent(content), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}
