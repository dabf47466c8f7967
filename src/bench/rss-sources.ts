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
  let nodeReadOnlyData = 0;
  let addons = 0;
  let mallocHeap = 0;
  let add: ((kb: number) => void) | null = null;
  for (const line of smaps.split('\n')) {
    const mapping = MAPPING.exec(line);
    if (mapping !== null) {
      const [, perms = '', path = ''] = mapping;
      add =
        path === nodePath && perms === 'r--p' ? (kb) => (nodeReadOnlyData += kb)
        : path.endsWith('.node') ? (kb) => (addons += kb)
        : path === '[heap]' ? (kb) => (mallocHeap += kb)
        : null;
      continue;
    }
    const rss = add === null ? null : RSS_LINE.exec(line);
    if (rss) add?.(Number(rss[1]));
  }
  return { nodeReadOnlyData: nodeReadOnlyData * 1024, addons: addons * 1024, mallocHeap: mallocHeap * 1024 };
};
