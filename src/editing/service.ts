// The editing service (the live-season issue): previews and saves editors' changes as overrides
// with a journal row, undoes them, and answers /edit's autocomplete and log. A confirm is one
// transaction on either engine (the editing store's confirmChange): journal row, overrides, the season
// re-imported (base + live overrides) and the sightings of the results and goals it makes known; then
// the store reloads, so every command serves the change at once (other processes see the new data
// version through data-watch).
import { readFileSync } from 'node:fs';
import { checkClubs } from '../clubs/schema.js';
import { CLUBS_FILE } from '../clubs/names.js';
import type { JournalRow } from '../db/editing.js';
import type { EditAction } from '../db/editing-schema.js';
import { validateChange, type Change, type FieldOverride as ChangeOverride, type KnownClub } from '../domain/edits.js';
import { applyOverrides, type Override, type OverrideConflict } from '../domain/overrides.js';
import type { Season } from '../domain/types.js';
import { parseSeason, SeasonFileError } from '../season/parse.js';
import { teamSlug } from '../season/slug.js';
import { seasonToFile } from '../season/write.js';
import { domainOverrides } from '../season-store.js';
import { matchChoicesOf, roundChoicesOf } from './choices.js';
import { describeChange, scoreSoFarLine } from './describe.js';
import { formatTemplates, newSeasonFile } from './templates.js';
import type { ChangePreview, ChangeRefused, Choice, ConfirmResult, EditingDeps, EditingService, EditLog, Editor, JournalEntry, UndoResult } from './types.js';

const refused = (...problems: string[]): ChangeRefused => ({ ok: false, problems });

const toEntry = (row: JournalRow): JournalEntry => ({
  id: row.id,
  seasonId: row.seasonId,
  matchId: row.matchId,
  action: row.action,
  editor: { id: row.editorId, name: row.editorName, guildId: row.guildId },
  at: row.at,
  before: row.before,
  after: row.after,
  source: row.source,
  reason: row.reason,
  undoes: row.undoes,
  undoneBy: row.undoneBy,
});

/** The season file's rules on a whole season: the problems as plain sentences (no JSON path). */
export function seasonProblems(season: Season): string[] {
  try {
    parseSeason(JSON.parse(JSON.stringify(seasonToFile(season))), season.id);
    return [];
  } catch (err) {
    if (!(err instanceof SeasonFileError)) throw err;
    return err.problems.map((p) => `${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}.`.replace(/\.\.$/, '.'));
  }
}

/** Clubs of data/clubs.json as a season would hold them, for fixtures naming a club new to the season. */
export function knownClubs(file: string = CLUBS_FILE): KnownClub[] {
  const checked = checkClubs(JSON.parse(readFileSync(file, 'utf8')));
  if (!checked.ok) throw new Error(`${file}: ${checked.problems.join('; ')}`);
  const associations = new Map(checked.file.associations.map((a) => [a.code, a]));
  return checked.file.clubs.flatMap((club): KnownClub[] => {
    const association = associations.get(club.association);
    if (association === undefined) return [];
    return [
      {
        team: {
          id: teamSlug(club.name),
          name: club.name,
          shortName: club.shortName,
          aliases: club.aliases,
          association: association.name,
          qualifyingMethod: null,
          entryRound: '',
          group: null,
          note: null,
          sources: club.sources,
        },
        association: { name: association.name, shortName: null, code: association.code, rank: null, rankDispute: null, rankConfidence: 'sourced', points: null, entered: true, note: null, sources: association.sources },
      },
    ];
  });
}

export function createEditing(deps: EditingDeps): EditingService {
  const { store, clock } = deps;
  const log = deps.logger.child({ component: 'editing' });
  const editing = store.editing;
  // A source import's new results and goals are known from the bot's now, as an edit's are.
  store.useClock(() => clock.now());
  let clubs: KnownClub[] | null = null;
  const clubList = (): KnownClub[] => {
    if (clubs === null) {
      try {
        clubs = knownClubs(deps.clubsFile);
      } catch (err) {
        log.error({ err }, 'data/clubs.json could not be read: fixtures may name only clubs the season has');
        clubs = [];
      }
    }
    return clubs;
  };
  const today = (): string => clock.now().toISOString().slice(0, 10);
  // The bot's now: a goal may be saved before its result once the match has kicked off.
  const context = () => ({ clubs: clubList(), today: today(), now: clock.now().getTime() });

  type Checked = { ok: true; preview: ChangePreview; overrides: readonly ChangeOverride[] } | ChangeRefused;

  /** Validation, then the season file's rules on the season with the change applied. */
  const check = async (seasonId: string, change: Change): Promise<Checked> => {
    if (change.kind === 'season_new') {
      const id = change.id.trim();
      const exists = store.catalog().get(id) ?? ((await editing.readBase(id)) === null ? null : ({ id } as Season));
      const v = validateChange(exists ?? null, change, context());
      if (!v.ok) return refused(...v.problems);
      const template = formatTemplates().find((t) => t.id === change.format.trim());
      if (template === undefined) return refused(`No format template "${change.format}": pick one of ${formatTemplates().map((t) => t.id).join(', ')}.`);
      const body = newSeasonFile({ id, competition: change.competition.trim(), label: change.label.trim(), format: template.format, source: change.source.trim(), today: today() });
      try {
        const season = parseSeason(body, id).season;
        return { ok: true, preview: { ok: true, seasonId: id, matchId: null, subject: season.name, before: v.before, after: v.after, lines: describeChange(null, v.before, v.after) }, overrides: [] };
      } catch (err) {
        if (!(err instanceof SeasonFileError)) throw err;
        return refused(`The template "${template.id}" does not make a valid season: ${err.problems.map((p) => p.message).join('; ')}.`);
      }
    }
    const season = store.catalog().get(seasonId);
    if (season === undefined) return refused(`No season ${seasonId} is loaded.`);
    const v = validateChange(season, change, context());
    if (!v.ok) return refused(...v.problems);
    // The whole season as it would be served, checked by the season file's rules.
    const pending = v.overrides.map((o, i) => ({ season: seasonId, match: o.match, field: o.field, value: o.value, journal: `pending-${i}` }));
    const next = applyOverrides(season, pending as Override[]).season;
    const problems = seasonProblems(next);
    if (problems.length > 0) return refused(...problems);
    const match = next.matches.find((m) => m.id === v.match) ?? null;
    const soFar = change.kind === 'goal' && match !== null ? scoreSoFarLine(next, match) : null;
    const lines = [...describeChange(next, v.before, v.after), ...(soFar === null ? [] : [soFar])];
    return {
      ok: true,
      preview: { ok: true, seasonId, matchId: v.match, subject: match === null ? season.name : subjectOf(next, match.id), before: v.before, after: v.after, lines },
      overrides: v.overrides,
    };
  };

  const actionOf = (change: Change): EditAction => change.kind;

  const confirm = async (seasonId: string, change: Change, editor: Editor): Promise<ConfirmResult> => {
    const checked = await check(seasonId, change);
    if (!checked.ok) return checked;
    const now = clock.now();
    const { preview } = checked;
    const entryFields = {
      seasonId: preview.seasonId,
      matchId: preview.matchId,
      action: actionOf(change),
      editorId: editor.id,
      editorName: editor.name.slice(0, 100),
      guildId: editor.guildId,
      at: now,
      before: { ...preview.before },
      after: { ...preview.after },
      source: change.source.trim(),
      reason: change.kind === 'status' ? (change.reason?.trim() || null) : null,
      undoes: null,
    };
    let row: JournalRow;
    if (change.kind === 'season_new') {
      const template = formatTemplates().find((t) => t.id === change.format.trim());
      if (template === undefined) throw new Error('format template vanished');
      const body = newSeasonFile({ id: preview.seasonId, competition: change.competition.trim(), label: change.label.trim(), format: template.format, source: change.source.trim(), today: today() });
      row = await editing.startSeason(entryFields, body, now);
    } else {
      const saved = await editing.confirmChange(
        store.catalog().get(seasonId),
        entryFields,
        checked.overrides.map((o) => ({ matchId: o.match, field: o.field, value: o.value })),
        now,
      );
      row = saved.row;
      await store.noteConflicts(seasonId, saved.imported.conflicts);
    }
    await store.reload();
    await refreshJournals(preview.seasonId);
    refreshConflicts(preview.seasonId);
    log.info({ season: preview.seasonId, match: preview.matchId, action: row.action, entry: row.id, editor: editor.id }, 'editor change saved');
    return { ok: true, entry: toEntry(row) };
  };

  const undo = async (entryId: number, editor: Editor): Promise<UndoResult> => {
    const no = (reason: 'unknown' | 'undone' | 'undo' | 'depends', problem: string, dependents: readonly JournalEntry[] = []): UndoResult => ({ ok: false, reason, problems: [problem], dependents });
    const row = await editing.journalEntry(entryId);
    if (row === null) return no('unknown', `There is no change #${entryId}.`);
    if (row.action === 'undo') return no('undo', `Change #${entryId} is itself an undo (of #${row.undoes}); make the change again instead.`);
    if (row.undoneBy !== null) return no('undone', `Change #${entryId} was already undone by #${row.undoneBy}.`);
    if (row.action === 'season_new') return no('undo', `A season is not undone: change #${entryId} started ${row.seasonId}.`);
    // Goals saved after a result stand on it (saved before it, in play, they do not: the match is back in progress). Newest first.
    const goalsOnResult =
      row.action === 'result'
        ? (await editing.journalOf(row.seasonId, { matchId: row.matchId })).filter((e) => e.id > entryId && e.action === 'goal' && e.undoneBy === null)
        : [];
    const later = [...(await editing.dependentsOf(entryId)), ...goalsOnResult].filter((e, i, all) => all.findIndex((o) => o.id === e.id) === i).sort((a, b) => b.id - a.id).map(toEntry);
    if (later.length > 0) {
      return no('depends', `Later changes build on change #${entryId}: undo ${later.map((e) => `#${e.id}`).join(', ')} first.`, later);
    }
    // The season without this entry's overrides must still be a valid season (a result undone under its goals is not).
    const base = await editing.readBaseSeason(row.seasonId);
    if (base !== null) {
      const rest = (await editing.liveOverrides(row.seasonId)).filter((o) => o.journalId !== entryId);
      const problems = seasonProblems(applyOverrides(base.season, domainOverrides(rest)).season);
      if (problems.length > 0) {
        const sameMatch = (await editing.journalOf(row.seasonId, { matchId: row.matchId }))
          .filter((e) => e.id > entryId && e.action !== 'undo' && e.undoneBy === null)
          .map(toEntry);
        return no('depends', `Undoing change #${entryId} would leave ${row.matchId ?? 'the season'} invalid (${problems.join(' ')})${sameMatch.length > 0 ? ` Undo ${sameMatch.map((e) => `#${e.id}`).join(', ')} first.` : ''}`, sameMatch);
      }
    }
    const now = clock.now();
    // A result put back is a corrected fact: known again from now.
    const { row: written, imported } = await editing.undoChange(
      store.catalog().get(row.seasonId),
      {
        seasonId: row.seasonId,
        matchId: row.matchId,
        editorId: editor.id,
        editorName: editor.name.slice(0, 100),
        guildId: editor.guildId,
        at: now,
        before: row.after,
        after: row.before,
        source: `undo of change #${entryId}`,
        reason: null,
        undoes: entryId,
      },
      now,
    );
    await store.noteConflicts(row.seasonId, imported.conflicts);
    await store.reload();
    await refreshJournals(row.seasonId);
    refreshConflicts(row.seasonId);
    log.info({ season: row.seasonId, match: row.matchId, entry: written.id, undoes: entryId, editor: editor.id }, 'editor change undone');
    const undone = await editing.journalEntry(entryId);
    return { ok: true, entry: toEntry(written), undone: toEntry(undone ?? row) };
  };

  /**
   * Conflicts of a season now: its base against its live overrides (computed, then kept until the
   * data changes). `conflicts()` answers synchronously from what was computed last (at start for every
   * season, after each change and each /edit log) and computes again behind it.
   */
  const conflictCache = new Map<string, { key: string; conflicts: readonly OverrideConflict[] }>();
  const conflictsOf = async (seasonId: string): Promise<readonly OverrideConflict[]> => {
    // No override, no conflict: the base (the season's whole file, parsed as it is read) need not be
    // read at all. Every season at start asks, and most have no override.
    const live = await editing.liveOverrides(seasonId);
    const base = live.length === 0 ? null : await editing.readBase(seasonId);
    if (base === null || live.length === 0) {
      conflictCache.set(seasonId, { key: '', conflicts: [] });
      return [];
    }
    const key = `${base.hash}|${live.map((o) => o.id).join(',')}`;
    const cached = conflictCache.get(seasonId);
    if (cached?.key === key) return cached.conflicts;
    const season = (await editing.readBaseSeason(seasonId))?.season;
    // An override the source agreed with when it was made is no conflict; one it differs from is.
    const conflicts = season === undefined ? [] : await editing.notableSourceConflicts(applyOverrides(season, domainOverrides(live)).conflicts);
    conflictCache.set(seasonId, { key, conflicts });
    return conflicts;
  };
  const refreshConflicts = (seasonId: string): void => {
    conflictsOf(seasonId).catch((err: unknown) => log.warn({ err, season: seasonId }, 'reading the conflicts of a season failed'));
  };
  const knownConflicts = (seasonId: string): readonly OverrideConflict[] => {
    refreshConflicts(seasonId);
    return conflictCache.get(seasonId)?.conflicts ?? [];
  };
  for (const entry of store.catalog().list()) refreshConflicts(entry.id);

  const subjectOf = (season: Season, matchId: string): string => matchChoicesOf(season, matchId, 1).find((c) => c.value === matchId)?.name ?? matchId;

  /**
   * The journal /edit undo's autocomplete offers, by season (null: every season): answered at once
   * from the last read (autocomplete has 3 seconds and runs per keystroke) and read again behind it,
   * so an edit from another process shows from the next keystroke. This process's changes refresh it.
   */
  const journals = new Map<string, readonly JournalRow[]>();
  const journalKey = (seasonId: string | null): string => seasonId ?? '\u0000all';
  const refreshJournal = async (seasonId: string | null): Promise<readonly JournalRow[]> => {
    const rows = await editing.journalOf(seasonId, { limit: 200 });
    journals.set(journalKey(seasonId), rows);
    return rows;
  };
  const refreshJournals = async (seasonId: string): Promise<void> => {
    await Promise.all([...journals.keys()].filter((k) => k === seasonId || k === journalKey(null)).map((k) => refreshJournal(k === journalKey(null) ? null : k)));
  };

  const undoChoices = (seasonId: string | null, query: string): Choice[] => {
    const q = query.trim().toLowerCase().replace(/^#/, '');
    refreshJournal(seasonId).catch((err: unknown) => log.warn({ err, season: seasonId }, 'reading the journal failed'));
    return (journals.get(journalKey(seasonId)) ?? [])
      .filter((e) => e.action !== 'undo' && e.action !== 'season_new' && e.undoneBy === null)
      .map((e) => ({ name: `#${e.id} ${e.action} ${e.matchId ?? ''} · ${e.editorName} · ${summaryOf(e)}`.replace(/\s+/g, ' ').slice(0, 100), value: String(e.id) }))
      .filter((c) => q === '' || c.name.toLowerCase().includes(q))
      .slice(0, 25);
  };
  // Read once at start, so the first keystroke has choices.
  for (const seasonId of [null, ...store.catalog().list().map((e) => e.id)]) {
    refreshJournal(seasonId).catch((err: unknown) => log.warn({ err, season: seasonId }, 'reading the journal failed'));
  }

  return {
    preview: async (seasonId, change) => {
      const checked = await check(seasonId, change);
      return checked.ok ? checked.preview : checked;
    },
    confirm: async (seasonId, change, editor) => confirm(seasonId, change, editor),
    undo: async (entryId, editor) => undo(entryId, editor),
    log: async (seasonId, matchId): Promise<EditLog> => ({
      entries: (await editing.journalOf(seasonId, { matchId: matchId ?? null })).map(toEntry),
      conflicts: (await conflictsOf(seasonId)).filter((c) => matchId === undefined || matchId === null || c.match === matchId),
    }),
    entry: async (entryId) => {
      const row = await editing.journalEntry(entryId);
      return row === null ? null : toEntry(row);
    },
    matchChoices: (seasonId, query) => {
      const season = store.catalog().get(seasonId);
      return season === undefined ? [] : matchChoicesOf(season, query, 25, today());
    },
    roundChoices: (seasonId, query) => {
      const season = store.catalog().get(seasonId);
      return season === undefined ? [] : roundChoicesOf(season, query);
    },
    undoChoices,
    formatChoices: () => formatTemplates().map((t) => ({ name: `${t.id}: ${t.label}`.slice(0, 100), value: t.id })),
    conflicts: knownConflicts,
    onConflicts: (listener) => store.onConflicts(listener),
  };
}

const summaryOf = (e: JournalRow): string => describeChange(null, {}, e.after).join(', ');

