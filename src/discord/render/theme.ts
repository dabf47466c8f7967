import type { APIEmbed } from 'discord.js';
import { isKnownStage, STAGES, type KnownStage, type Season, type Stage } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { seasonNotice } from './season-notice.js';
import { isFinalStage, stageFormat, stageOrdinal } from '../../domain/format.js';
import { innerWeakMap } from '../../domain/memo.js';
import { englishTr } from './words.js';

/** One colour per stage so a fan recognises the phase at a glance. */
export const STAGE_COLOURS: Readonly<Record<KnownStage, number>> = {
  first_round: 0x607d8b,
  second_round: 0x78909c,
  group: 0x2e7d32,
  quarter_final: 0xef6c00,
  semi_final: 0x6a1b9a,
  final: 0xc9a227,
};

/** For replies that span the whole season (calendar, rankings, about). */
export const SEASON_COLOUR = 0x1565c0;

/** The CAF stage whose colour a stage of another code wears, from the season's format: by its kind, the final by its place. */
const colourOf = (season: Pick<Season, 'format'>, stage: Stage): KnownStage | null => {
  const format = stageFormat(season, stage);
  if (format === undefined) return null;
  if (format.kind === 'group') return 'group';
  if (isFinalStage(season, stage)) return 'final';
  return format.kind === 'qualifying' ? 'first_round' : 'quarter_final';
};

/**
 * `isKnownStage` (Object.hasOwn): a stage the house has no colour for gets the colour of the CAF stage
 * its format makes it like (when the season is given), else the season colour (a forged option too),
 * never a prototype member.
 */
export const stageColour = (stage: Stage | null | undefined, season?: Pick<Season, 'format'>): number => {
  if (stage === null || stage === undefined) return SEASON_COLOUR;
  if (isKnownStage(stage)) return STAGE_COLOURS[stage];
  const like = season === undefined ? null : colourOf(season, stage);
  return like === null ? SEASON_COLOUR : STAGE_COLOURS[like];
};

/** The colour of the latest stage among the given ones (a team's path shows where it ended); the season's order when given. */
export const latestStageColour = (stages: readonly Stage[], season?: Pick<Season, 'format'>): number => {
  const order: readonly Stage[] = STAGES;
  const rank = (s: Stage): number => (season === undefined ? order.indexOf(s) : stageOrdinal(season, s));
  // The highest rank; of stages ranked alike, the last given (as a stable sort's last element).
  let last: Stage | undefined;
  let lastRank = Number.NEGATIVE_INFINITY;
  for (const stage of stages) {
    const r = rank(stage);
    if (r >= lastRank) {
      last = stage;
      lastRank = r;
    }
  }
  return stageColour(last, season);
};

/**
 * "CAF Champions League 2023–24": the competition and the season's label (en dash between the years),
 * as footers and the competition picker name a season. The label is the season file's, else the years
 * the season's name carries; the name alone when it has neither.
 */
export const competitionSeasonTitle = (competition: string, label: string): string =>
  plainText(`${competition} ${label.replace(/^(\d{4})-(\d{2,4})$/, '$1–$2')}`).trim();

export const seasonLabel = (season: Season): string | null => {
  if (season.label !== '') return season.label;
  return /\b(\d{4}(?:[–-]\d{2,4})?)\b/.exec(season.name)?.[1]?.replace('–', '-') ?? null;
};

export const seasonTitle = (season: Season): string => {
  const label = seasonLabel(season);
  return label === null || season.competition.trim() === '' ? plainText(season.name) : competitionSeasonTitle(season.competition, label);
};

/** The day a season's data was last checked: the ISO stamp in English (the crawl pins it), in words elsewhere (Western digits). */
export const dataDate = (season: Pick<Season, 'asOf'>, tr: Translator): string => (tr.language === 'en' ? season.asOf : tr.date(season.asOf));

/**
 * Every embed says which competition and season it shows, how fresh its data is (the day the data was
 * last checked against its sources) and where the sources are.
 */
export const seasonFooter = (season: Season, extra?: string, tr: Translator = englishTr()): NonNullable<APIEmbed['footer']> => {
  const base = footerLine(season, tr);
  const line = extra ? `${base} · ${extra}` : base;
  // A stale or upcoming season says so first, in one plain sentence (season-notice.ts).
  const notice = seasonNotice(season, tr);
  return { text: notice === null ? line : `${notice}\n${line}` };
};

// The footer's line is the same in every reply about one season view and language: kept, not
// translated again for each club's card (a card renders once per club and language).
const footerLines = new WeakMap<Season, WeakMap<Translator, string>>();

const footerLine = (season: Season, tr: Translator): string => {
  const byLanguage = innerWeakMap(footerLines, season);
  let line = byLanguage.get(tr);
  if (line === undefined) {
    line = [tr.name(seasonTitle(season)), tr.t('footer.updated', { date: dataDate(season, tr) }), tr.t('footer.sources', { about: '/about' })].join(' · ');
    byLanguage.set(tr, line);
  }
  return line;
};

/** Footers and author names show no markdown, so they only lose line breaks. */
export const plainText = (text: string): string => text.replace(/[\r\n\t]+/g, ' ');
