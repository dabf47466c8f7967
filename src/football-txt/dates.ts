// Dates in Football.TXT usually print no year (`[Fri Aug/18]`): the season label gives it. A season
// that crosses New Year (`2023-24`) plays July–December in its first year and January–June in its
// second; a one-year label (`2022`) gives that year. The printed weekday is checked against the date.
import { MONTHS } from './tokenizer.js';

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface SeasonYears {
  readonly first: number;
  readonly second: number;
}

/** `2023-24`, `2023/24`, `2023-2024` or `2022`; null when the label is none of these. */
export const seasonYears = (label: string): SeasonYears | null => {
  const m = /^\s*(\d{4})(?:\s*[-/–]\s*(\d{2}|\d{4}))?\s*$/.exec(label);
  if (!m?.[1]) return null;
  const first = Number(m[1]);
  if (!m[2]) return { first, second: first };
  const second = m[2].length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
  return second === first + 1 ? { first, second } : null;
};

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** `Aug`, `Aug.` or `August` (any case) → 0-based month; anything else (`Marathon`) → -1. */
export const monthIndex = (name: string): number => {
  const w = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((m, i) => w === m.toLowerCase() || w === MONTH_NAMES[i]);
};

/** `Fri`, `Fri.` or `Friday` (any case); not `Sunset`. */
export const isWeekday = (word: string): boolean => {
  const w = word.toLowerCase().replace(/\.$/, '');
  return WEEKDAYS.some((d, i) => w === d.toLowerCase() || w === DAY_NAMES[i]);
};

export interface DayOfYear {
  /** 0-based month. */
  readonly month: number;
  readonly day: number;
  readonly year: number | null;
  readonly weekday: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO date, or a sentence saying what is wrong with it. */
export const resolveDate = (d: DayOfYear, years: SeasonYears): { date: string } | { problem: string } => {
  const year = d.year ?? (d.month >= 6 ? years.first : years.second);
  const at = new Date(Date.UTC(year, d.month, d.day));
  if (at.getUTCMonth() !== d.month || at.getUTCDate() !== d.day) return { problem: `${MONTHS[d.month]} ${d.day} ${year} is not a date` };
  const date = `${year}-${pad(d.month + 1)}-${pad(d.day)}`;
  if (d.weekday !== null) {
    const actual = WEEKDAYS[at.getUTCDay()] ?? '';
    if (actual.toLowerCase() !== d.weekday.slice(0, 3).toLowerCase()) {
      return { problem: `${d.weekday} does not match ${date}, which is a ${actual}${d.year === null ? ` (the year ${year} comes from the season label)` : ''}` };
    }
  }
  return { date };
};
