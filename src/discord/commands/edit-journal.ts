// /edit log (the journal, newest first, with undone marks and the current conflicts; paged) and
// /edit undo (a new journal row; refused, with the list, when later changes depend on it).
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { UserError } from '../../domain/errors.js';
import type { Season } from '../../domain/types.js';
import type { EditingService, JournalEntry } from '../../editing/types.js';
import { logPayload, undonePayload } from '../render/edit.js';
import { teamNames } from '../render/edit-values.js';
import type { MessagePayload } from '../render/limits.js';
import { seasonTitle } from '../render/theme.js';
import { editorOf } from './edit-flow.js';
import { editSeason, editTarget } from './edit-target.js';
import { catalogOf, SEASON_ID_PATTERN } from './season-choice.js';
import type { CommandContext } from './types.js';

/** `edit:log:<season>:<match or ->:<page>[:x]`: every page's state in the button, so a restart keeps them working. */
const LOG_PREFIX = 'edit:log:';

const logView = async (editing: EditingService, season: Season, matchId: string | null, page: number): Promise<MessagePayload> => {
  const log = await editing.log(season.id, matchId);
  const match = matchId === null ? undefined : season.matches.find((m) => m.id === matchId);
  const names = teamNames(season);
  return logPayload({
    log,
    season,
    seasonTitle: seasonTitle(season),
    matchTitle: matchId === null ? null : match === undefined ? matchId : `${names(match.home)} v ${names(match.away)}`,
    page,
    pageId: (target, role) => `${LOG_PREFIX}${season.id}:${matchId ?? '-'}:${target}${role === 'label' ? ':x' : ''}`,
  });
};

export const showLog = async (interaction: ChatInputCommandInteraction, ctx: CommandContext, editing: EditingService): Promise<void> => {
  const catalog = catalogOf(ctx);
  const rawMatch = interaction.options.getString('match')?.trim() ?? '';
  const rawSeason = interaction.options.getString('season');
  const target = rawMatch === '' ? null : editTarget(catalog, editing, rawMatch, rawSeason, ctx.now());
  const season = target?.season ?? editSeason(catalog, rawSeason, ctx.now());
  await interaction.reply({ ...(await logView(editing, season, target?.match.id ?? null, 1)), flags: MessageFlags.Ephemeral });
};

/** A pager button of the log; false when the custom id is not one. */
export const pageLog = async (interaction: ButtonInteraction, ctx: CommandContext, editing: EditingService): Promise<boolean> => {
  if (!interaction.customId.startsWith(LOG_PREFIX)) return false;
  const [seasonId = '', matchPart = '-', pagePart = '1'] = interaction.customId.slice(LOG_PREFIX.length).split(':');
  const season = SEASON_ID_PATTERN.test(seasonId) ? catalogOf(ctx).get(seasonId) : undefined;
  if (season === undefined) throw new UserError('That season is no longer loaded: run `/edit log` again.');
  await interaction.update(await logView(editing, season, matchPart === '-' ? null : matchPart, Number(pagePart)));
  return true;
};

const entryLine = (entry: JournalEntry): string =>
  `#${entry.id} (${entry.action}${entry.matchId === null ? '' : ` of ${entry.matchId}`}, by ${entry.editor.name})`;

export const undoChange = async (interaction: ChatInputCommandInteraction, ctx: CommandContext, editing: EditingService): Promise<void> => {
  const id = interaction.options.getInteger('change', true);
  if (!Number.isSafeInteger(id) || id < 1) throw new UserError(`\`change\` must be a change number from \`/edit log\` (got ${id}).`);
  // Undoing re-imports the season: acknowledge first (privately).
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await editing.undo(id, editorOf(interaction));
  if (!result.ok) {
    const first = result.reason === 'depends' && result.dependents.length > 0 ? ` Undo these first, newest first: ${result.dependents.map(entryLine).join(', ')}.` : '';
    throw new UserError(`Change #${id} was not undone: ${result.problems.join(' ')}${first}`);
  }
  await interaction.editReply(undonePayload(result.entry, result.undone, catalogOf(ctx).get(result.entry.seasonId)));
};
