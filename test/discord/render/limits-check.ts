// Every Discord limit a reply must respect, checked on a rendered payload; returns the violations.
import type { APIEmbed } from 'discord.js';
import type { MessagePayload } from '../../../src/discord/render/limits.js';

const embedTexts = (e: APIEmbed): string[] => [
  e.title ?? '',
  e.description ?? '',
  e.footer?.text ?? '',
  e.author?.name ?? '',
  ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
];

export const allText = (payload: MessagePayload): string =>
  [payload.content ?? '', ...payload.embeds.flatMap(embedTexts)].join('\n');

export const limitViolations = (payload: MessagePayload): string[] => {
  const v: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) v.push(what);
  };
  check((payload.content ?? '').length <= 2000, 'content > 2000');
  check(payload.embeds.length <= 10, 'more than 10 embeds');
  check(payload.embeds.length > 0 || (payload.content ?? '').trim().length > 0, 'empty message');
  let total = 0;
  payload.embeds.forEach((e, i) => {
    check((e.title ?? '').length <= 256, `embed ${i}: title > 256`);
    check((e.description ?? '').length <= 4096, `embed ${i}: description > 4096`);
    check(e.description === undefined || e.description.trim().length > 0, `embed ${i}: empty description`);
    check((e.fields ?? []).length <= 25, `embed ${i}: more than 25 fields`);
    for (const f of e.fields ?? []) {
      check(f.name.length >= 1 && f.name.length <= 256, `embed ${i}: field name length ${f.name.length}`);
      check(f.value.length >= 1 && f.value.length <= 1024, `embed ${i}: field value length ${f.value.length}`);
    }
    check((e.footer?.text ?? '').length <= 2048, `embed ${i}: footer > 2048`);
    check((e.author?.name ?? '').length <= 256, `embed ${i}: author > 256`);
    check(embedTexts(e).some((t) => t.trim().length > 0), `embed ${i}: no text`);
    for (const text of embedTexts(e)) check((text.split('```').length - 1) % 2 === 0, `embed ${i}: unbalanced code fence`);
    total += embedTexts(e).reduce((n, t) => n + t.length, 0);
  });
  check(total <= 6000, `total ${total} > 6000`);
  check(payload.components.length <= 5, 'more than 5 action rows');
  const ids = new Set<string>();
  for (const row of payload.components) {
    check(row.components.length <= 5, 'more than 5 components in a row');
    for (const c of row.components) {
      if ('custom_id' in c) {
        check(c.custom_id.length >= 1 && c.custom_id.length <= 100, `custom_id length ${c.custom_id.length}`);
        check(!ids.has(c.custom_id), `duplicate custom_id ${c.custom_id}`);
        ids.add(c.custom_id);
      }
      if ('label' in c && c.label !== undefined) check(c.label.length <= 80, `button label length ${c.label.length}`);
    }
  }
  check(payload.allowedMentions.parse.length === 0, 'mentions allowed');
  return v;
};
