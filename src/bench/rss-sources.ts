// Where a process's resident pages come from, read from /proc/<pid>/smaps: the memory probe (preloaded
// into both bench bots) reports it, so an idle-memory ratio that fails says which part differs.

export interface RssBySource {
  readonly nodeReadOnlyData: number;
  readonly addons: number;
  /** The main thread's malloc arena (`[heap]`). */
  readonly mallocHeap: number;
  /**
   * glibc's malloc arenas of the other threads (V8's compiler and GC workers, libuv's pool): freed
   * memory they keep is what makes one restart of a bot several MiB higher than another.
   */
  readonly threadArenas: number;
}

// A mapping's header line: `start-end perms offset dev inode path`; its `Rss:` line follows.
const MAPPING = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ \d+\s*(.*)$/;
const RSS_LINE = /^Rss:\s+(\d+) kB/;

/**
 * glibc reserves each thread arena as one 64 MiB block aligned to its size (HEAP_MAX_SIZE on 64-bit):
 * the part in use is read-write, the rest inaccessible, two anonymous mappings side by side.
 */
const ARENA_BYTES = 64n * 1024n * 1024n;

interface Mapping {
  readonly start: bigint;
  readonly end: bigint;
  readonly perms: string;
  readonly path: string;
  rssKb: number;
}

const sourceOf = (m: Mapping, next: Mapping | undefined, nodePath: string): keyof RssBySource | null => {
  if (m.path === nodePath && m.perms === 'r--p') return 'nodeReadOnlyData';
  if (m.path.endsWith('.node')) return 'addons';
  if (m.path === '[heap]') return 'mallocHeap';
  const arena =
    m.path === '' && m.perms === 'rw-p' && m.start % ARENA_BYTES === 0n &&
    next !== undefined && next.path === '' && next.perms === '---p' && next.start === m.end && next.end - m.start === ARENA_BYTES;
  return arena ? 'threadArenas' : null;
};

/** Resident bytes by source, from the text of /proc/<pid>/smaps; `nodePath` is the node binary's. */
export const rssBySource = (smaps: string, nodePath: string): RssBySource => {
  const mappings: Mapping[] = [];
  for (const line of smaps.split('\n')) {
    const header = MAPPING.exec(line);
    if (header !== null) {
      const [, start = '0', end = '0', perms = '', path = ''] = header;
      mappings.push({ start: BigInt(`0x${start}`), end: BigInt(`0x${end}`), perms, path: path.trim(), rssKb: 0 });
      continue;
    }
    const rss = RSS_LINE.exec(line);
    const current = mappings.at(-1);
    if (rss && current !== undefined) current.rssKb = Number(rss[1]);
  }
  const kb: Record<keyof RssBySource, number> = { nodeReadOnlyData: 0, addons: 0, mallocHeap: 0, threadArenas: 0 };
  mappings.forEach((m, i) => {
    const source = sourceOf(m, mappings[i + 1], nodePath);
    if (source !== null) kb[source] += m.rssKb;
  });
  return {
    nodeReadOnlyData: kb.nodeReadOnlyData * 1024,
    addons: kb.addons * 1024,
    mallocHeap: kb.mallocHeap * 1024,
    threadArenas: kb.threadArenas * 1024,
  };
};
