// Pure string helpers shared by the season file and the domain layer (no fs, no zod).

const COMBINING_MARKS = /\p{M}+/gu;

/**
 * The stable team id derived from a canonical name: lower-case ASCII, diacritics stripped,
 * every run of other characters turned into one `-`, no leading or trailing `-`.
 * `Académica do Lobito` → `academica-do-lobito`, `Dreams F.C.` → `dreams-f-c`.
 * Returns '' for a name with no ASCII letter or digit (the season parser rejects such a name).
 */
export function teamSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The form two names are compared in (duplicate checks, alias look-ups): case, diacritics and
 * punctuation ignored, letters of every script kept, so Arabic or Amharic aliases stay distinct.
 * `Al-Hilal SC` and `al hilal sc` share a key; `الزمالك` keeps its own.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
