// The neutral structure the Football.TXT parser returns. It knows nothing of the bot's season
// model: the importer maps it (clubs through data/clubs.json, rounds onto a season format).

/** A score as printed, home first. */
export type Score = readonly [home: number, away: number];

export type RoundKind = 'qualifying' | 'group' | 'knockout';

export interface TeamRef {
  /** The name as printed, spaces collapsed, without the association code. */
  readonly name: string;
  /** The association code printed after the name (`Team (ALG)`), or null when the file gives none. */
  readonly code: string | null;
}

export interface ParsedRound {
  /** Stable within a file: a slug of the name (`qual-round-1`, `group-stage`, `final`). */
  readonly key: string;
  readonly name: string;
  readonly kind: RoundKind;
  /** True when at least one pair of clubs meets twice in the round (home and away). */
  readonly twoLegged: boolean;
  /** Line of the heading that opened the round. */
  readonly line: number;
}

export interface ParsedGroup {
  /** The label after "Group" (`A`), as printed. */
  readonly label: string;
  readonly round: string;
  readonly teams: readonly TeamRef[];
  /**
   * Where the letters came from: a definition line in the file, the groups option, or the headings;
   * `unnamed` for a round whose fixtures form one pool and that names no letter (a league phase): its
   * label is the internal id UNNAMED_GROUP, never shown to fans.
   */
  readonly source: 'file' | 'groups-option' | 'headings' | 'unnamed';
}

export interface ParsedGoal {
  readonly side: 'home' | 'away';
  readonly player: string;
  readonly minute: number;
  /** Minutes of stoppage time (`45+1'` gives minute 45, stoppage 1), or null. */
  readonly stoppage: number | null;
  readonly penalty: boolean;
  readonly ownGoal: boolean;
  readonly line: number;
}

export interface Kickoff {
  /** The printed time (`22.00`, `19:00`), with no time zone unless `zone` is set. */
  readonly local: string;
  /** A zone printed after the time (`UTC+3`), else null. */
  readonly zone: string | null;
  /** True when the match line printed no time and, as the format does, shares the time above it. */
  readonly carried: boolean;
}

export interface ParsedMatch {
  readonly line: number;
  readonly round: string;
  readonly group: string | null;
  /** Group matches: each team's n-th group match in date order. Knockout: null. */
  readonly matchday: number | null;
  /** Two-legged rounds: 1 or 2 in date order; otherwise null. */
  readonly leg: 1 | 2 | null;
  /** A match number printed as `(12)`, else null. */
  readonly number: number | null;
  /** `YYYY-MM-DD`; the year comes from the line or from the season label. */
  readonly date: string;
  readonly kickoff: Kickoff | null;
  /** A plain sentence for editors about the time, e.g. "kick-off printed as 22.00 local time, no time zone". */
  readonly timeNote: string | null;
  readonly venue: string | null;
  readonly home: TeamRef;
  readonly away: TeamRef;
  /** The result of play (after extra time when there was extra time), or null when the file has none (`-`). */
  readonly score: Score | null;
  /** The score after 90 minutes: the result itself unless there was extra time; null when not printed. */
  readonly fullTime: Score | null;
  readonly halfTime: Score | null;
  /** True when the match went to extra time (`a.e.t.`). */
  readonly extraTime: boolean;
  readonly penalties: Score | null;
  readonly awarded: boolean;
  /** Other bracketed notes after the match (`[annulled]`), as printed. */
  readonly notes: readonly string[];
  /** Scorers as listed, or null when the file lists none for this match. */
  readonly goals: readonly ParsedGoal[] | null;
}

export interface ParsedTie {
  readonly round: string;
  /** `first` is the home team of the first leg. */
  readonly first: TeamRef;
  readonly second: TeamRef;
  /** Lines of the legs, in date order. */
  readonly legs: readonly number[];
  /** Goals over the legs (extra time included), first team first; null while a leg has no result. */
  readonly aggregate: Score | null;
  /** The shoot-out of the deciding leg, first team first, else null. */
  readonly penalties: Score | null;
  readonly extraTime: boolean;
  /** Lines of the legs that were awarded. */
  readonly awardedLegs: readonly number[];
}

export interface ParseSummary {
  readonly clubs: number;
  readonly matches: number;
  readonly played: number;
  readonly awarded: number;
  readonly withoutResult: number;
  readonly groups: number;
  readonly rounds: number;
  /** Goals in played, not awarded matches (extra time included, shoot-outs not). */
  readonly goals: number;
  /** What the format did not give. */
  readonly missing: {
    /** Played matches with goals whose scorers are not listed. */
    readonly scorers: number;
    /** Matches listed with scorers that do not add up to the score (lines given). */
    readonly scorerMismatches: readonly number[];
    readonly venues: number;
    /** Matches with no printed kickoff time. */
    readonly kickoffTimes: number;
    /** Matches whose time is printed without a time zone. */
    readonly timeZones: number;
    readonly halfTimes: number;
  };
}

export interface MatchdayDate {
  readonly matchday: number;
  readonly dates: readonly string[];
  readonly line: number;
}

export interface ParsedSeason {
  readonly title: string | null;
  readonly rounds: readonly ParsedRound[];
  readonly groups: readonly ParsedGroup[];
  readonly teams: readonly TeamRef[];
  readonly matches: readonly ParsedMatch[];
  readonly ties: readonly ParsedTie[];
  /** `Matchday 1 | Sun Nov/20` calendar lines, when the file has them. */
  readonly matchdayDates: readonly MatchdayDate[];
  readonly summary: ParseSummary;
}

export interface ParseError {
  readonly file: string;
  /** 1-based; null for a problem with no single line (a groups file that does not fit). */
  readonly line: number | null;
  /** The line as printed, or null. */
  readonly text: string | null;
  readonly message: string;
  /** What the parser expected there, when it is a line it could not read. */
  readonly expected: string | null;
}

export type ParseResult =
  | { readonly ok: true; readonly season: ParsedSeason }
  | { readonly ok: false; readonly errors: readonly ParseError[] };

/** The shape of a groups file such as cl-2023-24-groups.json (other keys are ignored). */
export interface GroupsInput {
  readonly groups: Readonly<Record<string, readonly string[]>>;
}

export interface ParseOptions {
  /** Shown in every error message. */
  readonly fileName: string;
  /** `2023-24` (or `2023/24`): dates July–December take the first year, January–June the second. `2022`: one year. */
  readonly seasonLabel: string;
  /** Group letters when the file has none: `{ groups: { A: [names as printed] } }`. */
  readonly groups?: GroupsInput;
  /** Matchday overrides for group matches whose two teams disagree: `"Home v Away"` (names as printed) → matchday. */
  readonly matchdays?: Readonly<Record<string, number>>;
}
