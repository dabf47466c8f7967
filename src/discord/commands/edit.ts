// /edit: the editors' command, registered only in the editor server (EDITOR_GUILD_ID). Every
// change is previewed privately and saved by its editor's Confirm (edit-flow.ts); log and undo read
// and extend the journal (edit-journal.ts). The server and the role are checked on every command,
// autocomplete and button press (edit-access.ts): anyone else changes nothing.
import type { EditorsConfig } from '../../config.js';
import { UserError } from '../../domain/errors.js';
import type { EditingService } from '../../editing/types.js';
import { PREVIEW_ID } from '../render/edit.js';
import { requireEditor } from './edit-access.js';
import { editChoices } from './edit-autocomplete.js';
import { answerPreview, previewChange } from './edit-flow.js';
import { pageLog, showLog, undoChange } from './edit-journal.js';
import { editCommandData } from './edit-options.js';
import { createPendingChanges, type PendingChanges } from './edit-pending.js';
import type { Command } from './types.js';

export interface EditCommandDeps {
  /** The editing service; null where the bot runs without one (it then says so to editors). */
  readonly editing: EditingService | null;
  readonly editors: EditorsConfig | null;
  /** Previews waiting for Confirm (tests pass their own, with a short expiry). */
  readonly pending?: PendingChanges;
}

const unavailable = (): UserError => new UserError('Editing is not available in this process. Nothing was changed.');

export const createEditCommand = (deps: EditCommandDeps): Command => {
  const pending = deps.pending ?? createPendingChanges();
  const service = (): EditingService => {
    if (deps.editing === null) throw unavailable();
    return deps.editing;
  };
  return {
    data: editCommandData(deps.editors),
    async execute(interaction, ctx) {
      requireEditor(interaction, deps.editors);
      const editing = service();
      // `log` and `undo` read or extend the journal; every other subcommand is a change to preview.
      const sub = interaction.options.getSubcommandGroup(false) === null ? interaction.options.getSubcommand(true) : null;
      if (sub === 'log') return showLog(interaction, ctx, editing);
      if (sub === 'undo') return undoChange(interaction, ctx, editing);
      return previewChange(interaction, ctx, editing, pending);
    },
    async autocomplete(interaction, ctx) {
      await interaction.respond(deps.editing === null ? [] : editChoices(interaction, ctx, deps.editing, deps.editors));
    },
    async button(interaction, ctx) {
      requireEditor(interaction, deps.editors);
      const editing = service();
      if (await pageLog(interaction, ctx, editing)) return;
      const [prefix = '', action = '', token = ''] = interaction.customId.split(':');
      const kind = `${prefix}:${action}`;
      if (kind !== PREVIEW_ID.confirm && kind !== PREVIEW_ID.cancel) throw new UserError('This button is no longer supported: run the command again.');
      await answerPreview(interaction, kind === PREVIEW_ID.confirm ? 'confirm' : 'cancel', token, editing, pending);
    },
  };
};
