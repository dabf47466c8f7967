// Club names in a reply's language: data/clubs.json's `names` (each with its sources), keyed by the name
// (and short name) seasons print for the club. A season team IS its club's name: the importer writes `club.name` for every
// team it maps (name-or-alias AND association), and the hand-made season's teams carry their clubs' names
// (test/clubs/names.test.ts checks every season file in data/). The Translator applies this map in name().
import { readFileSync } from 'node:fs';
import { fromPackageRoot } from '../package-root.js';
import { checkClubs, NAME_LANGUAGES, type Club } from './schema.js';

export type NameLanguage = (typeof NAME_LANGUAGES)[number];

/** Per language, the club's printed name or short name → its name in that language. Languages without names are absent. */
export type ClubNames = ReadonlyMap<NameLanguage, ReadonlyMap<string, string>>;

export const NO_CLUB_NAMES: ClubNames = new Map();

/**
 * The names by language. A name or short name two clubs share (of different associations: "AS Douanes")
 * says nothing about which club is meant, so it gets no translation: the reply keeps it as printed.
 */
export function clubNamesByLanguage(clubs: readonly Club[]): ClubNames {
  // A reply prints a club's name, or its short name where space is tight (fixture lines): both lead to it.
  const printedNames = (club: Club): string[] => [...new Set([club.name, ...(club.shortName === null ? [] : [club.shortName])])];
  const owners = new Map<string, number>();
  for (const club of clubs) for (const printed of printedNames(club)) owners.set(printed, (owners.get(printed) ?? 0) + 1);
  const byLanguage = new Map<NameLanguage, Map<string, string>>();
  for (const club of clubs) {
    for (const language of NAME_LANGUAGES) {
      const name = club.names?.[language];
      if (name === undefined) continue;
      let names = byLanguage.get(language);
      if (names === undefined) byLanguage.set(language, (names = new Map()));
      for (const printed of printedNames(club)) if (owners.get(printed) === 1) names.set(printed, name);
    }
  }
  return byLanguage;
}

export const CLUBS_FILE = fromPackageRoot('data', 'clubs.json');

let bundled: ClubNames | null = null;
/** The names of the clubs file shipped with the bot, read and checked once per process. */
export function bundledClubNames(): ClubNames {
  if (bundled !== null) return bundled;
  const checked = checkClubs(JSON.parse(readFileSync(CLUBS_FILE, 'utf8')) as unknown);
  if (!checked.ok) throw new Error(`${CLUBS_FILE} has ${checked.problems.length} problem(s):\n  - ${checked.problems.join('\n  - ')}`);
  return (bundled = clubNamesByLanguage(checked.file.clubs));
}
