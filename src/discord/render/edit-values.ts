// A journal or preview value as an editor reads it: "1–0", "not known", a kickoff as a Discord
// timestamp, a goal list in one line. Editors' text: English, field names as the journal keeps them.
import type { Season } from '../../domain/types.js';
import { escapeText, truncate } from './text.js';

type Names = (teamId: string) => string;

/** Team ids to names for one season (the id itself when the season does not know it). */
export const teamNames = (season: Pick<Season, 'teams'> | undefined): Names => {
  const byId = new Map((season?.teams ?? []).map((team) => [team.id, team.shortName ?? team.name]));
  return (id) => byId.get(id) ?? id;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isScore = (value: unknown): value is { home: number; away: number } =>
  isRecord(value) && typeof value.home === 'number' && typeof value.away === 'number';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `<t:unix:f>`: every reader sees the instant in their own time zone. */
export const discordTime = (iso: string): string => `<t:${Math.floor(Date.parse(iso) / 1000)}:f>`;

const goalText = (goal: unknown, names: Names): string => {
  if (!isRecord(goal)) return escapeText(String(goal));
  const player = typeof goal.player === 'string' ? escapeText(goal.player) : 'unknown scorer';
  const minute = typeof goal.minute === 'string' ? ` ${escapeText(goal.minute)}'` : '';
  const type = goal.type === 'penalty' ? ' (pen.)' : goal.type === 'own_goal' ? ' (o.g.)' : '';
  const team = typeof goal.team === 'string' ? `, ${escapeText(names(goal.team))}` : '';
  return `${player}${minute}${type}${team}`;
};

/** One field's value, safe to place in an embed (data text escaped, never a ping). */
export const fieldValueText = (field: string, value: unknown, names: Names): string => {
  if (value === null || value === undefined) return 'not known';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return ISO_INSTANT.test(value) && field !== 'date' ? discordTime(value) : escapeText(value);
  if (isScore(value)) return `${value.home}–${value.away}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    const shown = value.slice(0, 4).map((item) => (field === 'goals' ? goalText(item, names) : fieldValueText(field, item, names)));
    return `${shown.join('; ')}${value.length > 4 ? `; and ${value.length - 4} more` : ''}`;
  }
  if (isRecord(value) && typeof value.winner === 'string') {
    const score = isScore(value.score) ? ` ${value.score.home}–${value.score.away}` : '';
    return `decided for ${escapeText(names(value.winner))}${score}`;
  }
  if (isRecord(value) && isRecord(value.match) && typeof value.match.home === 'string' && typeof value.match.away === 'string') {
    const match = value.match;
    const date = typeof match.date === 'string' ? `, ${match.date}` : '';
    return `${escapeText(names(match.home as string))} v ${escapeText(names(match.away as string))}${date}`;
  }
  return escapeText(truncate(JSON.stringify(value), 200));
};

/** "score: not known → 1–0" per field that differs, in the order the journal keeps them. */
export const changeLines = (before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, names: Names): string[] => {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => `${field}: ${fieldValueText(field, before[field], names)} → ${fieldValueText(field, after[field], names)}`);
};
