// Re-planning when a season's data changes, whoever changed it (a source update, a reload): the
// dispatcher's heartbeat looks at the seasons the store serves and re-plans only the channels of a
// season changed since it was last planned. A catalog entry's `updatedAt` (its last import) tells, and
// so does a new snapshot object whose content differs (an edit and its undo saved at one clock instant
// share an import time). A spurious change only re-plans, which is idempotent.
import { LEGACY_SEASON_ID, shortHash } from '../domain/announcements.js';
import type { Season } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { SeasonSource } from '../planning/announcements.js';

export interface SeasonWatch {
  /** Records the seasons as they are now (after a full re-plan). */
  prime(): void;
  /** Re-plans the seasons changed since the last look; returns their ids. Never throws. */
  check(): string[];
}

/** A season as last looked at: its import time (when the catalog knows it) and its snapshot. */
interface Seen {
  readonly updatedAt: number | null;
  readonly season: Season;
}

const contents = new WeakMap<Season, string>();
/**
 * What a season's data says, as one string (computed once per snapshot object): two imports at the
 * same clock instant (an edit and its undo on a clock standing still) still differ by their content.
 */
const contentOf = (season: Season): string => {
  let text = contents.get(season);
  if (text === undefined) {
    text = shortHash(JSON.stringify(season.matches));
    contents.set(season, text);
  }
  return text;
};

const versionsOf = (source: SeasonSource): Map<string, Seen> => {
  // One bare season is the legacy season every channel followed.
  if ('matches' in source) return new Map([[LEGACY_SEASON_ID, { updatedAt: null, season: source }]]);
  const versions = new Map<string, Seen>();
  for (const entry of source.list?.() ?? []) {
    const season = source.get(entry.id);
    if (season !== undefined) versions.set(entry.id, { updatedAt: entry.updatedAt?.getTime() ?? null, season });
  }
  return versions;
};

/**
 * Changed: imported again (a new import time), or a new snapshot whose content differs; without an
 * import time, any new snapshot.
 */
const changedSince = (before: Seen | undefined, now: Seen): boolean => {
  if (before === undefined || before.updatedAt !== now.updatedAt) return true;
  if (before.season === now.season) return false;
  return now.updatedAt === null || contentOf(before.season) !== contentOf(now.season);
};

export function createSeasonWatch(source: () => SeasonSource, replan: (seasonIds: readonly string[]) => unknown, log: Logger): SeasonWatch {
  let seen = new Map<string, Seen>();
  return {
    prime: () => {
      seen = versionsOf(source());
    },
    check: () => {
      try {
        const now = versionsOf(source());
        const changed = [...now].filter(([id, version]) => changedSince(seen.get(id), version)).map(([id]) => id);
        if (changed.length > 0) {
          const planned = replan(changed);
          if (planned instanceof Promise) {
            // An async re-plan that fails is tried again on the next beat, like a sync one that throws.
            planned.then(
              () => log.info({ seasons: changed }, 'season data changed; its channels were re-planned'),
              (err: unknown) => {
                for (const id of changed) seen.delete(id);
                log.error({ err }, 're-planning a changed season failed; retried on the next heartbeat');
              },
            );
          } else log.info({ seasons: changed }, 'season data changed; its channels were re-planned');
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
