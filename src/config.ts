import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { redactUrlCredentials } from './log.js';

// The only module that reads process.env. Parsed once at startup; every problem is reported at once.

// zod/mini, not zod: at idle this is the only schema alive (the season files' are built only when one
// changed, domain/memo.ts), and classic zod's schemas carry its ~50 methods per class: ~0.2 MiB more of
// the idle bot's heap for the same rules (issue 15). zod/mini has no default locale: English keeps the
// messages of the rules that have none of their own.
z.config(en());

const snowflake = z.string().check(z.regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)'));
const nonEmpty = () => z.string().check(z.minLength(1));
const wholeNumber = 'must be a whole number';

const schema = z.object({
  DISCORD_TOKEN: z.string().check(z.minLength(1, 'is required')),
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_GUILD_ID: z.optional(snowflake),
  EDITOR_GUILD_ID: z.optional(snowflake),
  EDITOR_ROLE_ID: z.optional(snowflake),
  EDITOR_CHANNEL_ID: z.optional(snowflake),
  DATABASE_PATH: z._default(nonEmpty(), 'data/bot.sqlite'),
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'))),
  DISCORD_API_URL: z.optional(z.url('must be a URL such as http://127.0.0.1:8080/api')),
  LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  LOG_FORMAT: z.optional(z.enum(['json', 'pretty'])),
  SEASON_FILES: z.optional(nonEmpty()),
  /** Deprecated: one file, read as SEASON_FILES with one element. */
  SEASON_FILE: z.optional(nonEmpty()),
  BOT_CLOCK_START: z.optional(z.iso.datetime({ offset: true, message: 'must be an ISO instant, e.g. 2023-11-25T12:00:00Z' })),
  BOT_CLOCK_RATE: z.optional(z.coerce.number().check(z.positive('must be a positive number'), z.maximum(1_000_000))),
  ANNOUNCE_LATE_WINDOW_HOURS: z._default(z.coerce.number().check(z.positive(), z.maximum(24 * 14)), 6),
  RECAP_WAIT_HOURS: z._default(z.coerce.number().check(z.minimum(0), z.maximum(24 * 7)), 6),
  // Inside enforce_nonce's window ("a few minutes"): a row taken over after a lease keeps its nonce.
  ANNOUNCE_CLAIM_LEASE_SECONDS: z._default(
    z.coerce.number().check(
      z.int(wholeNumber),
      z.minimum(10, 'must be at least 10'),
      z.maximum(240, 'must be at most 240 (Discord de-duplicates a nonce for a few minutes only)'),
    ),
    120,
  ),
  // How often a process looks for another process's import (a shard reloads an editor's change).
  DATA_CHECK_SECONDS: z._default(
    z.coerce.number().check(z.int(wholeNumber), z.minimum(1, 'must be at least 1'), z.maximum(3600, 'must be at most 3600')),
    30,
  ),
  HTTP_PORT: z.optional(z.coerce.number().check(z.int(wholeNumber), z.minimum(0), z.maximum(65535, 'must be a port number (0–65535)'))),
  HTTP_HOST: z.optional(z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'must be an IP address or a host name' })),
  SHARDS: z.optional(
    z.string().check(z.trim(), z.toLowerCase(), z.regex(/^(auto|[1-9]\d{0,4})$/, 'must be auto or a whole number of shards (1 or more)')),
  ),
  REST_REQUESTS_PER_SECOND: z._default(
    z.coerce.number().check(z.int(wholeNumber), z.minimum(1, 'must be at least 1'), z.maximum(100_000)),
    50,
  ),
});

/** How to fix each variable, shown next to its problem. */
const HELP: Record<string, string> = {
  DISCORD_TOKEN: 'Bot token from https://discord.com/developers/applications → your app → Bot → Reset Token.',
  DISCORD_APPLICATION_ID: 'Application ID from the same page → General Information.',
  DISCORD_GUILD_ID: 'Optional: right-click your server with Developer Mode on → Copy Server ID.',
  EDITOR_GUILD_ID: 'Optional: the one server where /edit is registered and used (editors keep the season current); unset: no /edit anywhere.',
  EDITOR_ROLE_ID: 'Optional: the role in the editor server allowed to use /edit (Server Settings → Roles → Copy Role ID); unset: members with Manage Server.',
  EDITOR_CHANNEL_ID: 'Optional: a channel in the editor server for editor notices (a source disagreeing with an edit).',
  DISCORD_API_URL: 'Optional: a Discord-compatible REST base URL without /v10 (the local stand-in prints one).',
  SEASON_FILES: 'Optional: season files separated by commas, e.g. data/seasons/caf-cc-2023-24.json,data/seasons/caf-cl-2023-24.json; default every data/seasons/*.json.',
  BOT_CLOCK_START: 'Optional replay clock start, e.g. 2023-11-25T12:00:00Z.',
  BOT_CLOCK_RATE: 'Optional replay speed: 3600 makes one real second one simulated hour.',
  HTTP_PORT: 'Optional port for /healthz and /metrics, e.g. 9464 (0 picks a free one).',
  HTTP_HOST: 'Optional address the /healthz and /metrics server binds to; default 127.0.0.1.',
  SHARDS: 'Optional: auto (the count Discord recommends) or a number, to run one process per shard under a manager; leave empty for one process.',
  DATA_CHECK_SECONDS: 'Optional: how often, in seconds, the bot checks the database for season data another process imported (1–3600). Default 30.',
  ANNOUNCE_CLAIM_LEASE_SECONDS: 'Optional: how long a claimed post stays reserved for the process sending it before another may take it over (10–240). Default 120.',
  REST_REQUESTS_PER_SECOND: "Optional: this bot's REST requests per second on this host (Discord's global limit is 50 per bot across all its processes); under SHARDS each shard gets an equal part. Default 50.",
};

/**
 * How this process takes part in sharding. `shard` is set by discord.js's ShardingManager in the
 * processes it spawns (SHARDING_MANAGER, SHARDS = this shard's id, SHARD_COUNT), never by hand.
 */
export type ShardsConfig =
  /** SHARDS unset: one process, one gateway connection, as always. */
  | { readonly mode: 'single' }
  /** SHARDS=auto|N: this process migrates, imports, syncs commands, then spawns one process per shard. */
  | { readonly mode: 'manager'; readonly count: number | 'auto' }
  /** A process the manager spawned: gateway shard `id` of `count`. */
  | { readonly mode: 'shard'; readonly id: number; readonly count: number };

/** Who may edit the season from Discord (/edit) and where; null when EDITOR_GUILD_ID is unset. */
export type EditorsConfig = Readonly<{
  /** The one server /edit is registered in and accepted from. */
  guildId: string;
  /** The role allowed to edit there; null: members with Manage Server. */
  roleId: string | null;
  /** Where editor notices (conflicts) are posted; null: none are posted. */
  channelId: string | null;
}>;

export type Config = Readonly<{
  token: string;
  applicationId: string;
  guildId: string | null;
  editors: EditorsConfig | null;
  databasePath: string;
  /**
   * PostgreSQL (DATABASE_URL, postgres://…): the bot keeps its data there instead of the SQLite file at
   * databasePath. Null: SQLite. Never logged as is (redactConfig hides its password).
   */
  databaseUrl: string | null;
  apiUrl: string | null;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  logFormat: 'json' | 'pretty';
  /** The season files to load, in order (the first is the default season); null: every data/seasons/*.json. */
  seasonFiles: readonly string[] | null;
  clock: { start: string; rate: number } | null;
  lateWindowMs: number;
  /** How long a round's recap waits for results still missing after the round's planned end. */
  recapWaitMs: number;
  /** Real ms a claimed outbox row stays with its claimer before another process may take it (same nonce). */
  claimLeaseMs: number;
  /** How often the data watch looks for another process's import (real ms). */
  dataCheckMs: number;
  /** The /healthz and /metrics server; null when HTTP_PORT is not set. */
  http: { host: string; port: number } | null;
  shards: ShardsConfig;
  /**
   * REST requests per second this process may send (its share of Discord's global 50/s per bot). In a
   * spawned shard, the manager's REST_REQUESTS_PER_SECOND divided by the shard count (shard-manager.ts).
   */
  restRequestsPerSecond: number;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      [
        'Configuration is incomplete or invalid:',
        ...problems.map((p) => `  - ${p}`),
        '',
        'Set these in the environment or in a .env file (copy .env.example).',
        'No Discord application yet? Try the bot locally first: npm run sandbox',
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** A configuration that was accepted after a fix the operator should still make in their settings. */
export type ConfigWarning = string;

/**
 * Parses the environment (plus .env when present). Throws ConfigError listing every problem.
 * Runs before the logger exists, so it returns its warnings for the caller to log.
 */
export const parseConfig = (rawEnv: NodeJS.ProcessEnv = readEnv()): { config: Config; warnings: readonly ConfigWarning[] } => {
  // `KEY=` (as copied from .env.example) means "not set", not "set to the empty string".
  const env = withoutEmpty(rawEnv);
  const warnings: ConfigWarning[] = [];
  const token = cleanToken(env.DISCORD_TOKEN, warnings);
  const shardProblems: string[] = [];
  const spawned = spawnedShard(env, shardProblems);
  // In a spawned shard SHARDS is discord.js's shard id, not the operator's auto|N.
  const { SHARDS: _shardId, ...envForSchema } = env;
  const parsed = schema.safeParse({ ...(spawned ? envForSchema : env), ...(token === undefined ? {} : { DISCORD_TOKEN: token }) });
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? '?');
        const message = issue.code === 'invalid_type' && env[key] === undefined ? 'is required' : issue.message;
        const help = HELP[key];
        return help ? `${key} ${message}. ${help}` : `${key} ${message}.`;
      });
  if (token !== undefined && /\s/.test(token)) {
    problems.push('DISCORD_TOKEN has a space or line break inside it. Paste the token alone, on one line.');
  }
  if ((env.BOT_CLOCK_START === undefined) !== (env.BOT_CLOCK_RATE === undefined)) {
    problems.push('BOT_CLOCK_START and BOT_CLOCK_RATE go together: set both for a replay clock, or neither.');
  }
  const seasonFiles = seasonFilesFrom(env, problems, warnings);
  if (env.HTTP_HOST !== undefined && env.HTTP_PORT === undefined) {
    problems.push('HTTP_HOST is set but HTTP_PORT is not: set HTTP_PORT to serve /healthz and /metrics, or remove HTTP_HOST.');
  }
  for (const key of ['EDITOR_ROLE_ID', 'EDITOR_CHANNEL_ID'] as const) {
    if (env[key] !== undefined && env.EDITOR_GUILD_ID === undefined) {
      problems.push(`${key} is set but EDITOR_GUILD_ID is not: set EDITOR_GUILD_ID to the editor server, or remove ${key}.`);
    }
  }
  const apiUrl = parsed.success && parsed.data.DISCORD_API_URL !== undefined ? cleanApiUrl(parsed.data.DISCORD_API_URL, problems, warnings) : null;
  problems.push(...databaseChoiceProblems(env));
  if (parsed.success && env.DATABASE_URL === undefined) problems.push(...databasePathProblems(parsed.data.DATABASE_PATH));
  problems.push(...shardProblems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const c = parsed.data;
  const config: Config = Object.freeze({
    token: c.DISCORD_TOKEN,
    applicationId: c.DISCORD_APPLICATION_ID,
    guildId: c.DISCORD_GUILD_ID ?? null,
    editors: c.EDITOR_GUILD_ID === undefined ? null : { guildId: c.EDITOR_GUILD_ID, roleId: c.EDITOR_ROLE_ID ?? null, channelId: c.EDITOR_CHANNEL_ID ?? null },
    databasePath: c.DATABASE_PATH,
    databaseUrl: c.DATABASE_URL ?? null,
    apiUrl,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty'),
    seasonFiles,
    clock: c.BOT_CLOCK_START && c.BOT_CLOCK_RATE ? { start: c.BOT_CLOCK_START, rate: c.BOT_CLOCK_RATE } : null,
    lateWindowMs: c.ANNOUNCE_LATE_WINDOW_HOURS * 3_600_000,
    recapWaitMs: c.RECAP_WAIT_HOURS * 3_600_000,
    claimLeaseMs: c.ANNOUNCE_CLAIM_LEASE_SECONDS * 1000,
    dataCheckMs: c.DATA_CHECK_SECONDS * 1000,
    http: httpFor(c.HTTP_PORT, c.HTTP_HOST, spawned),
    shards: spawned ?? shardsFor(c.SHARDS),
    restRequestsPerSecond: c.REST_REQUESTS_PER_SECOND,
  });
  return { config, warnings };
};

/**
 * The shard this process is, when discord.js's ShardingManager spawned it (it sets SHARDING_MANAGER,
 * SHARDS to the shard id and SHARD_COUNT in the child's environment); null otherwise.
 */
const spawnedShard = (env: NodeJS.ProcessEnv, problems: string[]): Extract<ShardsConfig, { mode: 'shard' }> | null => {
  if (env.SHARDING_MANAGER !== 'true') return null;
  const id = Number(env.SHARDS);
  const count = Number(env.SHARD_COUNT);
  if (!Number.isInteger(id) || !Number.isInteger(count) || id < 0 || id >= count) {
    problems.push(`SHARDS and SHARD_COUNT from the sharding manager are not a shard id and count (${env.SHARDS}, ${env.SHARD_COUNT}). Start the bot with SHARDS=auto|N instead of setting SHARDING_MANAGER.`);
    return null;
  }
  return { mode: 'shard', id, count };
};

const shardsFor = (shards: string | undefined): ShardsConfig =>
  shards === undefined ? { mode: 'single' } : { mode: 'manager', count: shards === 'auto' ? 'auto' : Number(shards) };

/**
 * Loopback unless the operator says otherwise: metrics are for a local scraper or a proxy. Shards of
 * one host cannot share a port: shard i serves HTTP_PORT + i (0 still picks a free one each).
 */
const httpFor = (port: number | undefined, host: string | undefined, shard: { id: number } | null): Config['http'] => {
  if (port === undefined) return null;
  return { host: host ?? '127.0.0.1', port: port === 0 || shard === null ? port : port + shard.id };
};

/**
 * SEASON_FILES as a list; the deprecated SEASON_FILE as a one-element list, with a warning. Setting
 * both, an empty entry or a file listed twice is a problem: which seasons load must not be a guess.
 */
const seasonFilesFrom = (env: NodeJS.ProcessEnv, problems: string[], warnings: ConfigWarning[]): readonly string[] | null => {
  const { SEASON_FILES: list, SEASON_FILE: single } = env;
  if (list !== undefined && single !== undefined) {
    problems.push('SEASON_FILE and SEASON_FILES are both set. SEASON_FILE is deprecated: keep SEASON_FILES only (add that file to its list).');
    return null;
  }
  if (single !== undefined) {
    warnings.push(`SEASON_FILE is deprecated: use SEASON_FILES=${single.trim()} (several files separated by commas). Read as a one-file SEASON_FILES.`);
    return [single.trim()];
  }
  if (list === undefined) return null;
  const files = list.split(',').map((file) => file.trim());
  if (files.some((file) => file === '')) {
    problems.push(`SEASON_FILES has an empty entry (${JSON.stringify(list)}). ${HELP.SEASON_FILES}`);
    return null;
  }
  const twice = files.filter((file, i) => files.findIndex((other) => resolve(other) === resolve(file)) !== i);
  if (twice.length > 0) problems.push(`SEASON_FILES lists ${[...new Set(twice)].join(', ')} more than once. Name each season file once.`);
  return files;
};

/** parseConfig without the warnings, for tools that do not log them. */
export const loadConfig = (rawEnv: NodeJS.ProcessEnv = readEnv()): Config => parseConfig(rawEnv).config;

/**
 * A token copied from a file or a secret store often ends in a newline, which Discord then rejects
 * as a wrong token (a restart loop that burns logins). Whitespace around it is never part of it.
 */
const cleanToken = (token: string | undefined, warnings: ConfigWarning[]): string | undefined => {
  if (token === undefined || token === token.trim()) return token;
  warnings.push('DISCORD_TOKEN had spaces or a line break around it (often a trailing newline); they were removed. Fix the value where it is set.');
  return token.trim();
};

/**
 * discord.js appends `/v10` to the REST base itself, so a URL that already ends in a version makes
 * every request 404. Strip it (and trailing slashes) with a warning; refuse what is not http(s).
 */
const cleanApiUrl = (raw: string, problems: string[], warnings: ConfigWarning[]): string | null => {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`DISCORD_API_URL must be an http:// or https:// URL, not ${url.protocol}. ${HELP.DISCORD_API_URL}`);
    return null;
  }
  const cleaned = raw.replace(/(\/v\d+)?\/*$/, '');
  if (cleaned !== raw) {
    warnings.push(
      `DISCORD_API_URL ${redactUrlCredentials(raw)} should not end in an API version or a slash (discord.js adds /v10 itself); ` +
        `using ${redactUrlCredentials(cleaned)}. Fix the value where it is set.`,
    );
  }
  return cleaned;
};

/**
 * SQLite cannot create a file in a missing directory, a directory is not a database, and WAL needs
 * to create files next to the database: all mistakes a restart will not fix, so they are config errors.
 */
const databasePathProblems = (path: string): string[] => {
  if (path === ':memory:') return [];
  const file = resolve(path);
  const dir = dirname(file);
  const stat = statOrNull(file);
  if (stat?.isDirectory()) return [`DATABASE_PATH ${path} is a directory. Point it at a file inside it, e.g. ${path.replace(/\/+$/, '')}/bot.sqlite.`];
  const dirStat = statOrNull(dir);
  if (dirStat === null) return [`DATABASE_PATH ${path}: the directory ${dir} does not exist. Create it (mkdir -p ${dir}) or fix the path.`];
  if (!dirStat.isDirectory()) return [`DATABASE_PATH ${path}: ${dir} is not a directory. Fix the path.`];
  // The file itself is probed with a real write when the database opens (db/client.ts), which also
  // catches what access() cannot see; the directory must be writable before SQLite can even start.
  if (!canWrite(dir)) {
    return [`DATABASE_PATH ${path}: the directory ${dir} is not writable by this user (SQLite keeps -wal and -shm files next to the database).`];
  }
  return [];
};

const statOrNull = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return null;
  }
};

const canWrite = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** `FOO=` in a .env file or a shell means "not set", as most tools treat it. */
const withoutEmpty = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));

const readEnv = (): NodeJS.ProcessEnv => {
  // Node 20.12+ loads .env natively; a missing file is not an error for us.
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
};

/** One database, never a guess between two. */
const databaseChoiceProblems = (env: NodeJS.ProcessEnv): string[] =>
  env.DATABASE_URL !== undefined && env.DATABASE_PATH !== undefined
    ? ['Both DATABASE_URL and DATABASE_PATH are set: set only the one of the database to use.']
    : [];

/**
 * The environment a child tool (pg_dump, pg_restore) runs with: this process's, plus `extra` (a
 * password in PGPASSWORD, so that it is never on a command line). Read here, as every variable is.
 */
export const childProcessEnv = (extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv => ({ ...process.env, ...extra });

export type DataConfig = Readonly<{
  databasePath: string;
  /** A postgres:// URL when the tool works on PostgreSQL (DATABASE_URL); null for SQLite. Never logged as is. */
  databaseUrl: string | null;
  seasonFiles: readonly string[] | null;
  logLevel: Config['logLevel'];
  /** Accepted with a fix still to make (SEASON_FILE is deprecated); the tool prints them. */
  warnings: readonly ConfigWarning[];
}>;

/** The part of the config that tools without Discord (CLI, backup, bench) need: no token required. */
export const loadDataConfig = (env: NodeJS.ProcessEnv = readEnv()): DataConfig => {
  const cleaned = withoutEmpty(env);
  const parsed = z
    .pick(schema, { DATABASE_PATH: true, DATABASE_URL: true, SEASON_FILES: true, SEASON_FILE: true, LOG_LEVEL: true })
    .safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}.`);
  problems.push(...databaseChoiceProblems(cleaned));
  const warnings: ConfigWarning[] = [];
  const seasonFiles = seasonFilesFrom(cleaned, problems, warnings);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    databasePath: parsed.data.DATABASE_PATH,
    databaseUrl: parsed.data.DATABASE_URL ?? null,
    seasonFiles,
    logLevel: parsed.data.LOG_LEVEL,
    warnings,
  });
};

/** The config as it may be logged: never the token, nor the credentials of a URL. */
export const redactConfig = (config: Config): Record<string, unknown> => ({
  ...config,
  token: '[redacted]',
  apiUrl: config.apiUrl === null ? null : redactUrlCredentials(config.apiUrl),
  databaseUrl: config.databaseUrl === null ? null : redactUrlCredentials(config.databaseUrl),
});
