// The editing service's API (the live-season issue): what `/edit` (src/discord) calls. Every change
// is previewed (nothing written), then confirmed: one transaction writes the journal row, its
// overrides and the fact sightings; the season is re-imported (base + live overrides) and the store
// reloaded, so every command serves it at once. Other processes see the new data version.
// Methods return promises so a PostgreSQL implementation can stand behind the same interface.
import type { EditAction } from '../db/editing-schema.js';
import type { Change } from '../domain/edits.js';
import type { OverrideConflict } from '../domain/overrides.js';

export type { Change, ChangeKind, EditableStatus, FixtureChange, GoalChange, KickoffChange, ResultChange, SeasonNewChange, StatusChange } from '../domain/edits.js';
export { EDITABLE_STATUSES } from '../domain/edits.js';
export type { EditAction } from '../db/editing-schema.js';
export type { OverrideConflict } from '../domain/overrides.js';

/** Who made a change: Discord ids (snowflakes) and the display name at the time. */
export interface Editor {
  readonly id: string;
  readonly name: string;
  readonly guildId: string;
}

/** A change as it would be saved: for the preview's embed and the Confirm button. */
export interface ChangePreview {
  readonly ok: true;
  readonly seasonId: string;
  /** The match changed (the new match's id for a fixture); null for season_new. */
  readonly matchId: string | null;
  /** "Zamalek v RS Berkane (Final, 2nd leg, 2024-05-19)"; the season's name for season_new. */
  readonly subject: string;
  /** Field → value before and after, as stored in the journal (e.g. score: {home: 1, away: 0}). */
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
  /** One plain line per changed field for the editor: "Score: not known → 1–0". */
  readonly lines: readonly string[];
}

/** A change refused: each problem is a plain sentence for the editor (shown privately). */
export interface ChangeRefused {
  readonly ok: false;
  readonly problems: readonly string[];
}

/** One journal row. */
export interface JournalEntry {
  readonly id: number;
  readonly seasonId: string;
  readonly matchId: string | null;
  readonly action: EditAction;
  readonly editor: Editor;
  /** Bot-clock time of the confirm. */
  readonly at: Date;
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
  readonly source: string;
  readonly reason: string | null;
  /** For an undo row: the entry it reverts. */
  readonly undoes: number | null;
  /** The undo row that reverted this entry; null while it stands. */
  readonly undoneBy: number | null;
}

export type ConfirmResult = { readonly ok: true; readonly entry: JournalEntry } | ChangeRefused;

export type UndoResult =
  | { readonly ok: true; readonly entry: JournalEntry; readonly undone: JournalEntry }
  | {
      readonly ok: false;
      /** unknown: no such entry; undone: already reverted; undo: an undo row cannot be undone; depends: later live changes of the same match and field. */
      readonly reason: 'unknown' | 'undone' | 'undo' | 'depends';
      readonly problems: readonly string[];
      /** For `depends`: the later entries to undo first, newest first. */
      readonly dependents: readonly JournalEntry[];
    };

export interface EditLog {
  /** Newest first. */
  readonly entries: readonly JournalEntry[];
  /** Source values that differ from a live override (the override is kept). */
  readonly conflicts: readonly OverrideConflict[];
}

/** An autocomplete choice as Discord takes it: name ≤ 100 characters, value the id to pass back. */
export interface Choice {
  readonly name: string;
  readonly value: string;
}

/** Conflicts found by an import (source, file or edit), once per distinct conflict. */
export type ConflictListener = (seasonId: string, conflicts: readonly OverrideConflict[]) => void;

export interface EditingService {
  /** Validates a change against the season as served now; writes nothing. */
  readonly preview: (seasonId: string, change: Change) => Promise<ChangePreview | ChangeRefused>;
  /** Validates again (the season may have moved since the preview) and saves it. season_new: seasonId is the new id. */
  readonly confirm: (seasonId: string, change: Change, editor: Editor) => Promise<ConfirmResult>;
  /** Reverts one entry with a new journal row; refused when a later live change of the same match and field depends on it. */
  readonly undo: (entryId: number, editor: Editor) => Promise<UndoResult>;
  /** The journal of a season (one match's with matchId), newest first, and the current conflicts. */
  readonly log: (seasonId: string, matchId?: string | null) => Promise<EditLog>;
  /** One entry, or null. */
  readonly entry: (entryId: number) => Promise<JournalEntry | null>;
  /** Matches of a season for autocomplete: "zam ber final 2" matches club names/aliases, round, leg, date. ≤ 25. */
  readonly matchChoices: (seasonId: string, query: string) => readonly Choice[];
  /** Round keys of a season's format for /edit fixture's round (R1-L1, GA-MD3, QF-L2, F-L1…). ≤ 25. */
  readonly roundChoices: (seasonId: string, query: string) => readonly Choice[];
  /** Journal entries that can be undone, for /edit undo's autocomplete, newest first. ≤ 25. */
  readonly undoChoices: (seasonId: string | null, query: string) => readonly Choice[];
  /** The format templates for /edit season new. */
  readonly formatChoices: () => readonly Choice[];
  /** The conflicts the last import of a season found. */
  readonly conflicts: (seasonId: string) => readonly OverrideConflict[];
  /** Called when an import finds conflicts not reported before; returns the unsubscribe. */
  readonly onConflicts: (listener: ConflictListener) => () => void;
}

/** What createEditing (src/editing/service.ts) needs: the store it imports into, the bot's clock, a logger. */
export interface EditingDeps {
  readonly store: import('../season-store.js').ServedSeasons;
  readonly clock: { readonly now: () => Date };
  readonly logger: import('../log.js').Logger;
  /** data/clubs.json by default: a fixture may name a club the season does not have yet. */
  readonly clubsFile?: string;
}
