// Autocomplete for /edit: matches across the loaded seasons, the match's two clubs, a season's clubs
// and rounds, the format templates, and the changes that can be undone. Editors only: anyone else
// is answered with no choices.
import type { APIApplicationCommandOptionChoice, AutocompleteInteraction } from 'discord.js';
import type { EditorsConfig } from '../../config.js';
import { normalizeName } from '../../domain/names.js';
import type { EditingService } from '../../editing/types.js';
import { teamChoices } from '../render/choices.js';
import { LIMITS } from '../render/limits.js';
import { truncate } from '../render/text.js';
import { editRefusal } from './edit-access.js';
import { editSeason, editTarget, matchChoices } from './edit-target.js';
import { catalogOf, competitionChoices } from './season-choice.js';
import type { CommandContext } from './types.js';

const MAX_CHOICES = 25;

/** Choices whose name or value has every word typed. */
const filtered = (choices: readonly { name: string; value: string }[], typed: string): { name: string; value: string }[] => {
  const words = normalizeName(typed).split(' ').filter((w) => w !== '');
  return choices.filter((c) => words.every((w) => normalizeName(`${c.name} ${c.value}`).includes(w)));
};

const attempt = <T>(fn: () => T, fallback: T): T => {
  try {
    return fn();
  } catch {
    return fallback;
  }
};

export const editChoices = (
  interaction: AutocompleteInteraction,
  ctx: CommandContext,
  editing: EditingService,
  editors: EditorsConfig | null,
): APIApplicationCommandOptionChoice[] => {
  if (editRefusal(interaction, editors) !== null) return [];
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value);
  const catalog = catalogOf(ctx);
  const now = ctx.now();
  const seasonTyped = attempt(() => interaction.options.getString('season'), null);
  const sub = interaction.options.getSubcommand(false);
  switch (focused.name) {
    case 'season':
      return competitionChoices(catalog, typed);
    case 'match':
      return matchChoices(catalog, editing, typed, seasonTyped, now);
    case 'team': {
      // The clubs of the match picked so far; nothing until a match is.
      const target = attempt(() => editTarget(catalog, editing, interaction.options.getString('match') ?? '', seasonTyped, now), null);
      if (target === null) return [];
      const teams = target.season.teams.filter((t) => t.id === target.match.home || t.id === target.match.away);
      return teamChoices(teams, typed);
    }
    case 'home':
    case 'away': {
      if (sub !== 'fixture') return [];
      const season = attempt(() => editSeason(catalog, seasonTyped, now), null);
      return season === null ? [] : teamChoices(season.teams, typed);
    }
    case 'round': {
      const season = attempt(() => editSeason(catalog, seasonTyped, now), null);
      return season === null ? [] : editing.roundChoices(season.id, typed).slice(0, MAX_CHOICES).map((c) => ({ ...c }));
    }
    case 'format':
      return filtered(editing.formatChoices(), typed).slice(0, MAX_CHOICES);
    case 'change': {
      const season = seasonTyped === null ? null : attempt(() => editSeason(catalog, seasonTyped, now).id, null);
      // The option is an integer: Discord takes only numbers as its choices' values.
      return editing
        .undoChoices(season, typed)
        .map((c) => ({ name: truncate(c.name, LIMITS.selectLabel), value: Number(c.value) }))
        .filter((c) => Number.isSafeInteger(c.value) && c.value > 0)
        .slice(0, MAX_CHOICES);
    }
    default:
      return [];
  }
};
