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
import type { TranslationValues, Translator } from '../../i18n/index.js';
import { dateOnlyText, englishTr, legsHeading, stageHeading, stageTitle } from './words.js';
import { isFinalStage } from '../../domain/format.js';

const KIND_ICONS: Readonly<Record<CalendarEntry['kind'], string>> = { draw: '🎲', matchday: '⚽', leg: '⚽' };
const marker = (relation: CalendarPosition['relation'], tr: Translator): string => tr.t(`schedule.marker.${relation}`);

/** The phases the season files name, by their English name; another phase keeps the data's words. */
const PHASE_KEYS: ReadonlyMap<string, string> = new Map([
  ['Qualifying rounds', 'schedule.phase.qualifying'],
  ['Group stage', 'schedule.phase.group'],
  ['Knockout stage', 'schedule.phase.knockout'],
]);

type Phrase = readonly [key: string, values: TranslationValues];

/** The ways a season file words an entry, as translations of the entry's structured fields. */
const candidates = (entry: CalendarEntry): Phrase[] => {
  const out: Phrase[] = [];
  if (entry.kind === 'leg' && entry.stage !== null && entry.leg !== null) {
    out.push(['schedule.round.legs', { stage: 'stage', legs: 'legs' }]);
  }
  if (entry.kind === 'matchday' && entry.matchday !== null) {
    out.push(['schedule.round.matchday', { n: entry.matchday }]);
    if (entry.stage !== null) out.push(['fixtures.round.matchday', { stage: 'stage', n: entry.matchday }]);
  }
  if (entry.kind === 'draw') out.push(['schedule.draw.qualifying', {}], ['schedule.draw.group', {}], ['schedule.draw.knockout', {}]);
  return out;
};

/**
 * A phrase's values in one language: the stage and legs words are looked up in that language. With the
 * season, its format names a stage the house has no words for and says which round is the final (one tie).
 */
const phraseValues = (entry: CalendarEntry, values: TranslationValues, tr: Translator, season?: HasFormat): TranslationValues => ({
  ...values,
  ...('stage' in values && entry.stage !== null ? { stage: season === undefined ? stageHeading(entry.stage, tr) : stageTitle(season, entry.stage, tr) } : {}),
  ...('legs' in values && entry.leg !== null
    ? { legs: legsHeading(entry.leg, season === undefined || entry.stage === null ? entry.stage !== 'final' : !isFinalStage(season, entry.stage), tr) }
    : {}),
});

type HasFormat = Pick<Season, 'format'>;

/**
 * An entry's name in the reply's language: the phrase whose English wording is the data's own (so the
 * translation says what the source says), else the data's words as they are (isolated right to left).
 */
const roundLabel = (entry: CalendarEntry, tr: Translator, legSuffix = true, season?: HasFormat): string => {
  const en = englishTr();
  const phrase = candidates(entry).find(([key, values]) => en.t(key, phraseValues(entry, values, en, season)) === entry.round);
  if (phrase !== undefined) return escapeText(tr.t(phrase[0], phraseValues(entry, phrase[1], tr, season)));
  const leg = legSuffix && entry.leg !== null && !/\bleg/i.test(entry.round) ? tr.t('schedule.round.leg', { n: entry.leg }) : null;
  return [tr.name(escapeText(entry.round)), leg].filter(Boolean).join(' · ');
};

const phaseLabel = (phase: string, tr: Translator): string => {
  const key = PHASE_KEYS.get(phase);
  return key === undefined ? tr.name(escapeText(phase)) : tr.t(key);
};

/** "Sun 3 Dec 2023 – Sun 10 Dec 2023" in English (as before), the dates in words in other languages. */
const dateRange = (entry: CalendarEntry, tr: Translator): string => {
  if (tr.language === 'en') return formatDateRange(entry.startDate, entry.endDate);
  const start = dateOnlyText(entry.startDate, (iso) => iso, tr);
  return entry.startDate === entry.endDate ? start : `${start} – ${dateOnlyText(entry.endDate, (iso) => iso, tr)}`;
};

/** The day an entry starts, as a relative Discord timestamp ("in 3 days"); dates carry no time, so midnight UTC. */
const relative = (entry: CalendarEntry): string => time(new Date(`${entry.startDate}T00:00:00Z`), TimestampStyles.RelativeTime);

/** One calendar entry: its dates and its name. Editors' notes on the entry are not fan text and stay out. */
export const entryLine = (entry: CalendarEntry, position: CalendarPosition | null, tr: Translator = englishTr(), season?: HasFormat): string => {
  const parts = [`${KIND_ICONS[entry.kind]} ${dateRange(entry, tr)} · ${roundLabel(entry, tr, true, season)}`];
  const marked = position !== null && position.entry.id === entry.id;
  if (marked) parts.push(position.relation === 'next' ? `${marker('next', tr)} (${relative(entry)})` : marker(position.relation, tr));
  return parts.join(' · ');
};

const SCHEDULE_BUDGET = 3800;

/** The season calendar grouped by phase, with the running, next or last event marked. */
export const renderSchedule = (
  season: Season,
  entries: readonly CalendarEntry[],
  position: CalendarPosition | null,
  tr: Translator = englishTr(),
): MessagePayload => {
  const phases = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    const list = phases.get(entry.phase);
    if (list) list.push(entry);
    else phases.set(entry.phase, [entry]);
  }
  const sections: Section[] = [...phases.entries()].map(([phase, list]) => ({
    heading: `**${phaseLabel(phase, tr)}**`,
    lines: list.map((e) => entryLine(e, position, tr, season)),
  }));
  const pages = packSections(sections, SCHEDULE_BUDGET, (heading) => tr.t('paging.continued', { heading }));
  const headline =
    position === null
      ? entries.length === 0
        ? tr.t('schedule.noCalendar')
        : ''
      : tr.t('schedule.headline', { marker: marker(position.relation, tr), round: roundLabel(position.entry, tr, false, season), dates: dateRange(position.entry, tr) });
  const colour = position?.entry.stage ? stageColour(position.entry.stage, season) : SEASON_COLOUR;
  return fitMessage({
    embeds: (pages.length ? pages : ['']).map((page, i) => ({
      ...(i === 0 ? { title: tr.t('schedule.title') } : {}),
      description: i === 0 ? [headline, '', page].join('\n').trim() : page,
      color: colour,
      ...(i === pages.length - 1 || pages.length === 0 ? { footer: seasonFooter(season, tr.t('schedule.footer'), tr) } : {}),
    })),
  });
};
