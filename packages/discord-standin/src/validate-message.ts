/**
 * The message limits Discord enforces server-side (resources/message.mdx, "Embed Limits"), so a bot bug
 * shows up here as the same 400 it would get in production: 50035 Invalid Form Body or 50006 empty message.
 */
import { ApiError, ErrorCode, formError } from './errors.js';
import type { Json } from './types.js';

const IS_COMPONENTS_V2 = 1 << 15;

const EMBED_LIMITS: [key: 'title' | 'description', max: number][] = [
  ['title', 256],
  ['description', 4096],
];

const len = (v: unknown) => (typeof v === 'string' ? v.trim().length : 0);
const maxLength = (path: string, max: number) =>
  formError(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);

/** Discord's embed total: title + description + field names/values + footer text + author name. */
export function embedLength(embed: Json): number {
  const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
  const footer = (embed.footer ?? {}) as Json;
  const author = (embed.author ?? {}) as Json;
  return (
    len(embed.title) +
    len(embed.description) +
    fields.reduce((sum, f) => sum + len(f.name) + len(f.value), 0) +
    len(footer.text) +
    len(author.name)
  );
}

function validateEmbed(embed: Json, i: number): void {
  for (const [key, max] of EMBED_LIMITS) if (len(embed[key]) > max) throw maxLength(`embeds.${i}.${key}`, max);
  const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
  if (fields.length > 25) throw maxLength(`embeds.${i}.fields`, 25);
  fields.forEach((f, j) => {
    if (len(f.name) === 0) throw formError(`embeds.${i}.fields.${j}.name`, 'BASE_TYPE_REQUIRED', 'This field is required');
    if (len(f.value) === 0) throw formError(`embeds.${i}.fields.${j}.value`, 'BASE_TYPE_REQUIRED', 'This field is required');
    if (len(f.name) > 256) throw maxLength(`embeds.${i}.fields.${j}.name`, 256);
    if (len(f.value) > 1024) throw maxLength(`embeds.${i}.fields.${j}.value`, 1024);
  });
  if (len((embed.footer as Json | undefined)?.text) > 2048) throw maxLength(`embeds.${i}.footer.text`, 2048);
  if (len((embed.author as Json | undefined)?.name) > 256) throw maxLength(`embeds.${i}.author.name`, 256);
}

function validateComponents(components: Json[], flags: number): void {
  if (flags & IS_COMPONENTS_V2) return; // V2 layouts: only the total count is checked below
  if (components.length > 5) throw maxLength('components', 5);
  components.forEach((row, i) => {
    const children = Array.isArray(row.components) ? (row.components as Json[]) : [];
    if (children.length > 5) throw maxLength(`components.${i}.components`, 5);
    children.forEach((c, j) => {
      if (typeof c.custom_id === 'string' && (c.custom_id.length < 1 || c.custom_id.length > 100)) {
        throw formError(`components.${i}.components.${j}.custom_id`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      }
    });
  });
}

export interface MessageCheck {
  /** Creating (not editing) a message: an empty one is refused with 50006. */
  creating: boolean;
  fileCount: number;
}

export function validateMessageBody(body: Json, check: MessageCheck): void {
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  const components = Array.isArray(body.components) ? (body.components as Json[]) : [];

  if (typeof body.content === 'string' && body.content.length > 2000) throw maxLength('content', 2000);
  if (embeds.length > 10) throw maxLength('embeds', 10);
  embeds.forEach(validateEmbed);
  const total = embeds.reduce((sum, e) => sum + embedLength(e), 0);
  if (total > 6000) throw formError('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  if (typeof body.nonce === 'string' && body.nonce.length > 25) throw maxLength('nonce', 25);
  validateComponents(components, flags);

  if (flags & IS_COMPONENTS_V2 && (len(body.content) > 0 || embeds.length > 0)) {
    throw formError('content', 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'content\' and \'embeds\' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2');
  }

  const allowed = body.allowed_mentions as Json | undefined;
  if (allowed && Array.isArray(allowed.parse)) {
    for (const kind of ['users', 'roles'] as const) {
      if (allowed.parse.includes(kind) && Array.isArray(allowed[kind]) && (allowed[kind] as unknown[]).length > 0) {
        throw formError(`allowed_mentions.parse.${kind}`, 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
      }
    }
  }

  if (!check.creating) return;
  const hasSomething =
    len(body.content) > 0 ||
    embeds.length > 0 ||
    components.length > 0 ||
    check.fileCount > 0 ||
    (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) ||
    body.poll != null;
  if (!hasSomething) throw new ApiError(400, ErrorCode.CannotSendEmptyMessage);
}
