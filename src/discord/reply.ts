import { MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import type { UserError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { codeText, escapeText } from './render/text.js';

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

export const userErrorContent = (err: UserError): string => {
  const lines = [escapeMessage(err.message)];
  if (err.suggestions.length > 0) {
    lines.push(`Did you mean: ${err.suggestions.slice(0, 10).map((s) => `**${escapeText(s)}**`).join(', ')}?`);
  }
  return clampContent(lines.join('\n'));
};

/** Never the error's message: a bug's text may carry internals, and the user can do nothing with it. */
export const bugContent = (reference: string): string =>
  `Something went wrong on our side (ref ${reference}). It has been logged; please try again later.`;

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
