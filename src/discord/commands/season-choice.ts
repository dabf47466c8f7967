// Which season a fan command shows: the `competition` option, else the server's default, else the
// catalog's default rule (in progress → finished → newest). One place, so every command and its
// autocomplete, buttons and footer agree on it.
import type { APIApplicationCommandOptionChoice, AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import { seasonAsOf } from '../../domain/as-of.js';
import type { CatalogEntry, SeasonCatalog } from '../../domain/catalog.js';
import { defaultSeasonId } from '../../domain/default-season.js';
import { countAtOrBefore } from '../../domain/memo.js';
import { findTeamOnce, normalizeName } from '../../domain/names.js';
import { progressChanges, progressOf } from '../../domain/season-progress.js';
import type { SeasonProgress } from '../../domain/season-status.js';
import type { Season, Team, TeamId } from '../../domain/types.js';
import { LIMITS } from '../render/limits.js';
import { showSeasonOn } from '../render/season-notice.js';
import { truncate } from '../render/text.js';
import { competitionSeasonTitle, seasonLabel } from '../render/theme.js';
import { TranslatedUserError } from '../reply.js';
import type { CommandContext } from './types.js';

export const COMPETITION_OPTION = 'competition';

/** Discord shows at most 25 autocomplete choices. */
const MAX_CHOICES = 25;

/** The option every fan command takes; its value is a season id, offered by autocomplete. */
export const competitionOption = (option: SlashCommandStringOption): SlashCommandStringOption =>
  option
    .setName(COMPETITION_OPTION)
    .setDescription('Which competition and season (default: the server’s choice, else the current one)')
    .setAutocomplete(true)
    .setMaxLength(LIMITS.selectLabel);

/** A season chosen for one reply: its catalog entry and its data as of the bot's clock. */
export interface ChosenSeason {
  readonly entry: CatalogEntry;
  readonly season: Season;
}

/** "CAF Champions League 2023–24": how the picker names a catalog entry (footers name a season alike). */
export const seasonTitle = (entry: Pick<CatalogEntry, 'competition' | 'label'>): string => competitionSeasonTitle(entry.competition, entry.label);

/**
 * The catalog the context gives; where a context has only one season (tests and tools built before
 * several seasons), that season alone, as `season()` gives it (already as of the bot's clock).
 */
export const catalogOf = (ctx: CommandContext): SeasonCatalog => ctx.catalog ?? singleSeasonCatalog(ctx.season());

export const singleSeasonCatalog = (season: Season): SeasonCatalog => {
  const entry: CatalogEntry = { id: season.id, competition: season.competition, label: seasonLabel(season) ?? '', updatedAt: null };
  return { list: () => [entry], get: (id) => (id === season.id ? season : undefined) };
};

/** Folded for matching what was typed: case, accents, and any dash. */
const fold = (text: string): string => normalizeName(text.replace(/[‐-―−]/g, '-'));

const matches = (entry: CatalogEntry, typed: string): boolean => {
  const words = fold(typed).split(/\s+/).filter((w) => w !== '');
  const haystack = `${fold(seasonTitle(entry))} ${fold(entry.id)}`;
  return words.every((word) => haystack.includes(word));
};

/** Autocomplete choices: the catalog newest first, filtered by every word typed, at most 25. */
export const competitionChoices = (catalog: SeasonCatalog, typed: string): APIApplicationCommandOptionChoice<string>[] =>
  catalog
    .list()
    .filter((entry) => entry.id.length > 0 && entry.id.length <= LIMITS.selectLabel && matches(entry, typed))
    .slice(0, MAX_CHOICES)
    .map((entry) => ({ name: truncate(seasonTitle(entry), LIMITS.selectLabel), value: entry.id }));

/** A value as autocomplete gives it (a season id), or a title typed in full; undefined when neither. */
const entryFor = (catalog: SeasonCatalog, raw: string): CatalogEntry | undefined => {
  const entries = catalog.list();
  const folded = fold(raw);
  return entries.find((e) => e.id === raw) ?? entries.find((e) => fold(seasonTitle(e)) === folded || fold(e.id) === folded);
};

/** Without an option: the server's default (when it is still loaded), else the catalog's rule. */
const defaultEntry = (catalog: SeasonCatalog, ctx: CommandContext, guildId: string | null): CatalogEntry | undefined => {
  const serverChoice = guildId === null ? null : (ctx.guildSeason?.(guildId) ?? null);
  const chosen = serverChoice === null ? undefined : catalog.list().find((e) => e.id === serverChoice);
  if (chosen) return chosen;
  return catalogDefault(catalog, ctx.now());
};

/** What is kept per catalog object, for the very entries and seasons it was built from. */
interface CatalogMemo {
  readonly entries: readonly CatalogEntry[];
  readonly seasons: readonly (Season | undefined)[];
  /** Every instant at which a season's progress may change (season-progress.ts), ascending. */
  readonly changes: readonly number[];
  /** The catalog's default per step between two of those instants. */
  readonly defaults: Map<number, CatalogEntry | undefined>;
  /** Per season id and club id: the other seasons the club plays in (see clubSeasons). */
  readonly clubs: Map<string, readonly Season[]>;
  /** Per season view: its clubs, then those of the other seasons (see teamsForAutocomplete). */
  readonly allClubs: WeakMap<Season, readonly Team[]>;
}

const catalogMemos = new WeakMap<SeasonCatalog, CatalogMemo>();

/** The catalog's memo; rebuilt if the catalog ever lists or gives other objects (a catalog is one data version). */
const memoOf = (catalog: SeasonCatalog): CatalogMemo => {
  const entries = catalog.list();
  const memo = catalogMemos.get(catalog);
  if (memo !== undefined && memo.entries === entries && entries.every((e, i) => catalog.get(e.id) === memo.seasons[i])) return memo;
  const seasons = entries.map((e) => catalog.get(e.id));
  const changes = [...new Set(seasons.flatMap((s) => (s === undefined ? [] : progressChanges(s))))].sort((a, b) => a - b);
  const fresh: CatalogMemo = { entries, seasons, changes, defaults: new Map(), clubs: new Map(), allClubs: new WeakMap() };
  catalogMemos.set(catalog, fresh);
  return fresh;
};

/**
 * The catalog's own default at `now` (no server choice): in progress, else the latest finished, else the
 * newest. It reads each season's progress, which changes only at known instants: kept per catalog and
 * step between two of them, so a command does not re-read every season on each call.
 */
export const catalogDefault = (catalog: SeasonCatalog, now: Date): CatalogEntry | undefined => {
  const memo = memoOf(catalog);
  const step = countAtOrBefore(memo.changes, now.getTime());
  if (memo.defaults.has(step)) return memo.defaults.get(step);
  const entry = defaultAt(memo, now);
  memo.defaults.set(step, entry);
  return entry;
};

/**
 * Every loaded season but `shownId` that the club plays in, in the catalog's order (newest first), as
 * loaded (not cut to the clock); kept per catalog, season and club.
 */
export const clubSeasons = (catalog: SeasonCatalog, shownId: string, team: TeamId): readonly Season[] => {
  const { entries, seasons, clubs } = memoOf(catalog);
  const key = `${shownId}\u0000${team}`;
  let found = clubs.get(key);
  if (found === undefined) {
    found = seasons.filter((s, i): s is Season => entries[i]?.id !== shownId && s !== undefined && s.teams.some((t) => t.id === team));
    clubs.set(key, found);
  }
  return found;
};

/** The default rule itself; a season the catalog cannot give counts as stale. */
const defaultAt = ({ entries, seasons }: CatalogMemo, now: Date): CatalogEntry | undefined => {
  const progress = entries.map((_, i): SeasonProgress => {
    const season = seasons[i];
    return season === undefined ? { status: 'stale', firstMatch: null, lastResult: null } : progressOf(season, now);
  });
  const at = new Map(entries.map((e, i) => [e, progress[i] as SeasonProgress]));
  const id = defaultSeasonId(entries, (e) => (at.get(e) as SeasonProgress).status, (e) => (at.get(e) as SeasonProgress).lastResult);
  return entries.find((e) => e.id === id);
};

const chosen = (catalog: SeasonCatalog, entry: CatalogEntry, ctx: CommandContext): ChosenSeason => {
  const full = catalog.get(entry.id);
  if (full === undefined) throw new Error(`the catalog lists ${entry.id} but does not give it`);
  // Commands see the season as of the bot's clock: under a replay clock, no result before its match.
  // (A context without a catalog gives its one season already as the bot sees it: see catalogOf.)
  const season = ctx.catalog === undefined ? full : seasonAsOf(full, ctx.now());
  // The footer tells fans when this season is stale or has not started, on the bot's clock.
  return { entry, season: showSeasonOn(season, full, () => ctx.now()) };
};

const noSeason = (): Error => new Error('no season is loaded');

/**
 * The season for a command: its `competition` option (a season id from autocomplete, or a title typed
 * in full), else the server's default, else the catalog's rule. An unknown value is a UserError
 * listing the closest seasons.
 */
export const chooseSeason = (interaction: ChatInputCommandInteraction, ctx: CommandContext): ChosenSeason => {
  const catalog = catalogOf(ctx);
  const raw = interaction.options.getString(COMPETITION_OPTION);
  if (raw !== null && normalizeName(raw) !== '') {
    const entry = entryFor(catalog, raw);
    if (entry === undefined) throw unknownCompetition(catalog, raw);
    return chosen(catalog, entry, ctx);
  }
  const entry = defaultEntry(catalog, ctx, interaction.guildId);
  if (entry === undefined) throw noSeason();
  // A club named without a competition: the default season when the club plays in it, else the newest
  // loaded season it plays in (`/next team:zamalek` while the default is a season Zamalek is not in).
  const club = optionTyped(interaction, 'team');
  const withClub = club === null || knowsTeam(catalog, entry, club) ? entry : catalog.list().find((e) => knowsTeam(catalog, e, club));
  return chosen(catalog, withClub ?? entry, ctx);
};

const NO_TEAMS: readonly Team[] = [];

/** Whether the club typed names one of this season's clubs (resolveTeam's answer, kept: names.ts). */
const knowsTeam = (catalog: SeasonCatalog, entry: CatalogEntry, query: string): boolean =>
  findTeamOnce(catalog.get(entry.id)?.teams ?? NO_TEAMS, query) !== undefined;

/**
 * The season an autocomplete of another option (a team) reads: the `competition` typed so far when it
 * names one (picked, typed in full, or the first that fits the words), else the default. Never throws
 * for a half-typed value: the command itself refuses it on send.
 */
export const seasonForAutocomplete = (interaction: AutocompleteInteraction, ctx: CommandContext): ChosenSeason => {
  const catalog = catalogOf(ctx);
  const raw = competitionTyped(interaction);
  const typedEntry =
    raw === null || normalizeName(raw) === ''
      ? undefined
      : (entryFor(catalog, raw) ?? catalog.list().find((entry) => matches(entry, raw)));
  const entry = typedEntry ?? defaultEntry(catalog, ctx, interaction.guildId);
  if (entry === undefined) throw noSeason();
  return chosen(catalog, entry, ctx);
};

/** A string option of an interaction, or null (not given, not a string, or not an option of it). */
const optionTyped = (interaction: AutocompleteInteraction | ChatInputCommandInteraction, name: string): string | null => {
  try {
    const value = interaction.options.getString(name);
    return value === null || normalizeName(value) === '' ? null : value;
  } catch {
    return null;
  }
};
const competitionTyped = (interaction: AutocompleteInteraction): string | null => optionTyped(interaction, COMPETITION_OPTION);

/**
 * The clubs a team autocomplete offers: the chosen season's when `competition` is typed; else the
 * default season's, then those of the other loaded seasons (newest first), each club once, so a club
 * of another season can be found and its command then shows that season (see chooseSeason).
 */
export const teamsForAutocomplete = (interaction: AutocompleteInteraction, ctx: CommandContext): readonly Team[] => {
  const { season } = seasonForAutocomplete(interaction, ctx);
  if (competitionTyped(interaction) !== null) return season.teams;
  return allClubs(catalogOf(ctx), season);
};

/**
 * The season's clubs, then the other loaded seasons' (newest first), each club once; kept per catalog and
 * season view, so each keystroke searches the same array (names.ts keeps its search entries per array).
 */
export const allClubs = (catalog: SeasonCatalog, season: Season): readonly Team[] => {
  const { seasons, allClubs: kept } = memoOf(catalog);
  let teams = kept.get(season);
  if (teams === undefined) {
    const byId = new Map(season.teams.map((t) => [t.id, t]));
    for (const other of seasons) for (const team of other?.teams ?? []) if (!byId.has(team.id)) byId.set(team.id, team);
    teams = [...byId.values()];
    kept.set(season, teams);
  }
  return teams;
};

/**
 * The season a button's custom_id carries (see the commands' id formats); null (an id from before
 * seasons were carried) means the default. A season no longer loaded is a UserError.
 */
export const seasonFromButton = (
  id: string | null,
  interaction: { readonly guildId: string | null },
  ctx: CommandContext,
  /** The command as the user's picker names it (`/matchs`), for "run it again". */
  again: string,
): ChosenSeason => {
  const catalog = catalogOf(ctx);
  if (id === null) {
    const entry = defaultEntry(catalog, ctx, interaction.guildId);
    if (entry === undefined) throw noSeason();
    return chosen(catalog, entry, ctx);
  }
  const entry = catalog.list().find((e) => e.id === id);
  if (entry === undefined) throw new TranslatedUserError('options.seasonGone', { command: again });
  return chosen(catalog, entry, ctx);
};

/** Season ids travel in custom_ids: short slugs only. */
export const SEASON_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** How much of a refused value a reply quotes back. */
const ECHO_LENGTH = 40;

const unknownCompetition = (catalog: SeasonCatalog, raw: string): TranslatedUserError => {
  const near = competitionChoices(catalog, raw);
  const suggestions = (near.length > 0 ? near : competitionChoices(catalog, '')).slice(0, 5).map((c) => c.name);
  const query = raw.length > ECHO_LENGTH ? `${raw.slice(0, ECHO_LENGTH)}…` : raw;
  return new TranslatedUserError('options.competitionUnknown', { query }, suggestions, COMPETITION_OPTION);
};
