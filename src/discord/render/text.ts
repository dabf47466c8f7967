import { escapeMarkdown } from 'discord.js';
import { memoByString } from '../../domain/memo.js';

const ZWSP = '\u200b';

/** Characters no markdown, heading, list, link or mention rule acts on. */
const PLAIN_TEXT = /^[\p{L}\p{M}\p{N} .,'’\u2013\u2014&]*$/u;
/** "1. " at the start reads as a numbered list. */
const NUMBERED_LIST_START = /^ *\d+\./;

const escapeOnce = (text: string): string => {
  // Most names are plain (letters, digits, spaces, a dot or an apostrophe): nothing below would change
  // them, and escapeMarkdown's dozen regular expressions cost a fifth of a millisecond per reply.
  if (PLAIN_TEXT.test(text) && !NUMBERED_LIST_START.test(text)) return text;
  const oneLine = text.replace(/[\r\n\t]+/g, ' ');
  const escaped = escapeMarkdown(oneLine, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return neutraliseMentions(escaped)
    .replace(/^>/, '\\>')
    .replace(/^-#/, '\\-#');
};

/**
 * Makes text from the data safe to place in markdown: no formatting, no pings, no mentions.
 * Newlines are folded so a name cannot start a heading, quote or list on its own line. Kept per text,
 * bounded: the same names (clubs, players, associations) are escaped in reply after reply.
 */
export const escapeText = memoByString(20_000, escapeOnce);

/** `@everyone`/`@here` get a zero-width space; `<@…>`, `<#…>`, `<:…>`, `<t:…>`, `</…>` lose their meaning. */
export const neutraliseMentions = (text: string): string =>
  text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(?=[@#:/]|a:|t:|id:)/gi, '\\<');

/**
 * Text placed inside a code block: no backticks (they could close it), no newlines, and mention
 * syntax broken by an invisible zero-width space (a backslash would show there).
 */
export const codeText = (text: string): string =>
  text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/`/g, "'")
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(?=[@#:/]|a:|t:|id:)/gi, `<${ZWSP}`);

/** Cuts to at most `max` characters (code points kept whole), ending with `…` when cut. */
export const truncate = (text: string, max: number): string => {
  if (max <= 0) return '';
  // Most text fits: checked before splitting it into code points (an array per call, on every field of every reply).
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
};

/** Left-aligned cell of a fixed width for monospaced tables. */
export const padEnd = (text: string, width: number): string => {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - Array.from(cut).length));
};

/** Right-aligned cell of a fixed width for monospaced tables. */
export const padStart = (text: string, width: number): string => {
  const cut = truncate(text, width);
  return ' '.repeat(Math.max(0, width - Array.from(cut).length)) + cut;
};

/** One plural helper for every renderer (see words.ts). */
export { plural } from './words.js';
