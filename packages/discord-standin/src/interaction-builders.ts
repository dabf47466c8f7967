/**
 * Builds INTERACTION_CREATE payloads the way Discord fills them (receiving-and-responding.mdx,
 * "Interaction Object"): member with computed permissions, app_permissions, channel, entitlements,
 * authorizing_integration_owners, context. Option types come from the registered command when there is one.
 */
import { randomBytes } from 'node:crypto';
import type { APIApplicationCommandOption, APIMessage } from 'discord-api-types/v10';
import type { CommandStore } from './command-store.js';
import { Permission, basePermissions, toBits, type PermissionInput } from './permissions.js';
import { channelObject, memberObject, roleObject, userObject } from './serialize.js';
import type { StandinState } from './state.js';
import type { Json } from './types.js';

export type OptionValue = string | number | boolean;

interface BaseSpec {
  /** Default: the first guild; `null` = a DM with the bot. */
  guildId?: string | null;
  /** Default: the guild's first text/announcement channel (or the DM channel). */
  channelId?: string;
  /** Default: the stand-in's "tester" user. */
  userId?: string;
  /** The invoker's permissions as Discord reports them; default: computed from roles and overwrites. */
  memberPermissions?: PermissionInput;
  /** Role ids given to the invoker before building (they must exist in the guild). */
  memberRoles?: readonly string[];
  locale?: string;
}

export interface ChatInputSpec extends BaseSpec {
  kind: 'chatInput';
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** Option name → value. Channel/user/role options take ids and get `resolved` entries. */
  options?: Record<string, OptionValue>;
}

export interface AutocompleteSpec extends BaseSpec {
  kind: 'autocomplete';
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
  /** The option being typed; its value (default "") is what the user typed so far. */
  focused: string;
}

export interface ButtonSpec extends BaseSpec {
  kind: 'button';
  customId: string;
  /** The message the button is on: an APIMessage or the id of one the stand-in holds. */
  message?: APIMessage | string;
}

export interface SelectSpec extends BaseSpec {
  kind: 'select';
  customId: string;
  values: readonly string[];
  message?: APIMessage | string;
}

export type InteractionSpec = ChatInputSpec | AutocompleteSpec | ButtonSpec | SelectSpec;

export interface BuilderContext {
  state: StandinState;
  commands: CommandStore;
  findMessage(id: string): APIMessage | undefined;
}

export interface BuiltInteraction {
  payload: Json;
  /** For component interactions: the message the component is on. */
  sourceMessage: APIMessage | null;
}

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
/** What a bot can do in its own DM channel. */
const DM_APP_PERMISSIONS =
  Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks | Permission.AttachFiles | Permission.ReadMessageHistory;

export function buildInteraction(ctx: BuilderContext, spec: InteractionSpec): BuiltInteraction {
  switch (spec.kind) {
    case 'chatInput':
      return { payload: { ...envelope(ctx, spec, 2), data: commandData(ctx, spec, null) }, sourceMessage: null };
    case 'autocomplete':
      return { payload: { ...envelope(ctx, spec, 4), data: commandData(ctx, spec, spec.focused) }, sourceMessage: null };
    case 'button':
    case 'select': {
      const base = envelope(ctx, spec, 3);
      const message = resolveMessage(ctx, spec, String(base.channel_id));
      const data =
        spec.kind === 'button'
          ? { custom_id: spec.customId, component_type: 2 }
          : { custom_id: spec.customId, component_type: 3, values: [...spec.values] };
      return { payload: { ...base, data, message }, sourceMessage: message };
    }
  }
}

function interactionToken(id: string): string {
  // Shaped like Discord's: base64url of "interaction:<id>:<secret>", no characters that need escaping.
  return Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
}

/** Everything but `data`: who, where, and with which permissions. */
function envelope(ctx: BuilderContext, spec: BaseSpec, type: number): Json {
  const { state } = ctx;
  const id = state.snowflake();
  const common: Json = {
    id,
    application_id: state.application.id,
    type,
    token: interactionToken(id),
    version: 1,
    locale: spec.locale ?? 'en-US',
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  const userId = spec.userId ?? state.tester.id;
  const guildId = spec.guildId === undefined ? ([...state.guilds.keys()][0] ?? null) : spec.guildId;

  if (guildId === null) {
    const dm = state.dmChannel(userId);
    return {
      ...common,
      channel_id: dm.id,
      channel: channelObject(dm, state),
      user: userObject(state.user(userId)),
      app_permissions: DM_APP_PERMISSIONS.toString(),
      authorizing_integration_owners: { '0': '0' },
      context: 1,
    };
  }

  const guild = state.guild(guildId);
  const channel = spec.channelId ? state.channel(spec.channelId) : state.firstTextChannel(guildId);
  if (!channel) throw new Error(`stand-in: guild ${guildId} has no text channel; pass channelId`);
  const member = state.member(guildId, userId);
  for (const roleId of spec.memberRoles ?? []) if (!member.roles.includes(roleId)) member.roles.push(roleId);
  const memberPermissions =
    spec.memberPermissions === undefined ? state.permissionsIn(channel.id, userId) : toBits(spec.memberPermissions);
  return {
    ...common,
    guild_id: guildId,
    guild: { id: guildId, locale: guild.locale, features: [] },
    guild_locale: guild.locale,
    channel_id: channel.id,
    channel: { ...channelObject(channel), permissions: memberPermissions.toString() },
    member: { ...memberObject(state, member), permissions: memberPermissions.toString() },
    app_permissions: state.permissionsIn(channel.id, state.bot.id).toString(),
    authorizing_integration_owners: { '0': guildId },
    context: 0,
  };
}

function inferType(value: OptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

function optionDefs(
  defs: readonly APIApplicationCommandOption[] | undefined,
  name: string | undefined,
): readonly APIApplicationCommandOption[] | undefined {
  if (!name || !defs) return defs;
  const def = defs.find((d) => d.name === name) as { options?: APIApplicationCommandOption[] } | undefined;
  return def?.options;
}

function commandData(ctx: BuilderContext, spec: ChatInputSpec | AutocompleteSpec, focused: string | null): Json {
  const { state, commands } = ctx;
  const guildId = spec.guildId === undefined ? ([...state.guilds.keys()][0] ?? null) : spec.guildId;
  const registered = commands.findByName(spec.name, guildId);
  const leafDefs = optionDefs(optionDefs(registered?.options, spec.subcommandGroup), spec.subcommand);
  const resolved: Record<string, Record<string, Json>> = {};

  const values: Record<string, OptionValue> = { ...spec.options };
  if (focused !== null && !(focused in values)) values[focused] = '';
  let options: Json[] = Object.entries(values).map(([name, value]) => {
    const def = leafDefs?.find((d) => d.name === name);
    if (registered && !def) throw new Error(`stand-in: /${spec.name} has no option "${name}"`);
    const type = def?.type ?? inferType(value);
    if (focused !== name) addResolved(ctx, resolved, type, String(value), spec);
    return { name, type, value, ...(focused === name ? { focused: true } : {}) };
  });
  if (spec.subcommand) options = [{ name: spec.subcommand, type: 1, options }];
  if (spec.subcommandGroup) options = [{ name: spec.subcommandGroup, type: 2, options }];

  return {
    id: registered?.id ?? state.snowflake(),
    name: spec.name,
    type: 1,
    ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
    ...(options.length > 0 ? { options } : {}),
    ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
  };
}

/** Channel (7), user (6), role (8) and mentionable (9) options carry `resolved` objects, as on Discord. */
function addResolved(ctx: BuilderContext, resolved: Record<string, Record<string, Json>>, type: number, id: string, spec: BaseSpec): void {
  const { state } = ctx;
  const put = (kind: string, value: Json) => {
    resolved[kind] = { ...resolved[kind], [id]: value };
  };
  const guildId = spec.guildId === undefined ? ([...state.guilds.keys()][0] ?? null) : spec.guildId;
  const userId = spec.userId ?? state.tester.id;
  if (type === 7) {
    const channel = state.channels.get(id);
    const permissions = channel?.guildId ? state.permissionsIn(id, userId) : 0n;
    put('channels', channel ? { ...channelObject(channel, state), permissions: permissions.toString() } : { id, name: 'unknown', type: 0, permissions: '0' });
  } else if (type === 6 || (type === 9 && state.users.has(id))) {
    put('users', { ...userObject(state.user(id)) });
    const member = guildId ? state.guilds.get(guildId)?.members.get(id) : undefined;
    if (member && guildId) {
      const { user: _user, ...rest } = memberObject(state, member);
      put('members', { ...rest, permissions: basePermissions(state.permissionContext(guildId, id)).toString() });
    }
  } else if (type === 8 || type === 9) {
    const role = guildId ? state.guilds.get(guildId)?.roles.get(id) : undefined;
    if (role) put('roles', roleObject(role) as unknown as Json);
  }
}

function resolveMessage(ctx: BuilderContext, spec: ButtonSpec | SelectSpec, channelId: string): APIMessage {
  if (typeof spec.message === 'object') return spec.message;
  if (typeof spec.message === 'string') {
    const found = ctx.findMessage(spec.message);
    if (!found) throw new Error(`stand-in: no message ${spec.message} to attach the component to`);
    return found;
  }
  const { state } = ctx;
  // No message given: a bot message in the channel carrying exactly this component.
  const component =
    spec.kind === 'button'
      ? { type: 2, style: 1, label: spec.customId, custom_id: spec.customId }
      : { type: 3, custom_id: spec.customId, options: spec.values.map((v) => ({ label: v, value: v })) };
  return {
    id: state.snowflake(),
    channel_id: channelId,
    author: userObject(state.bot),
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
    components: [{ type: 1, components: [component] }],
  } as unknown as APIMessage;
}
