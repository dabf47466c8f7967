// Who may use /edit: a member of the editor server (EDITOR_GUILD_ID) with the editor role
// (EDITOR_ROLE_ID), or with Manage Server when no role is named. Checked on every command and every
// button press, from the interaction itself: a command registered only in that server can still be
// sent from elsewhere by a forged or stale client, and a member may have lost the role since.
import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { EditorsConfig } from '../../config.js';
import { TranslatedUserError } from '../reply.js';

/** Why an interaction may not edit; null when it may. */
export type EditRefusal = 'server' | 'role' | 'manage_server';

export const editRefusal = (interaction: Interaction, editors: EditorsConfig | null): EditRefusal | null => {
  if (editors === null || !interaction.inGuild() || interaction.guildId !== editors.guildId) return 'server';
  if (editors.roleId !== null) return memberRoleIds(interaction).includes(editors.roleId) ? null : 'role';
  // The permissions Discord computed for the member in this channel (roles, overwrites, owner, admin).
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true ? null : 'manage_server';
};

/** Throws the private refusal (in the member's language) unless the interaction may edit. */
export const requireEditor = (interaction: Interaction, editors: EditorsConfig | null): void => {
  const refusal = editRefusal(interaction, editors);
  if (refusal !== null) throw new TranslatedUserError(REFUSAL_KEY[refusal]);
};

const REFUSAL_KEY: Readonly<Record<EditRefusal, string>> = {
  server: 'edit.refused.server',
  role: 'edit.refused.role',
  manage_server: 'edit.refused.manageServer',
};

/**
 * The member's role ids as Discord sent them with this interaction: discord.js gives a GuildMember
 * (roles from the guild's cache) when the server is cached, the raw member (ids) otherwise.
 */
const memberRoleIds = (interaction: Interaction): readonly string[] => {
  const roles = interaction.member?.roles;
  if (roles === undefined) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
};
