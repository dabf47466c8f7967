import { Options, type ClientOptions } from 'discord.js';

/**
 * What discord.js keeps in memory (issue 15: memory decides how many shards fit a host). The bot reads
 * only guilds, channels and roles (announcement pre-flight checks, /announcements) and its own member
 * (channel permissions); those caches stay as they are (discord.js does not support limiting them).
 * Everything else a Guilds-intent session would fill — members and users that interactions bring,
 * emojis, stickers, messages, threads' members, scheduled events… — is not kept.
 */
export const cacheOptions: Pick<ClientOptions, 'makeCache'> = {
  makeCache: Options.cacheWithLimits({
    ApplicationCommandManager: 0,
    ApplicationEmojiManager: 0,
    AutoModerationRuleManager: 0,
    BaseGuildEmojiManager: 0,
    DMMessageManager: 0,
    EntitlementManager: 0,
    GuildBanManager: 0,
    GuildEmojiManager: 0,
    GuildInviteManager: 0,
    GuildMessageManager: 0,
    GuildScheduledEventManager: 0,
    GuildStickerManager: 0,
    MessageManager: 0,
    PresenceManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    StageInstanceManager: 0,
    ThreadMemberManager: 0,
    VoiceStateManager: 0,
    // The bot's own member and user are needed (permissionsFor); nobody else's.
    GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
    UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
  }),
};
