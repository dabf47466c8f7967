// The one plain sentence a reply adds when its season is not being kept current (stale) or has not
// started (upcoming). A season's status depends on the bot's clock, which renderers do not get; the
// place that chooses a season for a reply (season-choice.ts) says on which clock it is shown, and the
// footer reads it here. A season never shown through that place (announcements, tools) gets no notice.
import { progressOf } from '../../domain/season-progress.js';
import type { SeasonProgress } from '../../domain/season-status.js';
import type { Season } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';

interface ShownAt {
  /** The season as loaded (its status counts every result known at the instant). */
  readonly full: Season;
  readonly now: () => Date;
}

const shown = new WeakMap<Season, ShownAt>();

/** Records that `view` (the season as a reply shows it) is shown on the clock `now`; returns `view`. */
export const showSeasonOn = (view: Season, full: Season, now: () => Date): Season => {
  shown.set(view, { full, now });
  return view;
};

const isoDay = (day: Date): string => day.toISOString().slice(0, 10);

/**
 * "This season's data has not been updated since 22 September 2024." for a stale season (the day of its
 * last result, else of its first match); "This season has not started yet: its first match is on …"
 * for an upcoming one; null otherwise, and for a season not shown through `showSeasonOn`.
 */
export const seasonNotice = (season: Season, tr: Translator): string | null => {
  const at = shown.get(season);
  if (at === undefined) return null;
  return noticeFor(at.full, at.now(), tr);
};

// Every kept reply's key reads the notice: kept per progress (one object per season and step of the
// clock, season-progress.ts) and language, not translated again on each reply.
const notices = new WeakMap<SeasonProgress, WeakMap<Translator, string | null>>();

/** The notice for a season at an instant (exported for tests and for callers that hold the clock). */
export const noticeFor = (season: Season, now: Date, tr: Translator): string | null => {
  const progress = progressOf(season, now);
  let byLanguage = notices.get(progress);
  if (byLanguage === undefined) {
    byLanguage = new WeakMap();
    notices.set(progress, byLanguage);
  }
  let notice = byLanguage.get(tr);
  if (notice === undefined) {
    notice = noticeOf(progress, tr);
    byLanguage.set(tr, notice);
  }
  return notice;
};

const noticeOf = (progress: SeasonProgress, tr: Translator): string | null => {
  if (progress.status === 'stale') {
    const since = progress.lastResult ?? progress.firstMatch;
    return since === null ? null : tr.t('footer.stale', { date: tr.date(isoDay(since)) });
  }
  if (progress.status === 'upcoming') {
    return progress.firstMatch === null ? tr.t('footer.upcomingUndated') : tr.t('footer.upcoming', { date: tr.date(isoDay(progress.firstMatch)) });
  }
  return null;
};
