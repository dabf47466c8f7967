import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIEmbedField } from 'discord.js';
import { truncate } from './text.js';

/** Discord's message and embed limits (discord-api-docs, "Embed Limits" and "Create Message"). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectLabel: 100,
  selectDescription: 100,
} as const;

/** Shown instead of an empty message (Discord refuses one, and a blank reply helps nobody). */
export const PLACEHOLDER = 'Nothing to show.';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The reply every renderer returns; it fits `reply`, `update` and `editReply` alike. */
export interface MessagePayload {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly components: ActionRow[];
  /** Data text must never ping anyone. */
  readonly allowedMentions: { readonly parse: [] };
}

const FENCE = '```';

/**
 * Truncates markdown without leaving a code block open: a cut inside a fence closes it,
 * so the rest of the message does not turn monospaced.
 */
export const truncateMarkdown = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const closing = `\n${FENCE}`;
  const cut = truncate(text, max);
  if (countFences(cut) % 2 === 0) return cut;
  return `${truncate(text, max - closing.length)}${closing}`;
};

const countFences = (text: string): number => text.split(FENCE).length - 1;

const nonEmpty = (text: string | undefined): text is string => text !== undefined && text.trim().length > 0;

const clampField = (field: APIEmbedField): APIEmbedField => ({
  name: nonEmpty(field.name) ? truncate(field.name, LIMITS.fieldName) : '\u200b',
  value: nonEmpty(field.value) ? truncateMarkdown(field.value, LIMITS.fieldValue) : '\u200b',
  ...(field.inline === undefined ? {} : { inline: field.inline }),
});

/** Enforces every per-embed limit; an embed with no text at all gets the placeholder description. */
export const clampEmbed = (embed: APIEmbed): APIEmbed => {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.title);
  if (out.description !== undefined) out.description = truncateMarkdown(out.description, LIMITS.description);
  if (out.description !== undefined && !nonEmpty(out.description)) delete out.description;
  if (out.title !== undefined && !nonEmpty(out.title)) delete out.title;
  if (out.fields !== undefined) out.fields = out.fields.slice(0, LIMITS.fields).map(clampField);
  if (out.footer !== undefined) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footer) };
  if (out.author !== undefined) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.author) };
  if (!nonEmpty(out.title) && !nonEmpty(out.description) && (out.fields ?? []).length === 0) {
    out.description = PLACEHOLDER;
  }
  return out;
};

/** The characters Discord counts toward the 6000 limit of a message. */
export const embedLength = (embed: APIEmbed): number =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.footer?.text.length ?? 0) +
  (embed.author?.name.length ?? 0) +
  (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);

export const messageLength = (embeds: readonly APIEmbed[]): number => embeds.reduce((sum, e) => sum + embedLength(e), 0);

/** Said in the footer whenever the total limit forced us to drop text, so nothing is cut silently. */
export const SHORTENED_NOTE = 'shortened to fit Discord’s limits';

/** Shrinks the last embeds first (fields, then description) until the message is under `total`. */
const fitTotal = (embeds: APIEmbed[], total: number): APIEmbed[] => {
  const out = embeds.map((e) => ({ ...e, ...(e.fields ? { fields: [...e.fields] } : {}) }));
  for (let i = out.length - 1; i >= 0 && messageLength(out) > total; i--) {
    const embed = out[i]!;
    while (messageLength(out) > total && embed.fields !== undefined && embed.fields.length > 0) {
      embed.fields.pop();
    }
    const over = messageLength(out) - total;
    if (over > 0 && embed.description !== undefined) {
      const room = Math.max(1, embed.description.length - over);
      embed.description = truncateMarkdown(embed.description, room);
    }
    if (messageLength(out) > total && i > 0) out.splice(i, 1);
  }
  return out;
};

const markShortened = (embeds: APIEmbed[]): APIEmbed[] => {
  const last = embeds.at(-1);
  if (last === undefined) return embeds;
  const note = last.footer ? `${truncate(last.footer.text, LIMITS.footer - SHORTENED_NOTE.length - 3)} · ${SHORTENED_NOTE}` : SHORTENED_NOTE;
  return [...embeds.slice(0, -1), { ...last, footer: { ...last.footer, text: note } }];
};

/**
 * The single gate every reply passes: per-embed limits, at most 10 embeds, 6000 characters in total,
 * content ≤ 2000, never an empty message, and no pings.
 */
export const fitMessage = (payload: {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly ActionRow[];
}): MessagePayload => {
  const content = payload.content !== undefined && nonEmpty(payload.content) ? truncateMarkdown(payload.content, LIMITS.content) : undefined;
  let embeds = (payload.embeds ?? []).slice(0, LIMITS.embeds).map(clampEmbed);
  if (messageLength(embeds) > LIMITS.total) {
    // Reserve room for the note (and its separator) before shrinking.
    embeds = markShortened(fitTotal(embeds, LIMITS.total - SHORTENED_NOTE.length - 3));
  }
  if (embeds.length === 0 && content === undefined) embeds = [{ description: PLACEHOLDER }];
  return {
    ...(content === undefined ? {} : { content }),
    embeds,
    components: (payload.components ?? []).slice(0, LIMITS.actionRows),
    allowedMentions: { parse: [] },
  };
};
