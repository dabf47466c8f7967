// Hand-rolled structural fakes of the interactions our commands touch: only the members they use,
// cast once at the edge. No deep mocks of discord.js classes.
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { vi } from 'vitest';
import type { CommandContext } from '../../../src/discord/commands/types.js';
import type { MessagePayload } from '../../../src/discord/render/limits.js';
import type { Season } from '../../../src/domain/types.js';
import { silentLogger } from '../../../src/log.js';

type OptionValue = string | number | boolean;

const getter =
  <T>(options: Readonly<Record<string, OptionValue | undefined>>, cast: (v: OptionValue) => T) =>
  (name: string, required = false): T | null => {
    const value = options[name];
    if (value === undefined) {
      if (required) throw new TypeError(`required option "${name}" missing`);
      return null;
    }
    return cast(value);
  };

/** Where and by whom an interaction is sent (a server, a client language); DMs in English by default. */
export interface FakeOrigin {
  readonly guildId?: string | null;
  readonly locale?: string;
}

export const fakeChatInput = (commandName: string, options: Readonly<Record<string, OptionValue | undefined>> = {}, origin: FakeOrigin = {}) => {
  const state = { replied: false, deferred: false };
  const reply = vi.fn(async (_payload: MessagePayload) => {
    state.replied = true;
  });
  const interaction = {
    id: '1001',
    commandName,
    // One process, no sharding manager: /about reads `client.shard` (null outside a manager).
    client: { shard: null },
    guildId: origin.guildId ?? null,
    ...(origin.locale !== undefined ? { locale: origin.locale } : {}),
    user: { id: '1000000000000000007' },
    createdTimestamp: Date.now(),
    // The type guards the router reads, so a test can send the fake through the real error boundary.
    isAutocomplete: () => false,
    isChatInputCommand: () => true,
    isButton: () => false,
    isStringSelectMenu: () => false,
    isRepliable: () => true,
    get replied() {
      return state.replied;
    },
    get deferred() {
      return state.deferred;
    },
    options: {
      getString: getter(options, String),
      getInteger: getter(options, Number),
      getBoolean: getter(options, Boolean),
      // As discord.js: none given is an error unless the caller says it may be missing.
      getSubcommand: (required = true) => {
        if (required) throw new TypeError('no subcommand');
        return null;
      },
      getSubcommandGroup: (required = false) => {
        if (required) throw new TypeError('no subcommand group');
        return null;
      },
    },
    reply,
    deferReply: vi.fn(),
    editReply: vi.fn(),
    followUp: vi.fn(),
  };
  return { interaction: interaction as unknown as ChatInputCommandInteraction, reply };
};

export const fakeButton = (customId: string, origin: FakeOrigin = {}) => {
  const update = vi.fn(async (_payload: MessagePayload) => undefined);
  const reply = vi.fn();
  const interaction = {
    id: '1002',
    customId,
    guildId: origin.guildId ?? null,
    ...(origin.locale !== undefined ? { locale: origin.locale } : {}),
    user: { id: '1000000000000000007' },
    createdTimestamp: Date.now(),
    // The type guards the router reads, so a test can send the fake through the real error boundary.
    isAutocomplete: () => false,
    isChatInputCommand: () => false,
    isButton: () => true,
    isStringSelectMenu: () => false,
    isRepliable: () => true,
    replied: false,
    deferred: false,
    update,
    reply,
  };
  return { interaction: interaction as unknown as ButtonInteraction, update, reply };
};

/** `others`: the options filled in beside the focused one (Discord sends them as typed or picked). */
export const fakeAutocomplete = (
  commandName: string,
  focused: { name: string; value: string },
  others: Readonly<Record<string, OptionValue | undefined>> = {},
  origin: FakeOrigin = {},
) => {
  const respond = vi.fn(async (_choices: readonly { name: string; value: string }[]) => undefined);
  const interaction = {
    id: '1003',
    commandName,
    guildId: origin.guildId ?? null,
    ...(origin.locale !== undefined ? { locale: origin.locale } : {}),
    user: { id: '1000000000000000007' },
    createdTimestamp: Date.now(),
    isAutocomplete: () => true,
    isChatInputCommand: () => false,
    isButton: () => false,
    isStringSelectMenu: () => false,
    isRepliable: () => false,
    responded: false,
    options: {
      getFocused: (full?: boolean) => (full ? focused : focused.value),
      getString: getter({ ...others, [focused.name]: focused.value }, String),
    },
    respond,
  };
  return { interaction: interaction as unknown as AutocompleteInteraction, respond };
};

export const makeCtx = (season: Season, now = new Date('2024-06-01T12:00:00Z')): CommandContext => ({
  season: () => season,
  log: silentLogger(),
  now: () => now,
  startedAt: new Date(Date.now() - 90 * 60_000),
  version: '0.1.0-test',
  dataVersion: () => ({ hash: '0123456789abcdef0123', importedAt: new Date('2024-06-01T08:00:00Z') }),
});

/** The one payload a fake was called with. */
export const onlyPayload = (fn: { mock: { calls: unknown[][] } }): MessagePayload => {
  if (fn.mock.calls.length !== 1) throw new Error(`expected one call, got ${fn.mock.calls.length}`);
  return fn.mock.calls[0]?.[0] as MessagePayload;
};
