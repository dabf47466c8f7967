import { MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import { UserError } from '../domain/errors.js';
import type { Translator, TranslationValues } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { codeText, escapeText } from './render/text.js';
import { englishTr } from './render/words.js';

const CONTENT_LIMIT = 2000;

/**
 * Failures of an error reply that are expected and harmless: the interaction expired (3 s / 15 min),
 * or something (another instance, a race) answered it already. Anything else is logged.
 */
const IGNORED_API_CODES: ReadonlySet<unknown> = new Set([
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
  'InteractionAlreadyReplied', // discord.js's own guard, thrown before any request
]);

export const isIgnorableReplyError = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && IGNORED_API_CODES.has(err.code);

/**
 * A UserError's message is plain text that may quote what the user typed (or a forged option), with
 * `code spans` as its only formatting. Outside the spans everything is escaped; inside, backticks
 * cannot occur (they split the spans) and mention syntax is broken, so nothing the user typed can
 * render as markdown, a masked link, a mention or a timestamp.
 */
export const escapeMessage = (message: string): string =>
  message
    .split('`')
    .map((part, i) => (i % 2 === 0 ? escapeText(part) : part === '' ? '' : `\`${codeText(part)}\``))
    .join('');

/**
 * A UserError whose text comes from the resource files: the router renders it in the reply's language.
 * `option` names the option the text quotes; it is shown as the user's command picker shows it.
 * Its `message` is the English text, for the log line.
 */
export class TranslatedUserError extends UserError {
  constructor(
    readonly key: string,
    readonly values: TranslationValues = {},
    suggestions: readonly string[] = [],
    readonly option: string | null = null,
  ) {
    super(translateUserError(englishTr(), key, values, option === null ? null : `\`${option}\``), suggestions);
  }
}

/** Values quoted from the user or the data (a typed team, a forged value) are isolated in a right-to-left reply. */
const translateUserError = (tr: Translator, key: string, values: TranslationValues, option: string | null): string =>
  tr.t(key, {
    ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? tr.name(v) : v])),
    ...(option === null ? {} : { option: tr.name(option) }),
  });

/**
 * The message in the reply's language; `optionName` gives an option's name as the user's picker shows it
 * (the router knows the command and the client's locale).
 */
export const userErrorContent = (err: UserError, tr: Translator = englishTr(), optionName: (name: string) => string = (name) => name): string => {
  const message =
    err instanceof TranslatedUserError
      ? translateUserError(tr, err.key, err.values, err.option === null ? null : `\`${optionName(err.option)}\``)
      : err.message;
  const lines = [escapeMessage(message)];
  if (err.suggestions.length > 0) {
    const list = err.suggestions
      .slice(0, 10)
      .map((s) => `**${tr.name(escapeText(s))}**`)
      .join(tr.t('errors.listSeparator'));
    lines.push(tr.t('errors.didYouMean', { list }));
  }
  return clampContent(lines.join('\n'));
};

/** Never the error's message: a bug's text may carry internals, and the user can do nothing with it. */
export const bugContent = (reference: string, tr: Translator = englishTr()): string => tr.t('errors.bug', { ref: tr.name(reference) });

export const clampContent = (text: string): string =>
  text.length <= CONTENT_LIMIT ? text : `${text.slice(0, CONTENT_LIMIT - 1)}…`;

/**
 * Sends an ephemeral message whatever state the interaction is in, and never throws:
 * - not answered yet → reply;
 * - a deferred slash command (the user sees "thinking…") → editReply replaces the placeholder
 *   (its visibility was fixed by the defer);
 * - already replied, or a deferred component update → followUp, so the original message is kept.
 * Returns whether the message was delivered.
 */
export const sendEphemeral = async (
  interaction: RepliableInteraction,
  content: string,
  log: Logger,
): Promise<boolean> => {
  const payload = { content: clampContent(content), allowedMentions: { parse: [] } };
  try {
    if (interaction.deferred && !interaction.replied && interaction.isChatInputCommand()) {
      await interaction.editReply({ ...payload, embeds: [], components: [] });
    } else if (interaction.deferred || interaction.replied) {
      await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
    } else {
      await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
    }
    return true;
  } catch (err) {
    if (isIgnorableReplyError(err)) {
      log.warn({ interactionId: interaction.id, code: (err as { code: unknown }).code }, 'could not send error reply');
    } else {
      log.error({ err, interactionId: interaction.id }, 'error reply failed');
    }
    return false;
  }
};
