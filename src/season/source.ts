// A season file may name the source that keeps it current (src/sources/ polls it):
//   "source": { "url": "https://…/cl.txt", "format": "football.txt", "every": "15m" }
// The bot polls the URL every `every` (conditional requests, back-off on errors), reads the body in
// the given format and replaces the season only when the result is a valid season.
// Here, beside the file's schema, because the season file holds it and src/sources/ reads season
// files: defined in src/sources/, the two folders would import each other.
import * as z from 'zod';
import { once } from '../domain/memo.js';

export const SOURCE_FORMATS = ['football.txt', 'season-json'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
const EVERY = /^(\d{1,5})(s|m|h)$/;
/** Polling faster than this only loads the source; slower than a day is not keeping a season current. */
export const MIN_EVERY_MS = 10_000;
export const MAX_EVERY_MS = 86_400_000;

/** `"15m"` → 900000; null when the text is not `<n>s`, `<n>m` or `<n>h`. */
export const durationMs = (text: string): number | null => {
  const found = EVERY.exec(text);
  if (found === null) return null;
  return Number(found[1]) * UNIT_MS[found[2] as keyof typeof UNIT_MS];
};

// Built at the first file checked, not when the module loads: a restart whose files are unchanged
// validates none, and every zod schema holds dozens of closures (about 1 MiB of heap for the season
// file's ~330 schemas, issue 15).
export const seasonSourceSchema = once(() => {
  const text = z.string().trim().min(1, { error: 'must not be empty' });
  return z
    .strictObject({
      url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
      format: z.enum(SOURCE_FORMATS, { error: `expected one of ${SOURCE_FORMATS.map((f) => `"${f}"`).join(', ')}` }),
      every: z
        .string()
        .default('15m')
        .refine((t) => durationMs(t) !== null, { error: 'expected a duration like "30s", "15m" or "1h"' })
        .refine((t) => {
          const ms = durationMs(t) ?? 0;
          return ms >= MIN_EVERY_MS && ms <= MAX_EVERY_MS;
        }, { error: 'expected a duration between 10s and 24h' }),
      /**
       * football.txt only, when the file's group round names no letters: the letters as a groups file
       * gives them to `npm run data:import -- --groups` (team names as the file prints them).
       */
      groups: z
        .strictObject({
          groups: z.record(z.string().regex(/^[A-Z]$/, { error: 'expected a group letter' }), z.array(text).min(1)),
          sources: z.array(text).min(1, { error: 'needs at least one source' }),
        })
        .nullable()
        .default(null),
    })
    .refine((s) => s.format === 'football.txt' || s.groups === null, { error: 'groups apply to a football.txt source only', path: ['groups'] });
});

export type SeasonSource = z.infer<ReturnType<typeof seasonSourceSchema>>;
export type SeasonSourceInput = z.input<ReturnType<typeof seasonSourceSchema>>;
