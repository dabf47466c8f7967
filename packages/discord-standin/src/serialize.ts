/** Records → Discord API JSON (the shapes discord.js parses). */
import type { APIGuildMember, APIRole, APIUser, GuildMemberFlags, RoleFlags, UserFlags } from 'discord-api-types/v10';
import type { StandinState } from './state.js';
import type { ChannelRecord, GuildRecord, Json, MemberRecord, RoleRecord, UserRecord } from './types.js';

export function userObject(user: UserRecord): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: user.bot ? '0001' : '0',
    global_name: user.globalName,
    avatar: null,
    bot: user.bot || undefined,
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function roleObject(role: RoleRecord): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: role.mentionable,
    flags: 0 as RoleFlags,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

export function memberObject(state: StandinState, member: MemberRecord): APIGuildMember {
  return {
    user: userObject(state.user(member.userId)),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function channelObject(channel: ChannelRecord, state?: StandinState): Json {
  if (channel.type === 1) {
    return {
      id: channel.id,
      type: 1,
      last_message_id: channel.lastMessageId,
      flags: 0,
      recipients: state ? (channel.recipientIds ?? []).map((id) => userObject(state.user(id))) : [],
    };
  }
  const base: Json = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: channel.overwrites.map((o) => ({ ...o })),
    parent_id: channel.parentId,
    flags: 0,
  };
  switch (channel.type) {
    case 0:
    case 5:
      return { ...base, topic: channel.topic, nsfw: channel.nsfw, last_message_id: channel.lastMessageId, rate_limit_per_user: 0 };
    case 2:
      return {
        ...base,
        nsfw: channel.nsfw,
        last_message_id: channel.lastMessageId,
        rate_limit_per_user: 0,
        bitrate: 64_000,
        user_limit: 0,
        rtc_region: null,
      };
    case 15:
      return {
        ...base,
        topic: channel.topic,
        nsfw: channel.nsfw,
        rate_limit_per_user: 0,
        available_tags: [],
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
      };
    default:
      return base;
  }
}

/** GET /guilds/{id}. */
export function guildObject(guild: GuildRecord): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...guild.roles.values()].map(roleObject),
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.systemChannelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.locale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

/** The GUILD_CREATE dispatch: with only the Guilds intent, `members` holds just the bot itself. */
export function guildCreateObject(state: StandinState, guild: GuildRecord): Json {
  const botMember = guild.members.get(state.bot.id);
  return {
    ...guildObject(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: botMember ? [memberObject(state, botMember)] : [],
    channels: guild.channelIds.flatMap((id) => {
      const c = state.channels.get(id);
      return c ? [channelObject(c)] : [];
    }),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
  };
}
