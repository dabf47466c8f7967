// The composition of the season sources: which season files name a source, and one poller each.
// Run by the one process holding the sources lease (leader.ts; the others see the new data through
// the data version, data-watch.ts); the store provides the season as loaded and the import of an update.
import { readFileSync } from 'node:fs';
import { checkClubs, type ClubsFile } from '../clubs/schema.js';
import type { Season } from '../domain/types.js';
import type { Override } from '../domain/overrides.js';
import { redactUrlCredentials, type Logger } from '../log.js';
import { createSourcePoller, type SourcePoller, type SourceUpdate } from './poller.js';
import { readerFor, type SeasonIdentity } from './readers.js';
import { durationMs, seasonSourceSchema, type SeasonSource } from './schema.js';

export interface SourceSetting {
  readonly file: string;
  readonly identity: SeasonIdentity;
  readonly source: SeasonSource;
}

/**
 * The source a season file names, or null when it names none. The file itself was validated when it
 * was loaded; this reads only its header, so a problem here names the file and the field.
 */
export const readSourceSetting = (file: string): SourceSetting | null => {
  const json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  if (json.source === undefined || json.source === null) return null;
  const parsed = seasonSourceSchema().safeParse(json.source);
  if (!parsed.success) throw new Error(`${file}: source: ${parsed.error.issues.map((i) => `${i.path.join('.') || '$'}: ${i.message}`).join('; ')}`);
  const { id, competition, label } = json;
  if (typeof id !== 'string' || typeof competition !== 'string' || typeof label !== 'string') {
    throw new Error(`${file}: a season with a source needs its id, competition and label`);
  }
  return { file, identity: { id, competition, label }, source: parsed.data };
};

export interface SeasonSourcesDeps {
  readonly seasonFiles: readonly string[];
  /** data/clubs.json: football.txt sources map their clubs through it. */
  readonly clubsFile: string;
  /** The season as the store holds it now; undefined when it is not loaded (its source is not polled). */
  readonly current: (seasonId: string) => Season | undefined;
  /**
   * Imports an update in one transaction. `season` is the season as the source gave it: the store
   * keeps it as the season's base and applies the editors' live overrides on top (store.importFromSource).
   */
  readonly apply: (season: Season, update: SourceUpdate) => void | Promise<void>;
  /** The editors' live overrides of a season (from the database: a promise on PostgreSQL). */
  readonly overrides?: (seasonId: string) => readonly Override[] | Promise<readonly Override[]>;
  /** Today on the bot's clock, `YYYY-MM-DD`. */
  readonly today: () => string;
  readonly logger: Logger;
}

export interface SeasonSources {
  /** One poller per season with a source, by season id. */
  readonly pollers: ReadonlyMap<string, SourcePoller>;
  readonly stop: () => void;
}

/** Builds a poller for every season file that names a source, and starts them. */
export const startSeasonSources = (deps: SeasonSourcesDeps): SeasonSources => {
  const log = deps.logger.child({ component: 'sources' });
  let clubs: ClubsFile | null = null;
  const clubsFile = (): ClubsFile => {
    if (clubs !== null) return clubs;
    const checked = checkClubs(JSON.parse(readFileSync(deps.clubsFile, 'utf8')));
    if (!checked.ok) throw new Error(`${deps.clubsFile}: ${checked.problems.join('; ')}`);
    clubs = checked.file;
    return clubs;
  };

  const pollers = new Map<string, SourcePoller>();
  for (const file of deps.seasonFiles) {
    let setting: SourceSetting | null;
    try {
      setting = readSourceSetting(file);
    } catch (err) {
      log.error({ file, problem: (err as Error).message }, 'season source not polled: the setting is invalid');
      continue;
    }
    if (setting === null) continue;
    const { identity, source } = setting;
    const initial = deps.current(identity.id);
    if (initial === undefined) {
      log.warn({ file, season: identity.id }, 'season source not polled: the season is not loaded');
      continue;
    }
    const context = { get clubs() { return clubsFile(); }, today: deps.today };
    const poller = createSourcePoller({
      seasonId: identity.id,
      url: source.url,
      everyMs: durationMs(source.every) ?? 900_000,
      initial,
      read: readerFor(identity, source, context),
      apply: (_merged, update) => deps.apply(update.source, update),
      ...(deps.overrides ? { overrides: async () => (await deps.overrides?.(identity.id)) ?? [] } : {}),
      served: () => deps.current(identity.id),
      logger: log,
    });
    pollers.set(identity.id, poller);
    log.info({ season: identity.id, source: redactUrlCredentials(source.url), format: source.format, every: source.every }, 'season source polled');
    poller.start();
  }
  return {
    pollers,
    stop: () => {
      for (const poller of pollers.values()) poller.stop();
    },
  };
};
