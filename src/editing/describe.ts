// One plain line per changed field for the editor's preview: "Score: not known → 2–1".
import type { Goal, Match, Score, Season } from '../domain/types.js';

const FIELD_NAMES: ReadonlyMap<string, string> = new Map([
  ['status', 'Status'],
  ['resultNotPublished', 'Result not published'],
  ['score', 'Score'],
  ['extraTime', 'Extra time'],
  ['penalties', 'Penalties'],
  ['decision', 'Decision'],
  ['goals', 'Goals'],
  ['kickoff', 'Kickoff'],
  ['date', 'Date'],
  ['venue', 'Venue'],
  ['round', 'Round'],
  ['home', 'Home'],
  ['away', 'Away'],
  ['id', 'Season id'],
  ['competition', 'Competition'],
  ['label', 'Season'],
  ['format', 'Format'],
]);

const isScore = (v: unknown): v is Score => typeof v === 'object' && v !== null && 'home' in v && 'away' in v && typeof (v as Score).home === 'number';

/** A field's value in words; team ids are named from the season. */
export function describeValue(season: Season | null, value: unknown): string {
  const name = (id: string): string => season?.teams.find((t) => t.id === id)?.name ?? id;
  if (value === null || value === undefined) return 'not known';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (isScore(value)) return `${value.home}–${value.away}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return (value as Goal[]).map((g) => `${g.player ?? 'unknown scorer'} ${g.minute ?? '?'}'${g.type === 'penalty' ? ' (pen.)' : g.type === 'own_goal' ? ' (o.g.)' : ''} for ${name(g.team)}`).join(', ');
  }
  if (typeof value === 'object') {
    const d = value as { winner?: string; score?: Score | null };
    if (typeof d.winner === 'string') return `to ${name(d.winner)}${d.score ? ` ${d.score.home}–${d.score.away}` : ''}`;
    return JSON.stringify(value);
  }
  return String(value);
}

export function describeChange(season: Season | null, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(after).map((field) => {
    const label = FIELD_NAMES.get(field) ?? field;
    return Object.hasOwn(before, field) ? `${label}: ${describeValue(season, before[field])} → ${describeValue(season, after[field])}` : `${label}: ${describeValue(season, after[field])}`;
  });
}

/**
 * For a goal saved while its match is played (no result yet): "Score so far: Zamalek 1–0 Pyramids FC
 * (no result yet)", the score its alert will give. Null for a match with a result.
 */
export function scoreSoFarLine(season: Season, match: Match): string | null {
  if (match.score !== null || match.status !== 'scheduled') return null;
  const name = (id: string): string => season.teams.find((t) => t.id === id)?.name ?? id;
  const home = match.goals.filter((g) => g.team === match.home).length;
  const away = match.goals.filter((g) => g.team === match.away).length;
  return `Score so far: ${name(match.home)} ${home}–${away} ${name(match.away)} (match in play, no result yet)`;
}
