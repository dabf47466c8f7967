// Two processes on one SQLite file (two stores, real SQLite): B follows what A imports.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dataSignature, startDataWatch } from '../src/data-watch.js';
import type { Logger } from '../src/log.js';
import { openSeasonStore } from '../src/season-store.js';
import { DEFAULT_SEASON_FILE, SEASONS_FOLDER } from '../src/season/read.js';
import { attachSeasonStore } from '../src/shard-store.js';

const dir = mkdtempSync(join(tmpdir(), 'caf-data-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CL_FILE = join(SEASONS_FOLDER, 'caf-cl-2023-24.json');
const copyOf = (source: string, name: string): string => {
  const path = join(mkdtempSync(join(dir, 'files-')), name);
  copyFileSync(source, path);
  return path;
};
const logLines = (): { log: Logger; lines: { level: number; msg: string }[] } => {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
  return { log, lines };
};

/** Two processes' stores on one database, both serving the two shipped 2023-24 seasons. */
const twoProcesses = (name: string) => {
  const databasePath = join(dir, `${name}.sqlite`);
  const seasonFiles = [copyOf(DEFAULT_SEASON_FILE, 'cc.json'), copyOf(CL_FILE, 'cl.json')];
  const a = openSeasonStore({ databasePath, seasonFiles });
  const b = attachSeasonStore({ databasePath, seasonFiles });
  return { databasePath, seasonFiles, a, b, close: () => (a.close(), b.close()) };
};

/** The Champions League as A's source would publish it, with the first match's venue changed. */
const withVenue = (store: ReturnType<typeof openSeasonStore>, venue: string) => {
  const current = store.catalog().get('caf-cl-2023-24')!;
  return { ...current, matches: current.matches.map((m, i) => (i === 0 ? { ...m, venue } : m)) };
};

describe('data watch: other processes follow the database', () => {
  it("process B serves A's source import after its check, and only reloads when something changed", async () => {
    const { a, b, close } = twoProcesses('source');
    const { log, lines } = logLines();
    const reload = vi.fn(b.reload);
    const watch = startDataWatch({ db: b.db, reload, log, intervalMs: 0 });
    try {
      expect(await watch.check()).toBe(false);
      expect(reload).not.toHaveBeenCalled();

      await a.importFromSource(withVenue(a, 'Published by the source'), 'h1');
      // Before its check B still serves its snapshot; the database already holds the new data.
      expect(b.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).not.toBe('Published by the source');
      const before = b.catalog().get('caf-cc-2023-24');
      expect(await watch.check()).toBe(true);
      expect(b.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('Published by the source');
      const updatedAt = (store: typeof a) => store.catalog().list().find((e) => e.id === 'caf-cl-2023-24')?.updatedAt?.getTime();
      expect(updatedAt(a)).toEqual(expect.any(Number));
      expect(updatedAt(b)).toBe(updatedAt(a));
      // The other season is served again too (a reload reads every season), with the same data.
      expect(b.catalog().get('caf-cc-2023-24')?.matches.length).toBe(before?.matches.length);
      expect(reload).toHaveBeenCalledTimes(1);
      expect(lines.filter((l) => l.msg.includes('reloaded'))).toHaveLength(1);

      // Nothing new: no second reload.
      expect(await watch.check()).toBe(false);
      expect(reload).toHaveBeenCalledTimes(1);

      // A second update of the same season is followed as well.
      await a.importFromSource(withVenue(a, 'Moved again'), 'h2');
      expect(await watch.check()).toBe(true);
      expect(b.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('Moved again');
    } finally {
      watch.stop();
      close();
    }
  });

  it('follows a season file another bot imported at its start (an edited file)', async () => {
    const { databasePath, seasonFiles, a, b, close } = twoProcesses('file');
    const watch = startDataWatch({ db: b.db, reload: b.reload, log: pino({ level: 'silent' }), intervalMs: 0 });
    try {
      const cc = seasonFiles[0]!;
      const json = JSON.parse(readFileSync(cc, 'utf8')) as { matches: { id: string; venue: string | null }[] };
      json.matches.find((m) => m.id === 'GA-MD1-1')!.venue = 'Edited venue';
      writeFileSync(cc, JSON.stringify(json, null, 2));
      const restarted = openSeasonStore({ databasePath, seasonFiles });
      restarted.close();
      expect(await watch.check()).toBe(true);
      expect(b.catalog().get('caf-cc-2023-24')?.matches.find((m) => m.id === 'GA-MD1-1')?.venue).toBe('Edited venue');
      expect(a.catalog().get('caf-cc-2023-24')?.matches.find((m) => m.id === 'GA-MD1-1')?.venue).not.toBe('Edited venue');
    } finally {
      watch.stop();
      close();
    }
  });

  it("the importing process notes its own import instead of reloading twice", async () => {
    const { a, close } = twoProcesses('own');
    const reload = vi.fn(a.reload);
    const watch = startDataWatch({ db: a.db, reload, log: pino({ level: 'silent' }), intervalMs: 0 });
    try {
      await a.importFromSource(withVenue(a, 'Own import'), 'own1');
      await watch.noteCurrent();
      expect(await watch.check()).toBe(false);
      expect(reload).not.toHaveBeenCalled();
      expect(a.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('Own import');
    } finally {
      watch.stop();
      close();
    }
  });

  it('checks on its timer', async () => {
    const { a, b, close } = twoProcesses('timer');
    const watch = startDataWatch({ db: b.db, reload: b.reload, log: pino({ level: 'silent' }), intervalMs: 20 });
    try {
      await a.importFromSource(withVenue(a, 'Seen on the timer'), 't1');
      await vi.waitFor(() => expect(b.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('Seen on the timer'), { timeout: 2000, interval: 10 });
    } finally {
      watch.stop();
      close();
    }
  });

  it('a failing reload keeps the data already served, is logged once, and is retried at the next check', async () => {
    const { a, b, close } = twoProcesses('failing');
    const { log, lines } = logLines();
    let broken = true;
    const reload = async (): Promise<void> => {
      if (broken) throw new Error('database is locked');
      await b.reload();
    };
    const watch = startDataWatch({ db: b.db, reload, log, intervalMs: 0 });
    try {
      await a.importFromSource(withVenue(a, 'After the failure'), 'f1');
      expect(await watch.check()).toBe(false);
      expect(await watch.check()).toBe(false);
      expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
      expect(b.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).not.toBe('After the failure');
      broken = false;
      expect(await watch.check()).toBe(true);
      expect(b.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('After the failure');
    } finally {
      watch.stop();
      close();
    }
  });

  it('the signature names each stored season with its newest import', async () => {
    const { a, close } = twoProcesses('signature');
    try {
      const signature = dataSignature(a.db);
      expect(signature).toMatch(/^caf-cc-2023-24:\d+,caf-cl-2023-24:\d+$/);
      await a.importFromSource(withVenue(a, 'x'), 's1');
      const next = dataSignature(a.db);
      expect(next.split(',')[0]).toBe(signature.split(',')[0]);
      expect(next.split(',')[1]).not.toBe(signature.split(',')[1]);
    } finally {
      close();
    }
  });
});
