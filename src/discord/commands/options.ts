import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import { UserError } from '../../domain/errors.js';
import { normalizeName, resolveTeamOnce } from '../../domain/names.js';
import { groupLabels, hasUnnamedGroup, matchdayCount } from '../../domain/format.js';
import type { GroupId, Season, Stage, StageKind, Team } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { groupChoices, matchdayChoices, stageChoiceName, stageChoices, teamChoices } from '../render/choices.js';
import { englishTr, groupName } from '../render/words.js';
import { TranslatedUserError } from '../reply.js';
import { catalogOf, COMPETITION_OPTION, competitionChoices, seasonForAutocomplete, teamsForAutocomplete } from './season-choice.js';
import { replyTranslator } from './language.js';
import type { CommandContext } from './types.js';

/** The longest team name a client lets a user type. */
const TEAM_MAX_LENGTH = 100;

/** A team option answered by autocomplete; the value is a team id, or whatever the user typed past it. */
export const teamOption =
  (name: string, description: string, required = false) =>
  (option: SlashCommandStringOption): SlashCommandStringOption =>
    option.setName(name).setDescription(description).setRequired(required).setAutocomplete(true).setMaxLength(TEAM_MAX_LENGTH);

/** Longest stage code or group label a season's format may have. */
const FORMAT_LABEL_MAX_LENGTH = 40;

/** The `group` option: autocomplete over the chosen season's groups (formats differ: A–D, A–C, …). */
export const groupOption = (option: SlashCommandStringOption): SlashCommandStringOption =>
  option.setName('group').setDescription('One group of the group stage').setAutocomplete(true).setMaxLength(FORMAT_LABEL_MAX_LENGTH);

/** The `stage` option: autocomplete over the chosen season's stages, in the order they are played. */
export const stageOption =
  (description: string) =>
  (option: SlashCommandStringOption): SlashCommandStringOption =>
    option.setName('stage').setDescription(description).setAutocomplete(true).setMaxLength(FORMAT_LABEL_MAX_LENGTH);

const FORMAT_OPTIONS: ReadonlySet<string> = new Set(['stage', 'group', 'matchday']);
/** Commands whose `stage` option offers only some stages (/bracket: the rounds with ties). */
const STAGE_KINDS_OF: ReadonlyMap<string, readonly StageKind[]> = new Map([['bracket', ['qualifying', 'knockout'] as const]]);

/** How much of a refused value a reply quotes back. */
const ECHO_LENGTH = 40;
const echoed = (value: string): string => (value.length > ECHO_LENGTH ? `${value.slice(0, ECHO_LENGTH)}…` : value);

/**
 * Reads a team option and resolves it against the season: autocomplete gives an id, but the client
 * does not enforce choices, so anything typed is matched again (UserError with suggestions if unknown).
 * Blank (spaces of any kind, invisible characters, or missing from a forged payload) is no club:
 * an optional option is then unset, a required one is a UserError.
 */
export function readTeam(interaction: ChatInputCommandInteraction, season: Season, name: string, required: true): Team;
export function readTeam(interaction: ChatInputCommandInteraction, season: Season, name: string, required?: false): Team | null;
export function readTeam(interaction: ChatInputCommandInteraction, season: Season, name: string, required = false): Team | null {
  const raw = interaction.options.getString(name);
  if (raw === null || normalizeName(raw) === '') {
    if (required) throw new TranslatedUserError('options.teamBlank', {}, [], name);
    return null;
  }
  try {
    return resolveTeamOnce(season.teams, raw);
  } catch (err) {
    // The domain says which (no match, or several equally good): the reply says it in the user's language.
    if (!(err instanceof UserError)) throw err;
    const key = err.message.startsWith('More than one') ? 'options.teamAmbiguous' : 'options.teamUnknown';
    throw new TranslatedUserError(key, { query: raw }, err.suggestions);
  }
}

/**
 * Reads a string option declared with fixed choices. Discord's client offers only those, but a
 * forged payload can send anything (`__proto__`, `@everyone`): a value off the list is refused here,
 * before it can index a table or reach a reply.
 */
export function readChoice<T extends string>(interaction: ChatInputCommandInteraction, name: string, allowed: readonly T[]): T | null {
  const raw = interaction.options.getString(name);
  if (raw === null) return null;
  const found = allowed.find((value) => value === raw);
  if (found === undefined) throw new TranslatedUserError('options.notAChoice', { value: echoed(raw) }, [], name);
  return found;
}

/**
 * Reads the `stage` option against the season's format (autocomplete gives a code, but anything may be
 * typed): a stage's code or its name in the reply's language, any case. Off the list: a UserError
 * naming the season's stages.
 */
export function readStage(
  interaction: ChatInputCommandInteraction,
  season: Season,
  tr: Translator = englishTr(),
  kinds: readonly StageKind[] = ['qualifying', 'group', 'knockout'],
): Stage | null {
  const raw = interaction.options.getString('stage');
  if (raw === null) return null;
  const stages = season.format.stages.filter((s) => kinds.includes(s.kind));
  const typed = raw.trim().toLocaleLowerCase();
  const found = stages.find((s) => s.code === typed || stageChoiceName(season, s.code, tr).toLocaleLowerCase() === typed || s.name.toLocaleLowerCase() === typed);
  if (found === undefined) {
    throw new TranslatedUserError('options.notAChoice', { value: echoed(raw) }, stages.map((s) => stageChoiceName(season, s.code, tr)), 'stage');
  }
  return found.code;
}

/**
 * Reads the `group` option against the season's groups: a label (`B`, or `b`), as autocomplete gives
 * it, or the group's name in the reply's language as a fan may type it without picking (`Grupo C`).
 */
export function readGroup(interaction: ChatInputCommandInteraction, season: Season, tr: Translator = englishTr()): GroupId | null {
  const raw = interaction.options.getString('group');
  if (raw === null) return null;
  // A league phase's one unnamed group has no label to pick: there is one table.
  if (hasUnnamedGroup(season)) throw new TranslatedUserError('options.noGroups', {}, [], 'group');
  const typed = raw.trim().toLocaleLowerCase();
  const labels = groupLabels(season);
  const found = labels.find((g) => g.toLocaleLowerCase() === typed || groupName(g, tr).toLocaleLowerCase() === typed);
  if (found === undefined) throw new TranslatedUserError('options.notAChoice', { value: echoed(raw) }, labels.map((g) => groupName(g, tr)), 'group');
  return found;
}

/** Reads the `matchday` option against the season's group stage (1…its matchdays). */
export const readMatchday = (interaction: ChatInputCommandInteraction, season: Season): number | null =>
  readInteger(interaction, 'matchday', 1, Math.max(1, matchdayCount(season)));

/** Reads an integer option, refusing what its declared range (or a forged payload) rules out. */
export function readInteger(interaction: ChatInputCommandInteraction, name: string, min: number, max: number): number | null {
  const value = interaction.options.getInteger(name);
  if (value === null) return null;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TranslatedUserError('options.wholeNumber', { min, max }, [], name);
  }
  return value;
}

/** Discord ids (snowflakes) are 17 to 20 digits; the database refuses anything else, so it is checked first. */
export const isDiscordId = (id: string): boolean => /^\d{17,20}$/.test(id);

/**
 * Reads the `channel` option. A forged payload may omit a required one or give an id that is not a
 * Discord id (`abc`): both are a UserError, before anything reaches the database.
 */
export function readChannelId(interaction: ChatInputCommandInteraction, required: true): string;
export function readChannelId(interaction: ChatInputCommandInteraction, required?: false): string | null;
export function readChannelId(interaction: ChatInputCommandInteraction, required = false): string | null {
  const channel = interaction.options.getChannel('channel');
  if (channel === null) {
    if (required) throw new TranslatedUserError('options.channelMissing', {}, [], 'channel');
    return null;
  }
  if (!isDiscordId(channel.id)) throw new TranslatedUserError('options.channelInvalid', {}, [], 'channel');
  return channel.id;
}

/**
 * Autocomplete for a fan command: the `competition` option lists the catalog's seasons; any other
 * (a team option) lists the clubs of the season the command would show (its `competition` so far).
 */
export const teamAutocomplete = async (interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> => {
  const focused = interaction.options.getFocused(true);
  if (focused.name === COMPETITION_OPTION) {
    await interaction.respond(competitionChoices(catalogOf(ctx), String(focused.value)));
    return;
  }
  if (FORMAT_OPTIONS.has(focused.name)) {
    // Stages, groups and matchdays of the season the command would show (its `competition` so far).
    const { season } = seasonForAutocomplete(interaction, ctx);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    const typed = String(focused.value);
    const kinds = STAGE_KINDS_OF.get(interaction.commandName);
    await interaction.respond(
      focused.name === 'stage'
        ? stageChoices(season, typed, tr, kinds)
        : focused.name === 'group'
          ? groupChoices(season, typed, tr)
          : matchdayChoices(season, typed, tr),
    );
    return;
  }
  await interaction.respond(teamChoices(teamsForAutocomplete(interaction, ctx), String(focused.value)));
};
