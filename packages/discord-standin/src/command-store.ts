/** Registered application commands per scope (global or one guild), as Discord stores and returns them. */
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { ApiError, ErrorCode } from './errors.js';
import type { StandinState } from './state.js';
import type { Json } from './types.js';

const GLOBAL = 'global';

/** The fields a client defines; comparing them decides whether `version` changes. */
const DEFINED_FIELDS = [
  'type',
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'options',
  'default_member_permissions',
  'nsfw',
  'integration_types',
  'contexts',
] as const;

export class CommandStore {
  private readonly byScope = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly state: StandinState) {}

  list(guildId: string | null = null): APIApplicationCommand[] {
    return [...(this.byScope.get(guildId ?? GLOBAL) ?? [])];
  }

  get(guildId: string | null, id: string): APIApplicationCommand {
    const cmd = this.list(guildId).find((c) => c.id === id);
    if (!cmd) throw new ApiError(404, ErrorCode.UnknownApplicationCommand);
    return cmd;
  }

  /** A guild command wins over a global one with the same name, as in the Discord client. */
  findByName(name: string, guildId: string | null, type = 1): APIApplicationCommand | undefined {
    const match = (c: APIApplicationCommand) => c.name === name && c.type === type;
    return (guildId ? this.list(guildId).find(match) : undefined) ?? this.list(null).find(match);
  }

  /** POST: a command with the same name and type is updated in place (Discord answers 200, not 201). */
  create(guildId: string | null, body: Json): { command: APIApplicationCommand; created: boolean } {
    const list = this.list(guildId);
    const index = list.findIndex((c) => c.name === body.name && c.type === ((body.type as number | undefined) ?? 1));
    const previous = index >= 0 ? list[index] : undefined;
    const command = this.build(guildId, body, previous);
    if (index >= 0) list[index] = command;
    else list.push(command);
    this.save(guildId, list);
    return { command, created: index < 0 };
  }

  /** PUT: replaces the scope; commands matching an existing (type, name) keep their id. */
  overwrite(guildId: string | null, bodies: Json[]): APIApplicationCommand[] {
    const old = this.list(guildId);
    const next = bodies.map((body) => {
      const type = (body.type as number | undefined) ?? 1;
      return this.build(guildId, body, old.find((c) => c.name === body.name && c.type === type));
    });
    this.save(guildId, next);
    return next;
  }

  edit(guildId: string | null, id: string, patch: Json): APIApplicationCommand {
    const list = this.list(guildId);
    const index = list.findIndex((c) => c.id === id);
    const previous = list[index];
    if (!previous) throw new ApiError(404, ErrorCode.UnknownApplicationCommand);
    const command = this.build(guildId, { ...definedPart(previous), ...patch }, previous);
    list[index] = command;
    this.save(guildId, list);
    return command;
  }

  delete(guildId: string | null, id: string): void {
    const list = this.list(guildId);
    if (!list.some((c) => c.id === id)) throw new ApiError(404, ErrorCode.UnknownApplicationCommand);
    this.save(
      guildId,
      list.filter((c) => c.id !== id),
    );
  }

  private save(guildId: string | null, list: APIApplicationCommand[]): void {
    this.byScope.set(guildId ?? GLOBAL, list);
    this.state.changed();
  }

  private build(guildId: string | null, body: Json, previous?: APIApplicationCommand): APIApplicationCommand {
    const defined: Json = {
      type: (body.type as number | undefined) ?? 1,
      name: body.name,
      name_localizations: body.name_localizations ?? null,
      description: body.description ?? '',
      description_localizations: body.description_localizations ?? null,
      options: body.options ?? undefined,
      default_member_permissions: body.default_member_permissions ?? null,
      nsfw: body.nsfw ?? false,
      integration_types: body.integration_types ?? [0],
      contexts: body.contexts ?? null,
    };
    if (defined.options === undefined) delete defined.options;
    const unchanged = previous !== undefined && JSON.stringify(definedPart(previous)) === JSON.stringify(defined);
    return {
      ...defined,
      id: previous?.id ?? this.state.snowflake(),
      application_id: this.state.application.id,
      ...(guildId ? { guild_id: guildId } : { dm_permission: body.dm_permission !== false }),
      version: unchanged && previous ? previous.version : this.state.snowflake(),
    } as APIApplicationCommand;
  }
}

function definedPart(cmd: APIApplicationCommand): Json {
  const out: Json = {};
  for (const key of DEFINED_FIELDS) {
    const value = (cmd as unknown as Json)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
