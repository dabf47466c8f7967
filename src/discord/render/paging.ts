import { ButtonStyle, ComponentType } from 'discord.js';
import type { ActionRow } from './limits.js';
import { LIMITS } from './limits.js';
import { truncate } from './text.js';

/** A titled block of lines (a round of fixtures); kept together on a page when it fits. */
export interface Section {
  readonly heading: string;
  readonly lines: readonly string[];
}

/**
 * Packs sections into page texts of at most `budget` characters. A section too long for the rest of
 * a page continues on the next one under its heading marked "(cont.)", so no line is ever dropped.
 */
export const packSections = (
  sections: readonly Section[],
  budget: number,
  continued: (heading: string) => string = (heading) => `${heading} (cont.)`,
): string[] => {
  const pages: string[] = [];
  let current = '';
  const push = (): void => {
    if (current.length > 0) pages.push(current);
    current = '';
  };
  const append = (block: string): boolean => {
    const next = current.length === 0 ? block : `${current}\n\n${block}`;
    if (next.length > budget) return false;
    current = next;
    return true;
  };
  for (const section of sections) {
    const whole = [section.heading, ...section.lines].join('\n');
    if (append(whole)) continue;
    if (whole.length <= budget) {
      push();
      append(whole);
      continue;
    }
    let block = [section.heading];
    for (const rawLine of section.lines) {
      // A single line longer than a page is the one case where cutting beats failing.
      const line = truncate(rawLine, Math.max(1, budget - section.heading.length - 10));
      const used = current.length === 0 ? 0 : current.length + 2;
      if (used + [...block, line].join('\n').length > budget) {
        if (block.length > 1) {
          append(block.join('\n'));
          block = [continued(section.heading)];
        }
        push();
      }
      block.push(line);
    }
    append(block.join('\n'));
  }
  push();
  return pages;
};

/** Clamps a requested page (from a button that may predate a data reload) to the pages that exist. */
export const clampPage = (page: number, pageCount: number): number =>
  Math.min(Math.max(1, Number.isFinite(page) ? Math.trunc(page) : 1), Math.max(1, pageCount));

/**
 * ◀ page x/y ▶. `idFor(page)` builds the custom_id that carries the full state for a page, so buttons
 * keep working after a restart. The middle button is a disabled label with its own unique id.
 */
export const pagerRow = (
  page: number,
  pageCount: number,
  idFor: (page: number, role: 'go' | 'label') => string,
  label = `page ${page}/${pageCount}`,
): ActionRow => ({
  type: ComponentType.ActionRow,
  components: [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: '◀',
      custom_id: checkId(idFor(page - 1, 'go')),
      disabled: page <= 1,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label,
      custom_id: checkId(idFor(page, 'label')),
      disabled: true,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: '▶',
      custom_id: checkId(idFor(page + 1, 'go')),
      disabled: page >= pageCount,
    },
  ],
});

/** A custom_id over 100 characters is a bug in its encoder, not something to cut silently. */
export const checkId = (id: string): string => {
  if (id.length === 0 || id.length > LIMITS.customId) throw new Error(`custom_id must be 1–${LIMITS.customId} chars: ${id}`);
  return id;
};

/** Packs plain lines into page texts of at most `budget` characters (a longer line is cut). */
export const packLines = (lines: readonly string[], budget: number): string[] => {
  const pages: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const raw of lines) {
    const line = truncate(raw, budget);
    if (current.length > 0 && size + 1 + line.length > budget) {
      pages.push(current.join('\n'));
      current = [];
      size = 0;
    }
    size += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0) pages.push(current.join('\n'));
  return pages;
};
