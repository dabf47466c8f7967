import type { APIEmbed, APIEmbedField } from 'discord.js';

// Turns a Discord message payload (what the bot sends: content, embeds, components, flags) into the
// plain text a terminal can show, the way a Discord client would display it. Pure: no I/O, no clock;
// the time zone, locale and "now" for relative timestamps come in as options.

export interface RenderOptions {
  /** IANA zone for `<t:…>` timestamps; defaults to the process's zone (the TZ env var is respected). */
  readonly timeZone?: string;
  /** Locale for dates; defaults to the process's locale. */
  readonly locale?: string;
  /** "Now" for `<t:…:R>`; the sandbox passes its replay clock so relative times match the bot's world. */
  readonly now?: Date;
  /** Widest line before inline fields stop sitting side by side. */
  readonly width?: number;
  /** Names for mentions; without them mentions are shown literally. */
  readonly names?: MentionNames;
}

export interface MentionNames {
  readonly channel?: (id: string) => string | undefined;
  readonly role?: (id: string) => string | undefined;
  readonly user?: (id: string) => string | undefined;
}

/** The parts of a message payload the renderer reads (API shape, as the stand-in records it). */
export interface MessagePayload {
  readonly content?: string | null;
  readonly embeds?: readonly APIEmbed[] | null;
  readonly components?: readonly unknown[] | null;
  readonly flags?: number | null;
}

/** Something the user can click by typing its number: a button, or one option of a select menu. */
export type MessageAction =
  | {
      readonly kind: 'button';
      readonly key: string;
      readonly customId: string;
      readonly label: string;
      readonly disabled: boolean;
    }
  | {
      readonly kind: 'select';
      readonly key: string;
      readonly customId: string;
      readonly label: string;
      readonly value: string;
      readonly disabled: boolean;
    };

export interface RenderedMessage {
  readonly text: string;
  readonly actions: readonly MessageAction[];
}

export const EPHEMERAL_FLAG = 1 << 6;
const SUPPRESS_EMBEDS_FLAG = 1 << 2;
const LOADING_FLAG = 1 << 7;
export const EPHEMERAL_MARKER = '(only you can see this)';

const EMBED_BAR = '│ ';
const DEFAULT_WIDTH = 100;
const COLUMN_GAP = '   ';

// ——— Timestamps ———

/** One `<t:unix:style>` as Discord shows it to a reader in `timeZone`. Unknown styles fall back to `f`. */
export const formatTimestamp = (unixSeconds: number, style: string, opts: RenderOptions = {}): string => {
  const date = new Date(unixSeconds * 1000);
  if (style === 'R') return formatRelative(date, opts.now ?? new Date(), opts.locale);
  const base: Intl.DateTimeFormatOptions = { timeZone: opts.timeZone, hourCycle: 'h23' };
  const formats: Record<string, Intl.DateTimeFormatOptions> = {
    t: { hour: '2-digit', minute: '2-digit' },
    T: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
    d: { day: '2-digit', month: '2-digit', year: 'numeric' },
    D: { day: 'numeric', month: 'long', year: 'numeric' },
    f: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
    F: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
    s: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' },
    S: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  };
  const format = formats[style] ?? formats.f;
  return new Intl.DateTimeFormat(opts.locale, { ...base, ...format }).format(date);
};

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "in 3 hours", "2 days ago": the largest unit that is at least one whole step, as Discord does. */
export const formatRelative = (date: Date, now: Date, locale?: string): string => {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
};

// ——— Markdown ———

// Private-use characters stand in for escaped punctuation while the markup is stripped.
const ESCAPE_BASE = 0xe000;
const hide = (ch: string): string => String.fromCharCode(ESCAPE_BASE + ch.charCodeAt(0));
const unhideAll = (text: string): string =>
  text.replace(/[\ue000-\ue0ff]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - ESCAPE_BASE));

/**
 * Discord markdown → readable plain text: emphasis markers dropped, headings and quotes simplified,
 * links shown as "text (url)", timestamps in the local zone, mentions shown literally (or by name when
 * known). Code blocks and inline code are kept verbatim, without their fences.
 */
export const renderMarkdown = (text: string, opts: RenderOptions = {}): string => {
  const parts: string[] = [];
  // Split out code first: nothing inside code is markdown.
  const codePattern = /```(?:[\w+-]*\n)?([\s\S]*?)```|`([^`\n]+)`/g;
  let last = 0;
  for (const match of text.matchAll(codePattern)) {
    parts.push(renderProse(text.slice(last, match.index), opts));
    const block = match[1];
    if (block !== undefined) {
      const body = block.replace(/\n$/, '');
      const before = parts.join('');
      // A code block always sits on its own lines, as in Discord.
      parts.push((before.length > 0 && !before.endsWith('\n') ? '\n' : '') + body);
      const after = text.slice(match.index + match[0].length);
      if (after.length > 0 && !after.startsWith('\n')) parts.push('\n');
    } else {
      parts.push(match[2] ?? '');
    }
    last = match.index + match[0].length;
  }
  parts.push(renderProse(text.slice(last), opts));
  return parts.join('');
};

const renderProse = (text: string, opts: RenderOptions): string => {
  if (text.length === 0) return text;
  let out = text.replace(/\\([\\*_~`|>#\-[\]()<:@/.!+=])/g, (_, ch: string) => hide(ch));
  out = out.replace(/\u200b/g, '');
  out = out.replace(/<t:(-?\d+)(?::([a-zA-Z]))?>/g, (_, unix: string, style: string | undefined) =>
    formatTimestamp(Number(unix), style ?? 'f', opts),
  );
  out = renderMentions(out, opts.names);
  // Masked links and bare links in angle brackets.
  out = out.replace(/\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/g, (_, label: string, url: string) =>
    label === url ? url : `${label} (${url})`,
  );
  out = out.replace(/<(https?:\/\/[^\s>]+)>/g, '$1');
  // Line-level markup.
  out = out
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\s*)#{1,3} +/, '$1')
        .replace(/^(\s*)-# +/, '$1')
        .replace(/^>>> ?/, '│ ')
        .replace(/^> ?/, '│ '),
    )
    .join('\n');
  // Inline emphasis, longest markers first.
  out = out
    .replace(/\|\|([\s\S]+?)\|\|/g, '$1')
    .replace(/\*\*\*([\s\S]+?)\*\*\*/g, '$1')
    .replace(/\*\*([\s\S]+?)\*\*/g, '$1')
    .replace(/__([\s\S]+?)__/g, '$1')
    .replace(/~~([\s\S]+?)~~/g, '$1')
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w_])_(?!\s)([^_\n]+?)_(?![\w_])/g, '$1$2');
  return unhideAll(out);
};

const renderMentions = (text: string, names: MentionNames | undefined): string =>
  text
    .replace(/<#(\d+)>/g, (whole, id: string) => {
      const name = names?.channel?.(id);
      return name === undefined ? whole : `#${name}`;
    })
    .replace(/<@&(\d+)>/g, (whole, id: string) => {
      const name = names?.role?.(id);
      return name === undefined ? whole : `@${name}`;
    })
    .replace(/<@!?(\d+)>/g, (whole, id: string) => {
      const name = names?.user?.(id);
      return name === undefined ? whole : `@${name}`;
    })
    .replace(/<\/([\w -]+):\d+>/g, '/$1')
    .replace(/<a?(:\w+:)\d+>/g, '$1');

// ——— Embeds ———

/** Bidi isolates and marks take no column in a terminal: they are kept in the text, not counted. */
const INVISIBLE_BIDI = /[\u200e\u200f\u2066-\u2069]/g;
const lineWidth = (line: string): number => Array.from(line.replace(INVISIBLE_BIDI, '')).length;
/** Right-to-left letters (Arabic, Hebrew…): such a cell is never set beside another on one line. */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const padRight = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - lineWidth(text)));

/** Inline fields sit side by side, up to three to a row, as in Discord; the rest stack. */
const fieldRows = (fields: readonly APIEmbedField[]): APIEmbedField[][] => {
  const rows: APIEmbedField[][] = [];
  let current: APIEmbedField[] = [];
  for (const field of fields) {
    if (field.inline === true && current.length < 3) {
      current.push(field);
      continue;
    }
    if (current.length > 0) rows.push(current);
    current = [];
    if (field.inline === true) current.push(field);
    else rows.push([field]);
  }
  if (current.length > 0) rows.push(current);
  return rows;
};

const renderFieldRow = (row: readonly APIEmbedField[], opts: RenderOptions): string[] => {
  const cells = row.map((field) => [renderMarkdown(field.name, opts), ...renderMarkdown(field.value, opts).split('\n')]);
  const widths = cells.map((lines) => Math.max(...lines.map(lineWidth)));
  const total = widths.reduce((sum, w) => sum + w, 0) + COLUMN_GAP.length * (cells.length - 1);
  // Side by side, a terminal's bidi algorithm could reorder right-to-left cells across the columns:
  // Arabic fields stack, each line whole, as they read on a phone.
  const rtl = cells.some((lines) => lines.some((line) => RTL_LETTER.test(line)));
  if (cells.length === 1 || rtl || total > (opts.width ?? DEFAULT_WIDTH)) {
    return cells.flatMap((lines, i) => (i === 0 ? lines : ['', ...lines]));
  }
  const height = Math.max(...cells.map((lines) => lines.length));
  const lines: string[] = [];
  for (let i = 0; i < height; i += 1) {
    const parts = cells.map((column, c) => {
      const text = column[i] ?? '';
      return c === cells.length - 1 ? text : padRight(text, widths[c] ?? 0);
    });
    lines.push(parts.join(COLUMN_GAP).trimEnd());
  }
  return lines;
};

/** One embed as a block of lines behind a bar, like the coloured edge of a Discord embed. */
export const renderEmbed = (embed: APIEmbed, opts: RenderOptions = {}): string => {
  const blocks: string[][] = [];
  if (embed.author?.name) blocks.push([renderMarkdown(embed.author.name, opts)]);
  if (embed.title) {
    const title = renderMarkdown(embed.title, opts);
    blocks.push([embed.url ? `${title} (${embed.url})` : title]);
  }
  if (embed.description) blocks.push(renderMarkdown(embed.description, opts).split('\n'));
  for (const row of fieldRows(embed.fields ?? [])) blocks.push(renderFieldRow(row, opts));
  if (embed.image?.url) blocks.push([`[image: ${embed.image.url}]`]);
  const footer = [
    embed.footer?.text ? renderMarkdown(embed.footer.text, opts) : null,
    embed.timestamp ? formatTimestamp(Math.floor(Date.parse(embed.timestamp) / 1000), 'f', opts) : null,
  ].filter((part): part is string => part !== null && part.length > 0);
  if (footer.length > 0) blocks.push([footer.join(' • ')]);

  const lines: string[] = [];
  blocks.forEach((block, i) => {
    // The title sits right under the author; every other part is set apart by a blank line.
    if (i > 0 && !(i === 1 && embed.author?.name && embed.title)) lines.push('');
    lines.push(...block);
  });
  return lines.map((line) => (EMBED_BAR + line).trimEnd()).join('\n');
};

// ——— Components ———

interface RawComponent {
  readonly type?: number;
  readonly components?: readonly RawComponent[];
  readonly custom_id?: string;
  readonly label?: string;
  readonly emoji?: { readonly name?: string | null } | null;
  readonly disabled?: boolean;
  readonly url?: string;
  readonly placeholder?: string;
  readonly options?: readonly { readonly label: string; readonly value: string; readonly description?: string }[];
}

const COMPONENT_ACTION_ROW = 1;
const COMPONENT_BUTTON = 2;
const COMPONENT_STRING_SELECT = 3;

const buttonLabel = (c: RawComponent): string =>
  [c.emoji?.name ?? null, c.label ?? null].filter((part): part is string => part !== null && part.length > 0).join(' ') || '(no label)';

/**
 * Buttons as `[1] ◀  [2] page 1/3  [3] ▶` (a disabled one in parentheses), select menus as numbered
 * options `[4.1] …`. Numbering runs across the whole message, so the user can type a number to click.
 */
export const renderComponents = (components: readonly unknown[]): RenderedMessage => {
  const lines: string[] = [];
  const actions: MessageAction[] = [];
  let counter = 0;
  for (const row of components as readonly RawComponent[]) {
    const children = row.type === COMPONENT_ACTION_ROW ? (row.components ?? []) : [row];
    const buttons: string[] = [];
    for (const c of children) {
      if (c.type === COMPONENT_BUTTON) {
        const label = buttonLabel(c);
        if (c.url !== undefined) {
          buttons.push(`[↗ ${label}: ${c.url}]`);
          continue;
        }
        counter += 1;
        const key = String(counter);
        buttons.push(c.disabled === true ? `[${key}] (${label})` : `[${key}] ${label}`);
        actions.push({ kind: 'button', key, customId: c.custom_id ?? '', label, disabled: c.disabled === true });
      } else if (c.type === COMPONENT_STRING_SELECT) {
        counter += 1;
        const menu = String(counter);
        const disabled = c.disabled === true;
        lines.push(`[${menu}] ▾ ${c.placeholder ?? 'Make a selection'}${disabled ? ' (disabled)' : ''}`);
        (c.options ?? []).forEach((option, i) => {
          const key = `${menu}.${i + 1}`;
          const description = option.description ? ` — ${option.description}` : '';
          lines.push(`    [${key}] ${option.label}${description}`);
          actions.push({ kind: 'select', key, customId: c.custom_id ?? '', label: option.label, value: option.value, disabled });
        });
      } else if (c.type !== undefined) {
        lines.push(`[component type ${c.type} not shown]`);
      }
    }
    if (buttons.length > 0) lines.push(buttons.join('  '));
  }
  return { text: lines.join('\n'), actions };
};

// ——— Whole message ———

/** The message as the user would see it: content, then embeds, then components; ephemeral marked. */
export const renderMessage = (payload: MessagePayload, opts: RenderOptions = {}): RenderedMessage => {
  const flags = payload.flags ?? 0;
  const sections: string[] = [];
  if ((flags & LOADING_FLAG) !== 0) sections.push('caf-confed-bot is thinking…');
  if (payload.content) sections.push(renderMarkdown(payload.content, opts));
  if ((flags & SUPPRESS_EMBEDS_FLAG) === 0) {
    for (const embed of payload.embeds ?? []) sections.push(renderEmbed(embed, opts));
  }
  const components = renderComponents(payload.components ?? []);
  if (components.text.length > 0) sections.push(components.text);
  if (sections.length === 0) sections.push('(empty message)');
  if ((flags & EPHEMERAL_FLAG) !== 0) sections.push(EPHEMERAL_MARKER);
  return { text: sections.join('\n'), actions: components.actions };
};
