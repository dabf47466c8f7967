// data/clubs.json: one record per club across seasons, so a club keeps its identity when a season
// names it differently. A club is known by its name or an alias AND its association's code: two
// clubs of different associations may share a name ("AS Douanes" of Niger and of Burkina Faso).
import * as z from 'zod';
import { once } from '../domain/memo.js';
import { normalizeName } from '../domain/names.js';

/** The languages `names` may hold (English is the club's `name`). */
export const NAME_LANGUAGES = ['fr', 'ar', 'pt'] as const;

// Built at the first clubs file checked, not when the module loads (see seasonSourceSchema in
// src/season/source.ts).
export const clubSchemas = once(() => {
  const text = z.string().trim().min(1, { error: 'must not be empty' });
  const code = z.string().regex(/^[A-Z]{3}$/, { error: 'expected a three-letter association code like "MAR"' });

  const clubAssociationSchema = z.strictObject({
    code,
    /** The association's name as season files write it ("DR Congo"). */
    name: text,
    sources: z.array(text).default([]),
  });

  const clubSchema = z.strictObject({
    /** A stable slug: it does not change when the club's name does. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a slug like "rs-berkane"' }),
    name: text,
    shortName: text.nullable().default(null),
    aliases: z.array(text).default([]),
    /** The association's code (see `associations`). */
    association: code,
    /**
     * The club's name as fans in another language know it, where a source gives one and it differs
     * ("الزمالك"): replies in that language use it in sentences (never in monospace tables).
     */
    names: z.strictObject({ fr: text.optional(), ar: text.optional(), pt: text.optional() }).optional(),
    /** Where each of `names` comes from: one or more citations per language given. */
    nameSources: z
      .strictObject({ fr: z.array(text).min(1).optional(), ar: z.array(text).min(1).optional(), pt: z.array(text).min(1).optional() })
      .optional(),
    sources: z.array(text).default([]),
  });

  const clubsFileSchema = z.strictObject({
    $comment: text.optional(),
    associations: z.array(clubAssociationSchema),
    clubs: z.array(clubSchema),
  });

  return { clubAssociationSchema, clubSchema, clubsFileSchema };
});
type ClubSchemas = ReturnType<typeof clubSchemas>;

export type Club = z.infer<ClubSchemas['clubSchema']>;
export type ClubInput = z.input<ClubSchemas['clubSchema']>;
export type ClubAssociation = z.infer<ClubSchemas['clubAssociationSchema']>;
export type ClubsFile = z.infer<ClubSchemas['clubsFileSchema']>;

/** Every problem in a clubs file: the schema's, then unique ids and codes, and names or aliases two clubs of one association share. */
export function checkClubs(json: unknown): { ok: true; file: ClubsFile } | { ok: false; problems: string[] } {
  const parsed = clubSchemas().clubsFileSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '$'}: ${i.message}`) };
  }
  const file = parsed.data;
  const problems: string[] = [];
  const codes = new Map<string, number>();
  file.associations.forEach((a, i) => {
    const other = codes.get(a.code);
    if (other !== undefined) problems.push(`associations[${i}].code: "${a.code}" is also associations[${other}]`);
    else codes.set(a.code, i);
  });
  const ids = new Map<string, number>();
  /** `${code}|${normalized name}` → the club that owns it. */
  const owners = new Map<string, { index: number; name: string }>();
  file.clubs.forEach((club, i) => {
    const other = ids.get(club.id);
    if (other !== undefined) problems.push(`clubs[${i}].id: "${club.id}" is also clubs[${other}].id`);
    else ids.set(club.id, i);
    if (!codes.has(club.association)) problems.push(`clubs[${i}].association: "${club.association}" is not in associations[]`);
    if (club.shortName !== null && club.shortName.length >= club.name.length) problems.push(`clubs[${i}].shortName: "${club.shortName}" must be shorter than the name`);
    problems.push(...nameProblems(club, i));
    const mine = new Set<string>();
    for (const label of [club.name, ...club.aliases]) {
      const key = normalizeName(label);
      if (mine.has(key)) {
        problems.push(`clubs[${i}] (${club.name}): "${label}" repeats another of its names`);
        continue;
      }
      mine.add(key);
      const owner = owners.get(`${club.association}|${key}`);
      if (owner) problems.push(`clubs[${i}] (${club.name}): "${label}" is also a name of clubs[${owner.index}] (${owner.name}) of the same association ${club.association}`);
      else owners.set(`${club.association}|${key}`, { index: i, name: club.name });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file };
}

/** Every name in another language has its sources and is one of the club's aliases (so fans can type it); every source list has its name. */
function nameProblems(club: Club, i: number): string[] {
  const problems: string[] = [];
  const known = new Set([club.name, ...club.aliases].map(normalizeName));
  for (const language of NAME_LANGUAGES) {
    const name = club.names?.[language];
    const sources = club.nameSources?.[language];
    const at = `clubs[${i}] (${club.name})`;
    if (name !== undefined && sources === undefined) problems.push(`${at}.names.${language}: "${name}" needs its sources in nameSources.${language}`);
    if (name === undefined && sources !== undefined) problems.push(`${at}.nameSources.${language}: sources for a name that names.${language} does not give`);
    if (name === undefined) continue;
    if (name === club.name) problems.push(`${at}.names.${language}: "${name}" is the club's name; give names only where they differ`);
    else if (!known.has(normalizeName(name))) problems.push(`${at}.names.${language}: "${name}" is not among the club's aliases; add it there too, so fans can look the club up by it`);
  }
  return problems;
}
