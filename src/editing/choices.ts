// Autocomplete for /edit: matches by club names and aliases, round, leg and date ("zam ber final 2"),
// and the rounds of a season's format for /edit fixture. Discord takes 25 choices, names ≤ 100 characters.
import { roundSlots } from '../domain/edits.js';
import { stageName } from '../domain/format.js';
import { normalizeName } from '../domain/names.js';
import type { Match, Season, Team } from '../domain/types.js';
import type { Choice } from './types.js';

const MAX_CHOICES = 25;

const words = (text: string): string[] => normalizeName(text).split(' ').filter(Boolean);

const teamWords = (team: Team | undefined): string[] => (team === undefined ? [] : [team.name, team.shortName ?? '', ...team.aliases, team.id].flatMap(words));

/** What a match answers to: its clubs, stage, round key, group, matchday, leg, date, id. */
function matchWords(season: Season, match: Match, teams: ReadonlyMap<string, Team>): string[] {
  const stage = stageName(season, match.stage);
  return [
    ...teamWords(teams.get(match.home)),
    ...teamWords(teams.get(match.away)),
    ...words(stage),
    ...words(match.stage),
    ...words(match.id),
    ...(match.group === null ? [] : ['group', ...words(match.group)]),
    ...(match.matchday === null ? [] : ['md', `md${match.matchday}`, String(match.matchday), 'matchday']),
    ...(match.leg === null ? [] : ['leg', `l${match.leg}`, String(match.leg)]),
    ...(match.date === null ? [] : [match.date, ...match.date.split('-')]),
  ];
}

/** "Zamalek v RS Berkane · Final, leg 2 · 2024-05-19" */
export function matchLabel(season: Season, match: Match, teams: ReadonlyMap<string, Team>): string {
  const name = (id: string) => {
    const t = teams.get(id);
    return t?.shortName ?? t?.name ?? id;
  };
  const round = [stageName(season, match.stage), match.group === null ? null : `group ${match.group}`, match.matchday === null ? null : `MD${match.matchday}`, match.leg === null ? null : `leg ${match.leg}`]
    .filter((x) => x !== null)
    .join(', ');
  const result = match.score === null ? '' : ` ${match.score.home}–${match.score.away}`;
  return `${name(match.home)} v ${name(match.away)}${result} · ${round} · ${match.date ?? 'date not known'}`.slice(0, 100);
}

/**
 * Matches whose words cover every word of the query (each a prefix of one of the match's words);
 * the empty query lists the matches nearest `today`. Best first: fewer words left over, then nearest day.
 */
/** Each season's matches with their words and labels, built once per loaded season (autocomplete runs per keystroke). */
const indexes = new WeakMap<Season, { readonly match: Match; readonly words: readonly string[]; readonly label: string }[]>();
const indexOf = (season: Season) => {
  let index = indexes.get(season);
  if (index === undefined) {
    const teams = new Map(season.teams.map((t) => [t.id, t] as const));
    index = season.matches.map((match) => ({ match, words: matchWords(season, match, teams), label: matchLabel(season, match, teams) }));
    indexes.set(season, index);
  }
  return index;
};

export function matchChoicesOf(season: Season, query: string, limit = MAX_CHOICES, today?: string): Choice[] {
  const q = words(query);
  const day = today ?? new Date().toISOString().slice(0, 10);
  const distance = (m: Match): number => (m.date === null ? Number.MAX_SAFE_INTEGER : Math.abs(Date.parse(m.date) - Date.parse(day)));
  const index = indexOf(season);
  const exact = index.find((e) => e.match.id === query.trim());
  const hits = index
    .map((entry) => {
      if (q.length === 0) return { entry, score: 0 };
      let score = 0;
      for (const token of q) {
        if (entry.words.includes(token)) score += 2;
        else if (entry.words.some((w) => w.startsWith(token))) score += 1;
        else return null;
      }
      return { entry, score };
    })
    .filter((x): x is { entry: (typeof index)[number]; score: number } => x !== null)
    .sort((a, b) => b.score - a.score || distance(a.entry.match) - distance(b.entry.match) || a.entry.match.id.localeCompare(b.entry.match.id));
  const ordered = exact === undefined ? hits.map((h) => h.entry) : [exact, ...hits.map((h) => h.entry).filter((e) => e !== exact)];
  return ordered.slice(0, limit).map((e) => ({ name: e.label, value: e.match.id }));
}

/** The rounds of a season's format whose key or label holds every word of the query. */
export function roundChoicesOf(season: Season, query: string): Choice[] {
  const q = words(query);
  return roundSlots(season)
    .filter((slot) => {
      const own = [...words(slot.label), ...words(slot.key), slot.key.toLowerCase()];
      return q.every((token) => own.some((w) => w.startsWith(token)));
    })
    .slice(0, MAX_CHOICES)
    .map((slot) => ({ name: `${slot.label} (${slot.key})`.slice(0, 100), value: slot.key }));
}
