// The editing service (what /edit runs) on PostgreSQL: a result saved is served at once, journaled and
// known from the bot's now; a second process serves it after its reload; a goal goes on top; undo puts
// the season back; /edit undo's choices list the change; a restart keeps the edit on top of the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPgDatabase, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { migratePg } from '../../src/db/pg/migrate.js';
import { pgEditing, pgSeasonData } from '../../src/db/pg/store.js';
import { createEditing } from '../../src/editing/service.js';
import type { Change, Editor } from '../../src/editing/types.js';
import { openServedSeasons, type ServedSeasons } from '../../src/season-store.js';
import { captureLog, clSeasonFile, withoutResult } from '../sources/support.js';
import { freshDatabase } from './support.js';

const ID = 'caf-cl-2023-24';
const EDITOR: Editor = { id: '111111111111111111', name: 'Ama', guildId: '222222222222222222' };
const result = (home: number, away: number): Extract<Change, { kind: 'result' }> => ({ kind: 'result', match: 'F-L2', home, away, source: 'https://www.cafonline.com/final' });
const final = (store: ServedSeasons) => store.catalog().get(ID)?.matches.find((m) => m.id === 'F-L2');

describe('the editing service on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const pools: OpenedPgDatabase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'editing-pg-'));
  const file = join(dir, `${ID}.json`);
  let now = new Date('2024-05-25T20:00:00Z');

  const open = async (): Promise<ServedSeasons> => {
    const opened = openPgDatabase(database.url, { max: 3 });
    pools.push(opened);
    return openServedSeasons({ engine: 'pg', data: pgSeasonData(opened.db), editing: pgEditing(opened.db), seasonFiles: [file], log: captureLog().logger });
  };

  beforeAll(async () => {
    database = await freshDatabase('editing_service');
    const migrator = openPgDatabase(database.url, { max: 1 });
    await migratePg(migrator.pool);
    await migrator.close();
    // The Champions League with the final's second leg not played yet.
    const f = clSeasonFile();
    withoutResult(f, 'F-L2');
    f.champion = null;
    writeFileSync(file, JSON.stringify(f));
  });
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('save, serve in another process, add a goal, undo, restart', async () => {
    const store = await open();
    const other = await open();
    const editing = createEditing({ store, clock: { now: () => now }, logger: captureLog().logger });
    expect(final(store)?.score).toBeNull();

    const preview = await editing.preview(ID, result(1, 0));
    expect(preview).toMatchObject({ ok: true, matchId: 'F-L2', after: { status: 'played', score: { home: 1, away: 0 } } });
    const saved = await editing.confirm(ID, result(1, 0), EDITOR);
    if (!saved.ok) throw new Error(saved.problems.join('\n'));
    expect(final(store)).toMatchObject({ status: 'played', score: { home: 1, away: 0 } });
    expect(await store.editing.sightingsOf(ID, 'F-L2')).toEqual([expect.objectContaining({ fact: 'result', knownAt: now })]);
    expect((await editing.log(ID)).entries.map((e) => [e.id, e.action])).toEqual([[saved.entry.id, 'result']]);
    expect(await editing.entry(saved.entry.id)).toMatchObject({ id: saved.entry.id, editor: EDITOR });
    expect(editing.undoChoices(ID, '').map((c) => c.value)).toEqual([String(saved.entry.id)]);

    // Another process serves it after its reload (its data check).
    expect(final(other)?.score).toBeNull();
    await other.reload();
    expect(final(other)).toMatchObject({ status: 'played', score: { home: 1, away: 0 } });

    now = new Date('2024-05-25T20:05:00Z');
    const goal = await editing.confirm(ID, { kind: 'goal', match: 'F-L2', team: 'ahly', player: 'Reda Slim', minute: '84', source: 'CAF match report' }, EDITOR);
    expect(goal.ok).toBe(true);
    expect(final(store)?.goals).toEqual([{ team: 'al-ahly-sc', player: 'Reda Slim', minute: '84', type: 'regular' }]);

    // The result cannot be undone under its goal; the goal can.
    expect(await editing.undo(saved.entry.id, EDITOR)).toMatchObject({ ok: false, reason: 'depends' });
    if (!goal.ok) throw new Error('goal refused');
    const undone = await editing.undo(goal.entry.id, EDITOR);
    expect(undone).toMatchObject({ ok: true, entry: { action: 'undo', undoes: goal.entry.id }, undone: { id: goal.entry.id } });
    expect(final(store)?.goals).toEqual([]);
    expect(final(store)?.score).toEqual({ home: 1, away: 0 });

    const restarted = await open();
    expect(restarted.imported).toBe(false);
    expect(final(restarted)).toMatchObject({ status: 'played', score: { home: 1, away: 0 }, goals: [] });
  });
});
