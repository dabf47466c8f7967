// A change from /edit: validated and shown as a private preview with Confirm and Cancel; saved only
// by its own editor's Confirm, while the preview is fresh. Nothing is written before that.
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { UserError } from '../../domain/errors.js';
import type { Change, ChangeRefused, EditingService, Editor } from '../../editing/types.js';
import { cancelledPayload, previewPayload, savedPayload } from '../render/edit.js';
import { fitMessage } from '../render/limits.js';
import { escapeText } from '../render/text.js';
import { readChange } from './edit-options.js';
import type { PendingChanges } from './edit-pending.js';
import { editSeason, editTarget } from './edit-target.js';
import { catalogOf } from './season-choice.js';
import type { CommandContext } from './types.js';

/** The editor as the journal keeps them: ids, and the name shown in the server at the time. */
export const editorOf = (interaction: Interaction): Editor => {
  const member = interaction.member;
  const memberName = member === null ? null : 'displayName' in member ? member.displayName : (member.nick ?? null);
  return {
    id: interaction.user.id,
    name: memberName ?? interaction.user.globalName ?? interaction.user.username,
    guildId: interaction.guildId ?? '',
  };
};

/** The service's reasons, as one private message (each problem is a sentence already). */
export const refusedError = (refused: ChangeRefused): UserError =>
  new UserError(`Not saved: ${refused.problems.join(' ')}`);

/** The season and the change with its match resolved (a match option may name any loaded season). */
const resolve = (interaction: ChatInputCommandInteraction, ctx: CommandContext, editing: EditingService): { seasonId: string; change: Change } => {
  const { change, matchOption, seasonOption } = readChange(interaction);
  const catalog = catalogOf(ctx);
  if (change.kind === 'season_new') return { seasonId: change.id, change };
  if (change.kind === 'fixture') return { seasonId: editSeason(catalog, seasonOption, ctx.now()).id, change };
  const target = editTarget(catalog, editing, matchOption ?? '', seasonOption, ctx.now());
  return { seasonId: target.season.id, change: { ...change, match: target.match.id } };
};

/** Validates the change and answers with its private preview and the two buttons. */
export const previewChange = async (
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
  editing: EditingService,
  pending: PendingChanges,
): Promise<void> => {
  const { seasonId, change } = resolve(interaction, ctx, editing);
  const preview = await editing.preview(seasonId, change);
  if (!preview.ok) throw refusedError(preview);
  const editor = editorOf(interaction);
  const token = pending.add({ seasonId, change, preview, editorId: editor.id, guildId: editor.guildId });
  const payload = previewPayload({ kind: change.kind, preview, source: change.source, season: catalogOf(ctx).get(seasonId), token, ttlMs: pending.ttlMs });
  await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
};

const gone = (): UserError =>
  new UserError('This preview has expired or was already answered (previews last 10 minutes; a restart drops them). Nothing was saved: run the command again.');

/** Confirm or Cancel on a preview: only its editor, only while it is fresh, only once. */
export const answerPreview = async (
  interaction: ButtonInteraction,
  action: 'confirm' | 'cancel',
  token: string,
  editing: EditingService,
  pending: PendingChanges,
): Promise<void> => {
  const waiting = pending.get(token);
  if (waiting === undefined) throw gone();
  if (waiting.editorId !== interaction.user.id) throw new UserError('Only the editor who asked for this preview can confirm or cancel it.');
  // Taken before any await: a double click finds nothing the second time.
  const taken = pending.take(token);
  if (taken === undefined) throw gone();
  if (action === 'cancel') {
    await interaction.update(cancelledPayload(taken.preview.subject));
    return;
  }
  // Saving re-imports the season: acknowledge first, so the 3-second deadline never matters.
  await interaction.deferUpdate();
  const saved = await editing.confirm(taken.seasonId, taken.change, editorOf(interaction));
  if (!saved.ok) {
    // The season moved since the preview (another editor, a source update): say why, save nothing.
    await interaction.editReply(
      fitMessage({ embeds: [{ title: 'Not saved', color: 0xc62828, description: escapeText(refusedError(saved).message) }], components: [] }),
    );
    return;
  }
  await interaction.editReply(savedPayload(saved.entry, taken.preview.subject));
};
