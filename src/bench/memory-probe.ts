// Preloaded by the bench into both bots (`node --expose-gc --import …/memory-probe.js`), never by
// `npm start`: on the bench's IPC message it forces a full GC and answers with process.memoryUsage(),
// plus where the memory is (V8's heap spaces; on Linux, resident pages that are anonymous vs mapped
// from files such as the node binary's ICU data), so a ratio that fails says which part differs.
// It lives here rather than in the bot so production has no such hook.
import { readFileSync, realpathSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { rssBySource, type RssBySource } from './rss-sources.js';

interface ProbeRequest {
  readonly benchProbe?: 'memory';
}

/** Where the resident memory is, beyond process.memoryUsage(). */
export interface MemoryDetail {
  /** V8 heap spaces: bytes reserved (size) and used, by space name (new_space, old_space…). */
  readonly spaces: Readonly<Record<string, { readonly size: number; readonly used: number }>>;
  /** Resident anonymous pages (heaps, stacks) in bytes; null where /proc/self/status is not there. */
  readonly rssAnon: number | null;
  /** Resident pages mapped from files (the node binary, native addons), shared with other processes. */
  readonly rssFile: number | null;
  /**
   * Of those and the anonymous pages, by where they come from (/proc/self/smaps); null outside Linux:
   * the node binary's read-only data (ICU's locale data, which the first use of any Intl service maps),
   * native addons (better-sqlite3's SQLite), the main thread's malloc heap (SQLite's cache, ICU's
   * formatters) and the other threads' malloc arenas.
   */
  readonly rssBy: RssBySource | null;
}

const readOr = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // not Linux: the split of RSS is not known
    return null;
  }
};

const gc = (globalThis as { gc?: () => void }).gc;

const statusKb = (status: string, field: string): number | null => {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  return kb === undefined ? null : Number(kb) * 1024;
};

export const memoryDetail = (): MemoryDetail => {
  const status = readOr('/proc/self/status') ?? '';
  const smaps = readOr('/proc/self/smaps');
  return {
    spaces: Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }])),
    rssAnon: statusKb(status, 'RssAnon'),
    rssFile: statusKb(status, 'RssFile'),
    rssBy: smaps === null ? null : rssBySource(smaps, realpathSync(process.execPath)),
  };
};

if (process.send) {
  process.on('message', (message: ProbeRequest) => {
    if (message?.benchProbe !== 'memory') return;
    // Twice: the first pass can leave finalizable objects for the second.
    gc?.();
    gc?.();
    process.send?.({ benchMemory: { ...process.memoryUsage(), detail: memoryDetail(), gcForced: gc !== undefined } });
  });
  // The IPC channel must not keep a bot alive that was asked to stop.
  process.channel?.unref();
}
