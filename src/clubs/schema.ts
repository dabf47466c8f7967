// data/clubs.json: one record per club across seasons, so a club keeps its identity when a season
// names it differently. A club is known by its name or an alias AND its association's code: two
// clubs of different associations may share a name ("AS Douanes" of Niger and of Burkina Faso).
import { z } from 'zod';
import { normalizeName } from '../domain/names.js';

const text = z.string().trim().min(1, { error: 'must not be empty' });
const code = z.string().regex(/^[A-Z]{3}$/, { error: 'expected a three-letter association code like "MAR"' });

export const clubAssociationSchema = z.strictObject({
  code,
  /** The association's name as season files write it ("DR Congo"). */
  name: text,
  sources: z.array(text).default([]),
});

export const clubSchema = z.strictObject({
  /** A stable slug: it does not change when the club's name does. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a slug like "rs-berkane"' }),
  name: text,
  shortName: text.nullable().default(null),
  aliases: z.array(text).default([]),
  /** The association's code (see `associations`). */
  association: code,
  /** The club's name in other languages, where it differs (for the languages issue). */
  names: z.strictObject({ fr: text.optional(), ar: text.optional(), pt: text.optional() }).optional(),
  sources: z.array(text).default([]),
});

export const clubsFileSchema = z.strictObject({
  $comment: text.optional(),
  associations: z.array(clubAssociationSchema),
  clubs: z.array(clubSchema),
});

export type Club = z.infer<typeof clubSchema>;
export type ClubInput = z.input<typeof clubSchema>;
export type ClubAssociation = z.infer<typeof clubAssociationSchema>;
export type ClubsFile = z.infer<typeof clubsFileSchema>;

/** Every problem in a clubs file: the schema's, then unique ids and codes, and names or aliases two clubs of one association share. */
export function checkClubs(json: unknown): { ok: true; file: ClubsFile } | { ok: false; problems: string[] } {
  const parsed = clubsFileSchema.safeParse(json);
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
