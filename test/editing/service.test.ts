// The editing service on a real SQLite file with the real store: an edit is served at once, kept
// across restarts, file re-imports and source updates (the conflict reported), undone back to the
// source's value, refused when later changes depend on it; a season built by editors from a format
// template is served across restarts; results and goals become "known" when saved.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { journalOf, sightingsOf } from '../../src/db/editing.js';
import { createEditing } from '../../src/editing/service.js';
import type { Change, EditingService, Editor } from '../../src/editing/types.js';
import { openSeasonStore, type SeasonStore } from '../../src/season-store.js';
import { captureLog, clSeasonFile, matchOf, withoutResult } from '../sources/support.js';

const ID = 'caf-cl-2023-24';
const EDITOR: Editor = { id: '111111111111111111', name: 'Ama', guildId: '222222222222222222' };
const OTHER: Editor = { id: '333333333333333333', name: 'Kofi', guildId: '222222222222222222' };

let dir: string;
let file: string;
let stores: SeasonStore[];
let now: Date;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'editing-'));
  file = join(dir, `${ID}.json`);
  stores = [];
  now = new Date('2024-05-25T20:00:00Z');
});
afterEach(() => {
  for (const store of stores) store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The Champions League file with the final's second leg not played yet (a season in progress). */
const writeSeason = (change?: (f: ReturnType<typeof clSeasonFile>) => void): void => {
  const f = clSeasonFile();
  withoutResult(f, 'F-L2');
  f.champion = null;
  change?.(f);
  writeFileSync(file, JSON.stringify(f));
};

const open = (): { store: SeasonStore; editing: EditingService; log: ReturnType<typeof captureLog> } => {
  const log = captureLog();
  const store = openSeasonStore({ databasePath: join(dir, 'bot.sqlite'), seasonFiles: [file], log: log.logger });
  stores.push(store);
  const editing = createEditing({ store, clock: { now: () => now }, logger: log.logger });
  return { store, editing, log };
};

const close = (store: SeasonStore): void => {
  store.close();
  stores = stores.filter((s) => s !== store);
};

const final = (store: SeasonStore) => store.catalog().get(ID)?.matches.find((m) => m.id === 'F-L2');

const result = (home: number, away: number, source = 'https://www.cafonline.com/final'): Extract<Change, { kind: 'result' }> => ({ kind: 'result', match: 'F-L2', home, away, source });

describe('an edit', () => {
  test('is previewed without a write, then saved: served at once, journaled, and its result known from the bot\'s now', async () => {
    writeSeason();
    const { store, editing } = open();
    const preview = await editing.preview(ID, result(1, 0));
    expect(preview).toMatchObject({ ok: true, matchId: 'F-L2', after: { status: 'played', score: { home: 1, away: 0 } } });
    expect(preview.ok && preview.lines).toContain('Score: not known → 1–0');
    expect(final(store)?.score).toBeNull();
    expect(journalOf(store.db, ID)).toEqual([]);

    const saved = await editing.confirm(ID, result(1, 0), EDITOR);
    expect(saved).toMatchObject({ ok: true, entry: { action: 'result', matchId: 'F-L2', editor: EDITOR, source: 'https://www.cafonline.com/final', before: { status: 'scheduled', score: null }, after: { status: 'played', score: { home: 1, away: 0 } } } });
    expect(final(store)).toMatchObject({ status: 'played', score: { home: 1, away: 0 } });
    expect(sightingsOf(store.db, ID, 'F-L2')).toEqual([expect.objectContaining({ fact: 'result', knownAt: now })]);

    now = new Date('2024-05-25T20:05:00Z');
    const goal = await editing.confirm(ID, { kind: 'goal', match: 'F-L2', team: 'ahly', player: 'Reda Slim', minute: '84', source: 'CAF match report' }, EDITOR);
    expect(goal.ok).toBe(true);
    expect(final(store)?.goals).toEqual([{ team: 'al-ahly-sc', player: 'Reda Slim', minute: '84', type: 'regular' }]);
    expect(sightingsOf(store.db, ID, 'F-L2').map((s) => [s.fact, s.knownAt.toISOString()])).toEqual([
      ['result', '2024-05-25T20:00:00.000Z'],
      ['goal:al-ahly-sc|84|Reda Slim', '2024-05-25T20:05:00.000Z'],
    ]);
  });

  test('survives a restart, a re-import of a changed file, and is exported by the store as served', async () => {
    writeSeason();
    const first = open();
    expect((await first.editing.confirm(ID, result(1, 0), EDITOR)).ok).toBe(true);
    close(first.store);

    const restarted = open();
    expect(final(restarted.store)).toMatchObject({ status: 'played', score: { home: 1, away: 0 } });
    close(restarted.store);

    // The file changes elsewhere (a venue): it is imported again, and the edit stays on top.
    writeSeason((f) => {
      matchOf(f, 'F-L1').venue = 'Stade Olympique de Radès, Tunis';
    });
    const reimported = open();
    expect(reimported.store.imported).toBe(true);
    expect(reimported.store.catalog().get(ID)?.matches.find((m) => m.id === 'F-L1')?.venue).toBe('Stade Olympique de Radès, Tunis');
    expect(final(reimported.store)).toMatchObject({ status: 'played', score: { home: 1, away: 0 } });
    // A file import at start makes nothing "known": only the edit's sighting is there.
    expect(sightingsOf(reimported.store.db, ID).map((s) => s.fact)).toEqual(['result']);
  });

  test('a start reads no season base for a season without overrides; one with an override is read for its conflicts', async () => {
    writeSeason();
    const readsOf = (store: SeasonStore): string[] => {
      const reads: string[] = [];
      const readBase = store.editing.readBase;
      store.editing.readBase = async (seasonId) => {
        reads.push(seasonId);
        return readBase(seasonId);
      };
      return reads;
    };
    const log = captureLog();
    const plain = openSeasonStore({ databasePath: join(dir, 'bot.sqlite'), seasonFiles: [file], log: log.logger });
    stores.push(plain);
    const plainReads = readsOf(plain);
    const plainEditing = createEditing({ store: plain, clock: { now: () => now }, logger: log.logger });
    expect((await plainEditing.log(ID)).conflicts).toEqual([]);
    expect(plainReads).toEqual([]);
    expect((await plainEditing.confirm(ID, result(2, 0), EDITOR)).ok).toBe(true);
    close(plain);

    const edited = openSeasonStore({ databasePath: join(dir, 'bot.sqlite'), seasonFiles: [file], log: log.logger });
    stores.push(edited);
    const editedReads = readsOf(edited);
    const editedEditing = createEditing({ store: edited, clock: { now: () => now }, logger: log.logger });
    expect((await editedEditing.log(ID)).conflicts).toEqual([]);
    expect(editedReads).toContain(ID);
  });

  test('a source update keeps the edit and reports the conflict once; undo restores the source\'s value', async () => {
    writeSeason();
    const { store, editing, log } = open();
    const reported: unknown[] = [];
    editing.onConflicts((seasonId, conflicts) => reported.push({ seasonId, conflicts }));
    const saved = await editing.confirm(ID, result(2, 0), EDITOR);
    if (!saved.ok) throw new Error(saved.problems.join('\n'));

    // The source publishes the real result, 1-0, and a kickoff.
    const fromSource = clSeasonFile();
    fromSource.champion = null;
    withoutResult(fromSource, 'F-L2');
    Object.assign(matchOf(fromSource, 'F-L2'), { status: 'played', score: { home: 1, away: 0 } });
    const { parseSeason } = await import('../../src/season/parse.js');
    const sourceSeason = parseSeason(fromSource, 'source').season;
    now = new Date('2024-05-25T21:00:00Z');
    store.importFromSource(sourceSeason, 'abc');
    expect(final(store)?.score).toEqual({ home: 2, away: 0 });
    const conflict = { season: ID, match: 'F-L2', field: 'score', sourceValue: { home: 1, away: 0 }, overrideValue: { home: 2, away: 0 }, journal: String(saved.entry.id) };
    expect(reported).toEqual([{ seasonId: ID, conflicts: [conflict] }]);
    store.importFromSource(sourceSeason, 'abc');
    expect(reported).toHaveLength(1);
    expect(log.lines().filter((l) => l.msg === "the source differs from an editor's override; the override stays")).toHaveLength(1);
    expect((await editing.log(ID)).conflicts).toEqual([conflict]);
    // The source's result was not new to fans (the edit's was served): no second sighting.
    expect(sightingsOf(store.db, ID, 'F-L2').map((s) => s.knownAt.toISOString())).toEqual(['2024-05-25T20:00:00.000Z']);

    now = new Date('2024-05-25T22:00:00Z');
    const undone = await editing.undo(saved.entry.id, OTHER);
    expect(undone).toMatchObject({ ok: true, entry: { action: 'undo', undoes: saved.entry.id, editor: OTHER }, undone: { id: saved.entry.id } });
    expect(final(store)?.score).toEqual({ home: 1, away: 0 });
    // The corrected result is known again from the undo.
    expect(sightingsOf(store.db, ID, 'F-L2')).toEqual([expect.objectContaining({ fact: 'result', knownAt: now })]);
    const entries = (await editing.log(ID)).entries;
    expect(entries.map((e) => [e.action, e.undoes, e.undoneBy])).toEqual([
      ['undo', saved.entry.id, null],
      ['result', null, entries[0]?.id],
    ]);
    expect((await editing.log(ID)).conflicts).toEqual([]);
    expect(await editing.undo(saved.entry.id, OTHER)).toMatchObject({ ok: false, reason: 'undone' });
  });

  test('a source import that brings a new result and goals records them as known from the bot clock; the same data again records nothing', async () => {
    writeSeason();
    const { store } = open();
    // A restart's file import recorded nothing.
    expect(sightingsOf(store.db, ID)).toEqual([]);
    const fromSource = clSeasonFile();
    fromSource.champion = null;
    withoutResult(fromSource, 'F-L2');
    Object.assign(matchOf(fromSource, 'F-L2'), { status: 'played', score: { home: 1, away: 0 }, goals: [{ team: 'Al Ahly SC', player: 'Reda Slim', minute: '84', type: 'regular' }] });
    const { parseSeason } = await import('../../src/season/parse.js');
    const sourceSeason = parseSeason(fromSource, 'source').season;
    createEditing({ store, clock: { now: () => now }, logger: captureLog().logger });
    store.importFromSource(sourceSeason, 'v1');
    expect(sightingsOf(store.db, ID).map((s) => [s.matchId, s.fact, s.knownAt.toISOString()])).toEqual([
      ['F-L2', 'goal:al-ahly-sc|84|Reda Slim', now.toISOString()],
      ['F-L2', 'result', now.toISOString()],
    ]);
    now = new Date('2024-05-26T10:00:00Z');
    store.importFromSource(sourceSeason, 'v2');
    expect(sightingsOf(store.db, ID)).toHaveLength(2);
    expect(sightingsOf(store.db, ID).every((s) => s.knownAt.toISOString() === '2024-05-25T20:00:00.000Z')).toBe(true);
  });

  test('an undo that later changes depend on is refused and names them', async () => {
    writeSeason();
    const { store, editing } = open();
    const original = final(store)?.kickoff;
    const first = await editing.confirm(ID, { kind: 'kickoff', match: 'F-L2', at: '2024-05-25 19:00 UTC', source: 'CAF' }, EDITOR);
    const second = await editing.confirm(ID, { kind: 'kickoff', match: 'F-L2', at: '2024-05-25T20:00:00Z', source: 'CAF' }, EDITOR);
    if (!first.ok || !second.ok) throw new Error('not saved');
    const refused = await editing.undo(first.entry.id, OTHER);
    expect(refused).toMatchObject({ ok: false, reason: 'depends', dependents: [{ id: second.entry.id }] });
    expect(refused.ok ? [] : refused.problems).toEqual([`Later changes build on change #${first.entry.id}: undo #${second.entry.id} first.`]);
    expect(journalOf(store.db, ID)).toHaveLength(2);

    // A result with goals: undoing the result under its goals would leave goals without a score.
    const res = await editing.confirm(ID, result(1, 0), EDITOR);
    const goal = await editing.confirm(ID, { kind: 'goal', match: 'F-L2', team: 'Al Ahly', player: 'Reda Slim', minute: '84', source: 'CAF' }, EDITOR);
    if (!res.ok || !goal.ok) throw new Error('not saved');
    expect(await editing.undo(res.entry.id, OTHER)).toMatchObject({ ok: false, reason: 'depends', dependents: [{ id: goal.entry.id }] });
    expect((await editing.undo(goal.entry.id, OTHER)).ok).toBe(true);
    expect((await editing.undo(res.entry.id, OTHER)).ok).toBe(true);
    expect((await editing.undo(second.entry.id, OTHER)).ok).toBe(true);
    expect((await editing.undo(first.entry.id, OTHER)).ok).toBe(true);
    expect(final(store)).toMatchObject({ status: 'scheduled', score: null, kickoff: original, goals: [] });
  });

  test('bad input is refused with the reason and writes nothing', async () => {
    writeSeason();
    const { store, editing } = open();
    // The day before the second leg: its goals cannot be saved yet.
    now = new Date('2024-05-24T12:00:00Z');
    const cases: [Change, RegExp][] = [
      [result(-1, 0), /whole number from 0 to 99/],
      [result(100, 0), /whole number from 0 to 99/],
      [{ ...result(1, 0), match: 'X-99' }, /No match X-99/],
      [{ ...result(1, 0), source: '  ' }, /Say where you read it/],
      [{ ...result(1, 0), penalties: '4-3' }, /Penalties follow a level score/],
      [{ ...result(1, 1), penalties: '3-3' }, /cannot end level/],
      [{ kind: 'goal', match: 'F-L1', team: 'Zamalek', player: 'X', minute: '10', source: 's' }, /No club of this match matches|not playing/],
      [{ kind: 'goal', match: 'F-L2', team: 'Al Ahly', player: 'X', minute: '10', source: 's' }, /has not kicked off yet/],
      [{ kind: 'goal', match: 'F-L1', team: 'Al Ahly', player: 'X', minute: 'abc', source: 's' }, /"abc" is not a minute/],
      [{ kind: 'goal', match: 'F-L1', team: 'Al Ahly', player: 'X', minute: '200', source: 's' }, /after the end of a match/],
      [{ kind: 'goal', match: 'F-L1', team: 'Al Ahly', player: 'X', minute: '20', source: 's' }, /more than the score/],
      [{ kind: 'kickoff', match: 'F-L2', at: 'tomorrow', source: 's' }, /not a kickoff time/],
      [{ kind: 'status', match: 'F-L2', status: 'awarded', source: 's' }, /Give the score/],
      [{ kind: 'status', match: 'F-L2', status: 'awarded', score: '1-1', source: 's' }, /level/],
    ];
    for (const [change, problem] of cases) {
      const preview = await editing.preview(ID, change);
      expect(preview.ok, JSON.stringify(change)).toBe(false);
      expect(preview.ok ? '' : preview.problems.join(' '), JSON.stringify(change)).toMatch(problem);
      expect((await editing.confirm(ID, change, EDITOR)).ok).toBe(false);
    }
    expect(journalOf(store.db, ID)).toEqual([]);
  });

  test('a goal saved while the match is played (after kickoff, before the result): the running score, not a result', async () => {
    writeSeason((f) => Object.assign(matchOf(f, 'F-L2'), { kickoff: '2024-05-25T19:00:00Z' }));
    const { store, editing } = open();
    const goal = (team: string, player: string, minute: string): Change => ({ kind: 'goal', match: 'F-L2', team, player, minute, source: 'CAF live' });
    now = new Date('2024-05-25T18:59:00Z');
    expect(await editing.preview(ID, goal('Al Ahly', 'Reda Slim', '10'))).toMatchObject({ ok: false, problems: [expect.stringMatching(/has not kicked off yet/)] });

    now = new Date('2024-05-25T19:12:00Z');
    const preview = await editing.preview(ID, goal('Al Ahly', 'Reda Slim', '10'));
    expect(preview.ok && preview.lines).toEqual(["Goals: none → Reda Slim 10' for Al Ahly SC", 'Score so far: Al Ahly SC 1–0 Espérance de Tunis (match in play, no result yet)']);
    const first = await editing.confirm(ID, goal('Al Ahly', 'Reda Slim', '10'), EDITOR);
    expect(first).toMatchObject({ ok: true, entry: { action: 'goal', after: { goals: [{ team: 'al-ahly-sc', player: 'Reda Slim', minute: '10' }] } } });
    // Still no result: scheduled, no score, and only the goal is known (from its saving).
    expect(final(store)).toMatchObject({ status: 'scheduled', score: null, goals: [{ team: 'al-ahly-sc', minute: '10' }] });
    expect(sightingsOf(store.db, ID, 'F-L2').map((s) => [s.fact, s.knownAt.toISOString()])).toEqual([['goal:al-ahly-sc|10|Reda Slim', '2024-05-25T19:12:00.000Z']]);

    now = new Date('2024-05-25T20:05:00Z');
    // Validation still holds in play: a club not in the match, minute 200; extra time is possible in a final.
    for (const [change, problem] of [
      [goal('Zamalek', 'X', '50'), /No club of this match matches|not playing/],
      [goal('Espérance', 'X', '200'), /after the end of a match/],
      [goal('Espérance', 'X', 'abc'), /is not a minute/],
    ] as const) {
      const refusedGoal = await editing.preview(ID, change);
      expect(refusedGoal.ok ? '' : refusedGoal.problems.join(' ')).toMatch(problem);
    }
    expect((await editing.confirm(ID, goal('Espérance', 'Yan Sasse', '61'), EDITOR)).ok).toBe(true);
    expect((await editing.confirm(ID, goal('Al Ahly', 'Reda Slim', '10'), EDITOR))).toMatchObject({ ok: false, problems: ['This goal is already recorded.'] });

    // The result must agree with the goals saved: 1-0 is one goal short for Espérance; 2-1 needs extra time for a 105th-minute goal.
    expect(await editing.preview(ID, result(1, 0))).toMatchObject({ ok: false, problems: [expect.stringMatching(/1 goals are recorded for Espérance.*more than the 0/)] });
    const extra = await editing.confirm(ID, goal('Al Ahly', 'Percy Tau', '105'), EDITOR);
    expect(extra.ok).toBe(true);
    expect(await editing.preview(ID, result(2, 1))).toMatchObject({ ok: false, problems: [expect.stringMatching(/minute 105, in extra time/)] });
    const full = await editing.confirm(ID, { ...result(2, 1), extraTime: true }, EDITOR);
    if (!full.ok) throw new Error(full.problems.join(' '));
    expect(final(store)).toMatchObject({ status: 'played', score: { home: 2, away: 1 }, extraTime: true });
    expect(final(store)?.goals.map((g) => g.minute)).toEqual(['10', '61', '105']);

    // The goals were saved before the result, so undoing the result puts the match back in play; a goal saved after it blocks that.
    const undone = await editing.undo(full.entry.id, OTHER);
    expect(undone.ok).toBe(true);
    expect(final(store)).toMatchObject({ status: 'scheduled', score: null, extraTime: false });
    expect(final(store)?.goals).toHaveLength(3);
    const again = await editing.confirm(ID, { ...result(3, 1), extraTime: true }, EDITOR);
    const late = await editing.confirm(ID, goal('Al Ahly', 'Kahraba', '110'), EDITOR);
    if (!again.ok || !late.ok) throw new Error('not saved');
    expect(await editing.undo(again.entry.id, OTHER)).toMatchObject({ ok: false, reason: 'depends', dependents: [{ id: late.entry.id }] });

    // The served season passes the season file's rules (data:export writes it back).
    const { seasonProblems } = await import('../../src/editing/service.js');
    expect((await editing.undo(late.entry.id, OTHER)).ok).toBe(true);
    expect((await editing.undo(again.entry.id, OTHER)).ok).toBe(true);
    expect(seasonProblems(store.catalog().get(ID)!)).toEqual([]);
  });

  test('a kickoff moved across midnight moves the match to the UTC date of the new kickoff', async () => {
    writeSeason((f) => Object.assign(matchOf(f, 'F-L2'), { kickoff: '2024-05-25T19:00:00Z' }));
    const { store, editing } = open();
    const moved = await editing.confirm(ID, { kind: 'kickoff', match: 'F-L2', at: '2024-05-26 00:30 UTC', source: 'CAF' }, EDITOR);
    expect(moved).toMatchObject({ ok: true, entry: { before: { kickoff: '2024-05-25T19:00:00Z', date: '2024-05-25' }, after: { kickoff: '2024-05-26T00:30:00Z', date: '2024-05-26' } } });
    expect(final(store)).toMatchObject({ kickoff: '2024-05-26T00:30:00Z', date: '2024-05-26' });
    // An offset is read as the UTC instant: 01:30 in Cairo (+02:00) on the 26th is 23:30 UTC on the 25th.
    expect(await editing.confirm(ID, { kind: 'kickoff', match: 'F-L2', at: '2024-05-26T01:30:00+02:00', source: 'CAF' }, EDITOR)).toMatchObject({ ok: true });
    expect(final(store)).toMatchObject({ kickoff: '2024-05-25T23:30:00Z', date: '2024-05-25' });
  });

  test('a result for a match whose result no source published is saved and served as played', async () => {
    const cc = join(dir, 'caf-cc-2023-24.json');
    writeFileSync(cc, readFileSync(new URL('../../data/seasons/caf-cc-2023-24.json', import.meta.url), 'utf8'));
    const store = openSeasonStore({ databasePath: join(dir, 'cc.sqlite'), seasonFiles: [cc] });
    stores.push(store);
    const editing = createEditing({ store, clock: { now: () => now }, logger: captureLog().logger });
    const saved = await editing.confirm('caf-cc-2023-24', { kind: 'result', match: 'GD-MD6-2', home: 1, away: 1, source: 'CAF match centre' }, EDITOR);
    expect(saved).toMatchObject({ ok: true, entry: { before: { status: 'scheduled', resultNotPublished: true }, after: { status: 'played', resultNotPublished: false } } });
    expect(store.catalog().get('caf-cc-2023-24')?.matches.find((m) => m.id === 'GD-MD6-2')).toMatchObject({ status: 'played', resultNotPublished: false, score: { home: 1, away: 1 } });
  });

  test('autocomplete finds a match by club, round and leg', async () => {
    writeSeason();
    const { editing } = open();
    const choices = editing.matchChoices(ID, 'ahly esp final 2');
    expect(choices[0]).toEqual({ name: expect.stringMatching(/Ahly.* v .*Esp.*Final.*leg 2/i), value: 'F-L2' });
    expect(editing.matchChoices(ID, '').length).toBe(25);
    expect(editing.matchChoices(ID, 'zzzz')).toEqual([]);
  });
});

describe('a season built by editors', () => {
  test('starts from a format template, gets fixtures and a result, and is served after a restart', async () => {
    writeSeason();
    const { editing } = open();
    const NEW = 'caf-cl-2025-26';
    const created = await editing.confirm(NEW, { kind: 'season_new', id: NEW, competition: 'CAF Champions League', label: '2025-26', format: 'caf-club-single-final', source: 'https://www.cafonline.com' }, EDITOR);
    expect(created).toMatchObject({ ok: true, entry: { action: 'season_new', seasonId: NEW, matchId: null } });
    expect(editing.roundChoices(NEW, 'final').map((c) => c.value)).toContain('F');

    const fixture = await editing.confirm(NEW, { kind: 'fixture', round: 'F', home: 'Pyramids', away: 'Mamelodi Sundowns', date: '2026-05-30', time: '19:00', venue: 'Cairo', source: 'CAF draw' }, EDITOR);
    if (!fixture.ok) throw new Error(fixture.problems.join('\n'));
    const matchId = fixture.entry.matchId ?? '';
    expect((await editing.confirm(NEW, { kind: 'result', match: matchId, home: 2, away: 1, source: 'CAF' }, EDITOR)).ok).toBe(true);
    expect(await editing.confirm(NEW, { kind: 'fixture', round: 'F', home: 'Pyramids', away: 'Mamelodi Sundowns', date: '2026-05-30', source: 'x' }, EDITOR)).toMatchObject({ ok: false });

    // Two group fixtures bring the same new club; undoing the first keeps the second valid.
    const g1 = await editing.confirm(NEW, { kind: 'fixture', round: 'GA-MD1', home: 'Espérance', away: 'Simba', date: '2025-11-22', source: 'CAF draw' }, EDITOR);
    const g2 = await editing.confirm(NEW, { kind: 'fixture', round: 'GA-MD2', home: 'Simba', away: 'Zamalek', date: '2025-11-29', source: 'CAF draw' }, EDITOR);
    if (!g1.ok || !g2.ok) throw new Error(JSON.stringify([g1, g2]));
    expect((await editing.undo(g1.entry.id, OTHER)).ok).toBe(true);
    expect(editing.matchChoices(NEW, 'simba').map((c) => c.value)).toEqual([g2.entry.matchId]);
    expect((await editing.undo(g2.entry.id, OTHER)).ok).toBe(true);

    const restarted = open();
    const season = restarted.store.catalog().get(NEW);
    expect(season?.competition).toBe('CAF Champions League');
    expect(season?.matches).toEqual([expect.objectContaining({ id: matchId, stage: 'final', leg: null, kickoff: '2026-05-30T19:00:00Z', status: 'played', score: { home: 2, away: 1 } })]);
    expect(season?.teams.map((t) => t.name).sort()).toEqual(['Mamelodi Sundowns', 'Pyramids FC']);
    // The file's season is still served beside it.
    expect(restarted.store.catalog().get(ID)).toBeDefined();
  });
});
