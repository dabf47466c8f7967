// Re-planning when a season's data changes, whoever changed it (a source update, a reload): the
// dispatcher's heartbeat looks at the seasons the store serves and re-plans only the channels of a
// season changed since it was last planned. A catalog entry's `updatedAt` (its last import) tells;
// without one, the season's snapshot object (a store replaces it on a change). A spurious change only
// re-plans, which is idempotent.
import { LEGACY_SEASON_ID } from '../domain/announcements.js';
import type { Season } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { SeasonSource } from '../planning/announcements.js';

export interface SeasonWatch {
  /** Records the seasons as they are now (after a full re-plan). */
  prime(): void;
  /** Re-plans the seasons changed since the last look; returns their ids. Never throws. */
  check(): string[];
}

/** Each season's version: its last import time when the catalog knows it, else its snapshot. */
const versionsOf = (source: SeasonSource): Map<string, number | Season> => {
  // One bare season is the legacy season every channel followed.
  if ('matches' in source) return new Map([[LEGACY_SEASON_ID, source]]);
  const versions = new Map<string, number | Season>();
  for (const entry of source.list?.() ?? []) {
    const season = entry.updatedAt === null ? source.get(entry.id) : entry.updatedAt.getTime();
    if (season !== undefined) versions.set(entry.id, season);
  }
  return versions;
};

export function createSeasonWatch(source: () => SeasonSource, replan: (seasonIds: readonly string[]) => unknown, log: Logger): SeasonWatch {
  let seen = new Map<string, number | Season>();
  return {
    prime: () => {
      seen = versionsOf(source());
    },
    check: () => {
      try {
        const now = versionsOf(source());
        const changed = [...now].filter(([id, version]) => seen.get(id) !== version).map(([id]) => id);
        if (changed.length > 0) {
          replan(changed);
          log.info({ seasons: changed }, 'season data changed; its channels were re-planned');
        }
        seen = now;
        return changed;
      } catch (err) {
        // Tried again on the next beat: `seen` still holds the seasons last planned.
        log.error({ err }, 're-planning a changed season failed; retried on the next heartbeat');
        return [];
      }
    },
  };
}
