// Which club of data/clubs.json a printed name is. Pure. A name matches a club by its name or an
// alias (compared as fans' look-ups compare names: case, accents, punctuation ignored) AND by the
// association code printed with it, so "AS Douanes (BFA)" is never Niger's AS Douanes.
import { normalizeName } from '../domain/names.js';
import { teamSlug } from '../season/slug.js';
import type { Club } from './schema.js';

export type ClubMatch =
  | { readonly kind: 'known'; readonly club: Club }
  /** No club has this name in this association: a new club (clubs of other associations with the same name are listed). */
  | { readonly kind: 'new'; readonly sameNameElsewhere: readonly Club[] }
  /** Two or more clubs fit (a name printed without its association): clubs.json must say which. */
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Club[] };

export interface ClubIndex {
  readonly match: (name: string, association: string | null) => ClubMatch;
}

export function indexClubs(clubs: readonly Club[]): ClubIndex {
  const byName = new Map<string, Club[]>();
  for (const club of clubs) {
    const keys = new Set([club.name, ...club.aliases].map(normalizeName));
    for (const key of keys) byName.set(key, [...(byName.get(key) ?? []), club]);
  }
  return {
    match(name, association) {
      const named = byName.get(normalizeName(name)) ?? [];
      const fits = association === null ? named : named.filter((c) => c.association === association);
      const [only, ...more] = fits;
      if (only && more.length === 0) return { kind: 'known', club: only };
      if (only) return { kind: 'ambiguous', candidates: fits };
      return { kind: 'new', sameNameElsewhere: named };
    },
  };
}

/** A slug for a new club: from its name, with the association's code when the plain slug is taken. */
export function newClubId(name: string, association: string, taken: ReadonlySet<string>): string {
  const base = teamSlug(name) || 'club';
  if (!taken.has(base)) return base;
  const withCode = `${base}-${association.toLowerCase()}`;
  if (!taken.has(withCode)) return withCode;
  for (let n = 2; ; n += 1) if (!taken.has(`${withCode}-${n}`)) return `${withCode}-${n}`;
}
