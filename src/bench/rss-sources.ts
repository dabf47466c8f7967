// Where a process's resident pages come from, read from /proc/<pid>/smaps: the memory probe (preloaded
// into both bench bots) reports it, so an idle-memory ratio that fails says which part differs.

export interface RssBySource {
  readonly nodeReadOnlyData: number;
  readonly addons: number;
  readonly mallocHeap: number;
}

// A mapping's header line: `start-end perms offset dev inode path`; its `Rss:` line follows.
const MAPPING = /^[0-9a-f]+-[0-9a-f]+ (\S{4}) \S+ \S+ \d+\s*(.*)$/;
const RSS_LINE = /^Rss:\s+(\d+) kB/;

/** Resident bytes by source, from the text of /proc/<pid>/smaps; `nodePath` is the node binary's. */
export const rssBySource = (smaps: string, nodePath: string): RssBySource => {
  const kb: Record<keyof RssBySource, number> = { nodeReadOnlyData: 0, addons: 0, mallocHeap: 0 };
  // The source of the mapping whose lines are being read; null for one counted nowhere.
  let source: keyof RssBySource | null = null;
  for (const line of smaps.split('\n')) {
    const mapping = MAPPING.exec(line);
    if (mapping !== null) {
      const [, perms = '', path = ''] = mapping;
      source =
        path === nodePath && perms === 'r--p' ? 'nodeReadOnlyData'
        : path.endsWith('.node') ? 'addons'
        : path === '[heap]' ? 'mallocHeap'
        : null;
      continue;
    }
    const rss = source === null ? null : RSS_LINE.exec(line);
    if (source !== null && rss) kb[source] += Number(rss[1]);
  }
  return { nodeReadOnlyData: kb.nodeReadOnlyData * 1024, addons: kb.addons * 1024, mallocHeap: kb.mallocHeap * 1024 };
};
