// The season as plain, readonly data. Every layer above reads these shapes; nothing here knows
// about SQLite or Discord. A value no source gave is `null`, never a guess.

/**
 * A stage's code in its season's format (`SeasonFormat.stages[].code`): a lower-case slug such as
 * `first_round`, `group`, `final`. Which stages a season has, in which order, is the season's data.
 */
export type Stage = string;

/** The codes the CAF club competitions use (the shipped seasons): the house has labels for them in every language. */
export const STAGES = ['first_round', 'second_round', 'group', 'quarter_final', 'semi_final', 'final'] as const;
export type KnownStage = (typeof STAGES)[number];

/** How a known stage is named to people (English); any other stage is named by its format's `name`. */
export const STAGE_LABEL: Readonly<Record<KnownStage, string>> = {
  first_round: 'First round',
  second_round: 'Second round',
  group: 'Group stage',
  quarter_final: 'Quarter-finals',
  semi_final: 'Semi-finals',
  final: 'Final',
};

/** Short keys of the known stages for rounds and scorer columns: `R1-L1`, `GS-MD3`, `QF`, `F-L2`. */
export const STAGE_KEY: Readonly<Record<KnownStage, string>> = {
  first_round: 'R1',
  second_round: 'R2',
  group: 'GS',
  quarter_final: 'QF',
  semi_final: 'SF',
  final: 'F',
};

export const isKnownStage = (code: string): code is KnownStage => Object.hasOwn(STAGE_LABEL, code);

/** The CAF competitions' group letters (the shipped seasons); a season's own are its format's `groups`. */
export const GROUPS = ['A', 'B', 'C', 'D'] as const;
/** A group's label in its season's format: `A`, `B`, … or a longer name (≤ 40 characters). */
export type GroupId = string;

// ---- A season's format: its stages in order, groups, matchdays, legs and tiebreak rules, as data. ----

/** `qualifying` rounds come before the group stage, `knockout` rounds after it. */
export const STAGE_KINDS = ['qualifying', 'group', 'knockout'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A tie of a qualifying or knockout round is played over two legs or one match. */
export const LEG_FORMATS = ['two_legged', 'single_leg'] as const;
export type LegFormat = (typeof LEG_FORMATS)[number];

/** Named tiebreak rule sets. `caf`: the CAF club competitions' regulations (src/domain/standings.ts). */
export const TIEBREAK_RULES = ['caf'] as const;
export type TiebreakRuleSet = (typeof TIEBREAK_RULES)[number];

interface StageFormatBase {
  readonly code: Stage;
  /** How people name the stage (English): "Quarter-finals". Known codes are shown in the reader's language. */
  readonly name: string;
  /** Short key in round ids and scorer columns: `R1`, `GS`, `QF`, `F`. Upper-case letters and digits. */
  readonly key: string;
}

export interface GroupStageFormat extends StageFormatBase {
  readonly kind: 'group';
  /** The groups' labels in order (`A`…`D`). */
  readonly groups: readonly GroupId[];
  /** Matchdays of the round robin (6 for groups of four playing home and away). */
  readonly matchdays: number;
  /**
   * One group fans see without a label (a league phase): its id in `groups` is internal, never shown.
   * Absent (or false) for lettered groups.
   */
  readonly unnamed?: boolean;
}

export interface TieStageFormat extends StageFormatBase {
  readonly kind: 'qualifying' | 'knockout';
  readonly legs: LegFormat;
}

export type StageFormat = GroupStageFormat | TieStageFormat;

export interface SeasonFormat {
  /** The stages in the order they are played. At most one group stage. */
  readonly stages: readonly StageFormat[];
  readonly tiebreak: TiebreakRuleSet;
}

export const MATCH_STATUSES = ['scheduled', 'played', 'awarded', 'walkover', 'postponed', 'cancelled'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const GOAL_TYPES = ['regular', 'penalty', 'own_goal'] as const;
export type GoalType = (typeof GOAL_TYPES)[number];

/** Team ids are stable slugs of the canonical name, e.g. `rs-berkane`. */
export type TeamId = string;

/**
 * Sources disagree on an association's rank. `Association.rank` keeps the printed one.
 * A renderer shows one plain footnote: "CAF's points put Algeria 3rd; the competition's own list printed it 2nd".
 */
export interface RankDispute {
  /** The rank the competition's own list printed. */
  readonly printed: number | null;
  /** The rank CAF's published points give. */
  readonly byPoints: number | null;
}

/** `low`: only one source of uncertain edition gives the rank; show it with "rank uncertain". */
export type RankConfidence = 'sourced' | 'low';

export interface Association {
  readonly name: string;
  /** A known short form for narrow columns ("São Tomé"); null when the full name is already short. Show `shortName ?? name`. */
  readonly shortName: string | null;
  /** FIFA code, e.g. `MAR`. */
  readonly code: string | null;
  /** CAF 5-year rank as printed by the competition's own list (ties share a rank); null when unranked. */
  readonly rank: number | null;
  /** Set when sources disagree on the rank; a renderer writes one footnote from it (never the note). */
  readonly rankDispute: RankDispute | null;
  /** `low` for a rank only a weak source gives (Cameroon): show "rank uncertain" next to it. */
  readonly rankConfidence: RankConfidence;
  /** CAF 5-year ranking points; null when no source gave them. */
  readonly points: number | null;
  readonly entered: boolean;
  readonly note: string | null;
  readonly sources: readonly string[];
}

export interface Team {
  readonly id: TeamId;
  readonly name: string;
  /** A known short form for lists and buttons ("Académica"); null when none. Show `shortName ?? name`. */
  readonly shortName: string | null;
  readonly aliases: readonly string[];
  readonly association: string;
  readonly qualifyingMethod: string | null;
  /** The stage the team entered in (a code of the season's format): a team with a bye enters after the first round. */
  readonly entryRound: Stage;
  readonly group: GroupId | null;
  readonly note: string | null;
  readonly sources: readonly string[];
}

export interface Score {
  readonly home: number;
  readonly away: number;
}

/** A result decided off the pitch: an awarded match or a walkover. */
export interface Decision {
  /** The team the match was awarded to (walkover: the team that went through). Show "Awarded to X". */
  readonly winner: TeamId;
  /** The awarded score where a source states it; null when no source does: show "the score was not published". */
  readonly score: Score | null;
  /** Editors' text (sources, arguments). Not for fans: a renderer writes "Awarded to X" / "walkover" from the fields. */
  readonly reason: string;
  /**
   * The day the decision was made, `YYYY-MM-DD` (the awarded semi-final: 2024-04-24); null when no source dates it.
   * The as-of view hides the decision before this day: the match then reads "not played, decision pending".
   */
  readonly decidedOn: string | null;
}

/** A sending-off a source reports. */
export interface RedCard {
  /** The player's team. */
  readonly team: TeamId;
  /** Null when the source does not name the player. */
  readonly player: string | null;
  /** As written: `56`, `90+1`; null when not recorded. */
  readonly minute: string | null;
}

export interface Goal {
  /** The team credited with the goal (for an own goal, the beneficiary). */
  readonly team: TeamId;
  /** Null when the scorer is not recorded. For an own goal, the defender who scored it. */
  readonly player: string | null;
  /** As written: `54`, `90+4`; null when not recorded. */
  readonly minute: string | null;
  readonly type: GoalType;
}

export interface Match {
  /** Stable, readable id, e.g. `R1-T01-L1`, `GB-MD6-2`, `SF2-L1`, `F-L2`. */
  readonly id: string;
  readonly stage: Stage;
  readonly group: GroupId | null;
  readonly matchday: number | null;
  /** Tie number within a knockout or qualifying round. */
  readonly tie: number | null;
  /** 1 or 2 for a two-legged tie; null for group matches and for walkovers with no leg played. */
  readonly leg: 1 | 2 | null;
  /** Local match date, `YYYY-MM-DD`; null when unknown. */
  readonly date: string | null;
  /** Kickoff as an ISO UTC instant; null when the time is unknown (the date may still be known). */
  readonly kickoff: string | null;
  /**
   * Other UTC kickoff instants a source gives, when sources disagree; empty when they do not.
   * A renderer writes "Kickoff time disputed between sources: 18:00 or 19:00 UTC" (kickoff and these, sorted).
   */
  readonly kickoffAlternatives: readonly string[];
  readonly venue: string | null;
  readonly home: TeamId;
  readonly away: TeamId;
  /**
   * `scheduled` with `resultNotPublished` true: the match day has passed but no source publishes a result.
   * It must not read as played: a renderer shows "Result not published" (never a score or "played").
   */
  readonly status: MatchStatus;
  /** True only for a scheduled match whose day has passed with no published result (see `status`). */
  readonly resultNotPublished: boolean;
  /** Score after play (90 minutes, or 120 with extra time); null when not played or not recorded. */
  readonly score: Score | null;
  readonly extraTime: boolean;
  /** Shoot-out after this leg; null when there was none. */
  readonly penalties: Score | null;
  /** Set for `awarded` and `walkover`. */
  readonly decision: Decision | null;
  readonly goals: readonly Goal[];
  /** The referee as a source names them ("Peter Waweru (KEN)"); null when not recorded. Show "Referee: …". */
  readonly referee: string | null;
  /** Spectators, as the source used prints it; null when not recorded. Show "Attendance: 52,000". */
  readonly attendance: number | null;
  /** Sendings-off a source reports; null when no source covers them (not "none"), [] when a source says none. */
  readonly redCards: readonly RedCard[] | null;
  /** Editors' text: sources, arguments, conflicts. Never shown to fans outside /match's "Sources". */
  readonly note: string | null;
  readonly sources: readonly string[];
}

export type CalendarKind = 'draw' | 'matchday' | 'leg';

export interface CalendarEntry {
  readonly id: string;
  readonly phase: string;
  readonly round: string;
  readonly kind: CalendarKind;
  readonly stage: Stage | null;
  readonly matchday: number | null;
  readonly leg: 1 | 2 | null;
  /** `YYYY-MM-DD` */
  readonly startDate: string;
  /** `YYYY-MM-DD`, equal to startDate for a single day. */
  readonly endDate: string;
  readonly note: string | null;
  readonly sources: readonly string[];
}

export interface RankingCriteria {
  /** Points per achievement in the Confederation Cup (the seed's table). */
  readonly confederationCup: {
    readonly winners: number;
    readonly runnersUp: number;
    readonly semiFinalists: number;
    readonly quarterFinalists: number;
    readonly groupThird: number;
    readonly groupFourth: number;
  };
  /** The coefficient this season's results carry in the ranking (seed: 2023–24 × 5). */
  readonly seasonCoefficient: number;
  readonly note: string | null;
  readonly sources: readonly string[];
}

/** Figures a source prints, kept to reconcile our computed totals against. */
export interface PrintedTotals {
  readonly matches: number;
  readonly goals: number;
  readonly groupMatches: number;
  readonly groupGoals: number;
  readonly note: string | null;
  readonly sources: readonly string[];
}

export interface SourceNote {
  /** What the note is about, e.g. `associations.Algeria.rank` or `matches.GD-MD6-2`. */
  readonly subject: string;
  readonly text: string;
  readonly sources: readonly string[];
}

export interface Season {
  /** Stable id, e.g. `caf-cc-2023-24`. */
  readonly id: string;
  readonly name: string;
  readonly competition: string;
  /** Stages, groups, matchdays, legs and tiebreak rules: every read model takes them from here. */
  readonly format: SeasonFormat;
  /** The season as people write it: `2023-24`, or `2023` for a one-year competition. */
  readonly label: string;
  /** Days after the last result before an unfinished season counts as stale (the file's `staleAfter`, default 21). */
  readonly staleAfterDays: number;
  /** `YYYY-MM-DD` after which the season is finished whatever its results say; null when not set. */
  readonly endDate: string | null;
  /** The date the data was last checked against its sources, `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly champion: TeamId | null;
  readonly associations: readonly Association[];
  readonly teams: readonly Team[];
  readonly matches: readonly Match[];
  readonly calendar: readonly CalendarEntry[];
  readonly rankingCriteria: RankingCriteria;
  /** Null when no source prints totals for the season: fans read "not published", the CLI's JSON null. */
  readonly printedTotals: PrintedTotals | null;
  readonly conflicts: readonly SourceNote[];
  readonly gaps: readonly SourceNote[];
}

// ---- Read models: what the rules compute from a Season. CLI, bot and announcements all read these. ----

/** Which rule separated a row from the row below it. */
export type TiebreakRule =
  | 'points'
  | 'head_to_head_points'
  | 'head_to_head_goal_difference'
  | 'head_to_head_goals'
  | 'head_to_head_away_goals'
  | 'goal_difference'
  | 'goals_for'
  | 'away_goals'
  | 'unresolved';

export interface StandingRow {
  readonly position: number;
  readonly team: TeamId;
  readonly played: number;
  readonly won: number;
  readonly drawn: number;
  readonly lost: number;
  readonly goalsFor: number;
  readonly goalsAgainst: number;
  readonly goalDifference: number;
  readonly points: number;
  /** The rule that placed this row above the next one; null for the last row. */
  readonly decidedBy: TiebreakRule | null;
  /** Mathematically through to the knockout stage (the same as `fate === 'through'`). */
  readonly qualified: boolean;
  /**
   * `through`: in the top two in every win/draw/loss outcome of the group's open matches (a points tie
   * those matches could still decide counts against the team); `out`: outside the top two in every outcome.
   * A renderer writes "Zamalek are through with a game to spare" / "… are out"; nothing for `open`.
   */
  readonly fate: GroupFate;
  /** The team's group matches still to play (not counting a past match whose result was not published). */
  readonly toPlay: number;
}

export type GroupFate = 'through' | 'out' | 'open';

export interface GroupTable {
  readonly group: GroupId;
  readonly rows: readonly StandingRow[];
  /** Human-readable notes: tiebreaks that decided places, results not recorded, awarded matches. */
  readonly notes: readonly string[];
  /**
   * The same notes as facts, one per note and in the same order, so a reply can say them in its own
   * language (the strings above are the English text). Absent on tables built by hand (tests).
   */
  readonly noteFacts?: readonly GroupNote[];
  /** Matches of the group whose result is not recorded. */
  readonly unrecorded: readonly string[];
  /** Every match of the group has a result (recorded or not published): the order will not change. */
  readonly complete: boolean;
}

/** A group match as a note names it: "Zamalek v USM Alger (Matchday 2)". */
export interface NoteMatch {
  readonly home: TeamId;
  readonly away: TeamId;
  readonly matchday: number | null;
}

/** A standings note as facts (see GroupTable.noteFacts). */
export type GroupNote =
  | { readonly kind: 'unrecorded'; readonly match: NoteMatch }
  | { readonly kind: 'awarded_score'; readonly match: NoteMatch; readonly score: Score; readonly winner: TeamId | null }
  | { readonly kind: 'awarded_winner'; readonly match: NoteMatch; readonly winner: TeamId }
  | { readonly kind: 'cancelled'; readonly match: NoteMatch }
  | {
      readonly kind: 'tiebreak';
      readonly upper: TeamId;
      readonly lower: TeamId;
      readonly rule: TiebreakRule;
      readonly levelOnPoints: readonly TeamId[];
      readonly points: number;
      /** The still-tied subset rule 6 reapplied the head-to-head criteria to; null otherwise. */
      readonly reappliedTo: readonly TeamId[] | null;
      /** Decided on an overall criterion after the head-to-head ones left them level. */
      readonly levelOnHeadToHead: boolean;
    }
  | { readonly kind: 'lots'; readonly upper: TeamId; readonly lower: TeamId; readonly levelOnPoints: readonly TeamId[]; readonly points: number };

export type TieDecider = 'aggregate' | 'away_goals' | 'penalties' | 'walkover' | 'awarded' | 'extra_time';

export interface TieResult {
  readonly stage: Stage;
  readonly tie: number;
  /** [team that hosted the first leg, the other]. */
  readonly teams: readonly [TeamId, TeamId];
  readonly legs: readonly Match[];
  /**
   * Aggregate goals in the order of `teams` over the legs with a result so far; null before any leg has a
   * result, when a leg's score is unknown, or for a walkover. Write it in the order of the teams named on the line.
   */
  readonly aggregate: readonly [number, number] | null;
  readonly awayGoals: readonly [number, number] | null;
  readonly winner: TeamId | null;
  readonly decidedBy: TieDecider | null;
}

export interface ScorerRow {
  readonly rank: number;
  readonly player: string;
  readonly team: TeamId;
  readonly goals: number;
  readonly penalties: number;
  /** Goals per round key: `MD1`…`MD6`, `QF`, `SF`, `F`, `R1`, `R2`. */
  readonly byRound: Readonly<Record<string, number>>;
}

export interface ScorerTable {
  readonly rows: readonly ScorerRow[];
  /** Goals with no scorer recorded: listed without a player, or in a score with no goal list (most qualifying legs). */
  readonly unattributedGoals: number;
  readonly ownGoals: number;
}

export interface StageStats {
  readonly stage: Stage;
  readonly matchesPlayed: number;
  readonly matchesAwarded: number;
  readonly goals: number;
  readonly unrecordedResults: number;
}

export interface RankingRow {
  /** The rank the competition's own list printed (rows are ordered by it, then by points). */
  readonly rank: number | null;
  readonly association: string;
  /** Show `shortName ?? association` in narrow columns. */
  readonly shortName: string | null;
  readonly code: string | null;
  readonly points: number | null;
  /** Teams the association may enter: 2 for the top 12, else 1. */
  readonly slots: number;
  readonly entered: number;
  /** Points this season's Confederation Cup results earn (criteria × coefficient). */
  readonly seasonPoints: number;
  readonly rankDispute: RankDispute | null;
  readonly rankConfidence: RankConfidence;
  /**
   * One plain sentence for fans about this row's rank, or null: "CAF's points put Algeria 3rd; the
   * competition's own list printed it 2nd." Never the editors' notes.
   */
  readonly note: string | null;
}

/** Totals over the competition proper (group stage + knockout stage). */
export interface CompetitionProperStats {
  readonly matchesPlayed: number;
  readonly matchesAwarded: number;
  readonly goals: number;
  readonly unrecordedResults: number;
}

export interface StatsReport {
  /** One entry per stage, in competition order. */
  readonly stages: readonly StageStats[];
  readonly competitionProper: CompetitionProperStats;
  /**
   * How our counts compare with the printed totals, and which recorded gaps explain a difference: as
   * facts (no prose), one per scope (group stage, knockout stage, competition proper), so a reply can
   * say them in its own language.
   */
  readonly reconciliation: readonly TotalsCheck[];
}

/** A match as the totals name it: "Zamalek v Académie SOAR". */
export interface TotalsMatch {
  readonly home: TeamId;
  readonly away: TeamId;
}

/** A printed figure for the knockout stage is the printed total minus the printed group figure. */
export interface PrintedDifference {
  readonly total: number;
  readonly group: number;
  readonly knockout: number;
}

export type TotalsScope =
  | { readonly kind: 'group' }
  | { readonly kind: 'knockout'; readonly matches: PrintedDifference; readonly goals: PrintedDifference }
  | { readonly kind: 'competition_proper' };

/**
 * Matches counted against the printed figure. `unpublished` matches (their day passed with no published
 * result) most likely took place, so they are set beside the played ones.
 */
export type PrintedMatchesCheck = {
  readonly played: number;
  readonly unpublished: number;
  readonly awarded: number;
  readonly printed: number;
} & (
  /** Played (+ unpublished) is the printed figure; the awarded matches, if any, are not in it. */
  | { readonly kind: 'as_printed'; readonly notInPrinted: readonly TotalsMatch[] }
  /** Played (+ unpublished) + awarded is the printed figure. */
  | { readonly kind: 'as_printed_with_awarded' }
  /** The printed figure counts `awardedInPrinted` of the awarded matches. */
  | { readonly kind: 'counts_some_awarded'; readonly awardedInPrinted: number }
  /** No recorded gap explains `difference` matches. */
  | { readonly kind: 'unexplained'; readonly difference: number }
);

/** Goals counted (played scores only) against the printed figure. */
export type PrintedGoalsCheck = { readonly counted: number; readonly printed: number } & (
  | { readonly kind: 'as_printed' }
  /** More goals counted than printed: no recorded gap explains it. */
  | { readonly kind: 'over'; readonly difference: number }
  | {
      readonly kind: 'short';
      readonly difference: number;
      /** Matches whose result is not published (each may hold some of the missing goals). */
      readonly unrecorded: readonly TotalsMatch[];
      /** Awarded matches whose score was not published. */
      readonly awardedNoScore: readonly TotalsMatch[];
      /** The awarded scores' goals, given only when counting them would make up the difference exactly. */
      readonly awardedGoals: number | null;
    }
);

/** One line of "Totals against the printed figures". */
export interface TotalsCheck {
  readonly scope: TotalsScope;
  readonly matches: PrintedMatchesCheck;
  readonly goals: PrintedGoalsCheck;
}

/** A set of matches announced together: one leg of a round, or one group matchday across all groups. */
export interface Round {
  /** `R1-L1`, `R2-L2`, `GS-MD1`, `QF-L2`, `SF-L1`, `F-L2`. */
  readonly key: string;
  readonly label: string;
  readonly stage: Stage;
  readonly matchday: number | null;
  readonly leg: 1 | 2 | null;
  readonly matches: readonly Match[];
  /** Earliest known kickoff on the round's first day; that day at 00:00Z when no kickoff is known; null when no date is. */
  readonly firstKickoff: string | null;
  /** Latest known kickoff on the round's last day; that day at 00:00Z when no kickoff is known; null when no date is. */
  readonly lastKickoff: string | null;
}
