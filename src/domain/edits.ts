// What an editor asks `/edit` to change, as the command gives it (raw strings where the editor typed
// them: minutes, penalties, kickoffs, club names), and validateChange below checks them against a season.
import type { Score } from './types.js';

/** Every change names where the editor read it (a URL or a short citation). */
interface Sourced {
  readonly source: string;
}

/** `/edit result match home away source [extra-time] [penalties:"4-3"]` */
export interface ResultChange extends Sourced {
  readonly kind: 'result';
  readonly match: string;
  readonly home: number;
  readonly away: number;
  readonly extraTime?: boolean | null;
  /** `"4-3"`, home first; only after a level score. */
  readonly penalties?: string | null;
}

/** `/edit goal match team player minute source [type]` */
export interface GoalChange extends Sourced {
  readonly kind: 'goal';
  readonly match: string;
  /** The club credited (for an own goal, the one that benefited): a name, alias or team id. */
  readonly team: string;
  readonly player: string;
  /** `54`, `45+2`. */
  readonly minute: string;
  readonly type?: 'penalty' | 'own_goal' | null;
}

/** `/edit kickoff match at source`: `at` is an ISO instant or `2024-05-12 19:00 UTC`. */
export interface KickoffChange extends Sourced {
  readonly kind: 'kickoff';
  readonly match: string;
  readonly at: string;
}

export const EDITABLE_STATUSES = ['postponed', 'cancelled', 'awarded', 'walkover'] as const;
export type EditableStatus = (typeof EDITABLE_STATUSES)[number];

/** `/edit status match status source [score] [reason]`: awarded and walkover need the score ("3-0"), which names the winner. */
export interface StatusChange extends Sourced {
  readonly kind: 'status';
  readonly match: string;
  readonly status: EditableStatus;
  readonly score?: string | null;
  readonly reason?: string | null;
}

/**
 * `/edit fixture season round home away date source [time] [venue]`: adds a match. `round` is a
 * round key of the season's format (`R1-L1`, `GA-MD3` for group A matchday 3, `QF-L2`, `F`, `F-L1`;
 * see roundChoices), `date` `YYYY-MM-DD`, `time` `HH:MM` UTC.
 */
export interface FixtureChange extends Sourced {
  readonly kind: 'fixture';
  readonly round: string;
  readonly home: string;
  readonly away: string;
  readonly date: string;
  readonly time?: string | null;
  readonly venue?: string | null;
}

/** `/edit season new id competition label format`: an empty season of a format template. */
export interface SeasonNewChange extends Sourced {
  readonly kind: 'season_new';
  readonly id: string;
  readonly competition: string;
  readonly label: string;
  /** A FORMAT_TEMPLATES id. */
  readonly format: string;
}

export type Change = ResultChange | GoalChange | KickoffChange | StatusChange | FixtureChange | SeasonNewChange;
export type ChangeKind = Change['kind'];

/** One field of one match set by a change (`match` for a whole match a fixture adds). */
export interface FieldOverride {
  readonly match: string;
  readonly field: string;
  readonly value: unknown;
}

/** What validation makes of a change: the fields before and after, and the overrides to store. */
export type Validation =
  | {
      readonly ok: true;
      /** The match changed (the new match's id for a fixture); null for season_new. */
      readonly match: string | null;
      readonly before: Readonly<Record<string, unknown>>;
      readonly after: Readonly<Record<string, unknown>>;
      readonly overrides: readonly FieldOverride[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

export type { Score };
