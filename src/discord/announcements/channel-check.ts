// Is a channel fit for announcements? Checked before a channel is saved: it must be a text or
// announcement channel of the guild the command came from, where the bot can view, send and embed.
import { ChannelType, DiscordAPIError, PermissionsBitField, type Client } from 'discord.js';
import { REQUIRED_PERMISSIONS } from './sender.js';
import type { Translator } from '../../i18n/index.js';
import { englishTr } from '../render/words.js';

export type ChannelCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const ANNOUNCEABLE: ReadonlySet<ChannelType> = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/** The required permissions missing from a permission set, by name. */
export const missingPermissionNames = (permissions: Readonly<PermissionsBitField> | bigint): string[] => {
  const bits = typeof permissions === 'bigint' ? new PermissionsBitField(permissions) : permissions;
  return REQUIRED_PERMISSIONS.filter((p) => !bits.has(p.flag)).map((p) => p.name);
};

export async function checkAnnouncementChannel(client: Client, guildId: string, channelId: string, tr: Translator = englishTr()): Promise<ChannelCheck> {
  let channel;
  try {
    channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId));
  } catch (err) {
    if (err instanceof DiscordAPIError && (err.code === 50001 || err.status === 403)) {
      return { ok: false, reason: tr.t('announcements.channelCheck.cannotSee') };
    }
    if (err instanceof DiscordAPIError && (err.code === 10003 || err.status === 404)) {
      return { ok: false, reason: tr.t('announcements.channelCheck.doesNotExist') };
    }
    throw err;
  }
  if (channel === null || channel.isDMBased() || !('guildId' in channel) || channel.guildId !== guildId) {
    return { ok: false, reason: tr.t('announcements.channelCheck.notInServer') };
  }
  if (!ANNOUNCEABLE.has(channel.type)) {
    return { ok: false, reason: tr.t('announcements.channelCheck.wrongType') };
  }
  const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe());
  const permissions = channel.permissionsFor(me);
  const missing = missingPermissionNames(permissions);
  if (missing.length > 0) {
    // Discord's permission names, as its English settings show them.
    const list = tr.name(`**${missing.join('**, **')}**`);
    return { ok: false, reason: tr.t('announcements.channelCheck.missing', { count: missing.length, list, channel: `<#${channelId}>` }) };
  }
  return { ok: true };
}
