import { time, TimestampStyles } from 'discord.js';
import type { CalendarPosition } from '../../domain/calendar.js';
import type { CalendarEntry, Season } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { formatDateRange } from './match-format.js';
import { packSections } from './paging.js';
import type { Section } from './paging.js';
import { SEASON_COLOUR, seasonFooter, stageColour } from './theme.js';
import { escapeText } from './text.js';

const KIND_ICONS: Readonly<Record<CalendarEntry['kind'], string>> = { draw: '🎲', matchday: '⚽', leg: '⚽' };
const MARKERS: Readonly<Record<CalendarPosition['relation'], string>> = {
  current: '🔴 **now**',
  next: '▶️ **next**',
  last: '**most recent**',
};

/** The day an entry starts, as a relative Discord timestamp ("in 3 days"); dates carry no time, so midnight UTC. */
const relative = (entry: CalendarEntry): string => time(new Date(`${entry.startDate}T00:00:00Z`), TimestampStyles.RelativeTime);

/** One calendar entry: its dates and its name. Editors' notes on the entry are not fan text and stay out. */
export const entryLine = (entry: CalendarEntry, position: CalendarPosition | null): string => {
  const label = [entry.round, entry.leg !== null && !/\bleg/i.test(entry.round) ? `leg ${entry.leg}` : null].filter(Boolean).join(' · ');
  const parts = [`${KIND_ICONS[entry.kind]} ${formatDateRange(entry.startDate, entry.endDate)} · ${escapeText(label)}`];
  const marked = position !== null && position.entry.id === entry.id;
  if (marked) parts.push(position.relation === 'next' ? `${MARKERS.next} (${relative(entry)})` : MARKERS[position.relation]);
  return parts.join(' · ');
};

const SCHEDULE_BUDGET = 3800;

/** The season calendar grouped by phase, with the running, next or last event marked. */
export const renderSchedule = (season: Season, entries: readonly CalendarEntry[], position: CalendarPosition | null): MessagePayload => {
  const phases = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    const list = phases.get(entry.phase);
    if (list) list.push(entry);
    else phases.set(entry.phase, [entry]);
  }
  const sections: Section[] = [...phases.entries()].map(([phase, list]) => ({
    heading: `**${escapeText(phase)}**`,
    lines: list.map((e) => entryLine(e, position)),
  }));
  const pages = packSections(sections, SCHEDULE_BUDGET);
  const headline =
    position === null
      ? entries.length === 0
        ? 'No calendar in the data.'
        : ''
      : `${MARKERS[position.relation]}: ${escapeText(position.entry.round)} · ${formatDateRange(position.entry.startDate, position.entry.endDate)}`;
  const colour = position?.entry.stage ? stageColour(position.entry.stage) : SEASON_COLOUR;
  return fitMessage({
    embeds: (pages.length ? pages : ['']).map((page, i) => ({
      ...(i === 0 ? { title: 'Season calendar' } : {}),
      description: i === 0 ? [headline, '', page].join('\n').trim() : page,
      color: colour,
      ...(i === pages.length - 1 || pages.length === 0 ? { footer: seasonFooter(season, 'dates are local match dates') } : {}),
    })),
  });
};
