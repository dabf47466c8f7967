import type { Interaction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import { describe, expect, test, vi } from 'vitest';
import type { Command, CommandContext } from '../../src/discord/commands/types.js';
import { createRouter } from '../../src/discord/router.js';
import { UserError } from '../../src/domain/errors.js';
import { TranslatedUserError } from '../../src/discord/reply.js';
import { createLogger } from '../../src/log.js';

// Structural fakes: plain objects with the type guards and response methods the router uses.

type Kind = 'command' | 'autocomplete' | 'button' | 'select' | 'modal';

const fakeInteraction = (kind: Kind, opts: { name?: string; customId?: string } = {}) => {
  const interaction = {
    id: '1200000000000000042',
    guildId: '1100000000000000001',
    user: { id: '1000000000000000007' },
    commandName: opts.name ?? 'standings',
    customId: opts.customId ?? 'standings:2',
    createdTimestamp: Date.now(),
    deferred: false,
    replied: false,
    responded: false,
    isAutocomplete: () => kind === 'autocomplete',
    isChatInputCommand: () => kind === 'command',
    isButton: () => kind === 'button',
    isStringSelectMenu: () => kind === 'select',
    isRepliable: () => kind !== 'autocomplete',
    reply: vi.fn(async (_payload: unknown) => {
      interaction.replied = true;
    }),
    deferReply: vi.fn(async (_payload?: unknown) => {
      interaction.deferred = true;
    }),
    editReply: vi.fn(async (_payload: unknown) => {
      interaction.replied = true;
    }),
    followUp: vi.fn(async (_payload: unknown) => undefined),
    update: vi.fn(async (_payload: unknown) => {
      interaction.replied = true;
    }),
    respond: vi.fn(async (_choices: unknown) => {
      interaction.responded = true;
    }),
  };
  return interaction;
};
type FakeInteraction = ReturnType<typeof fakeInteraction>;

const memoryLog = () => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: 'debug',
    format: 'json',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { log, lines };
};

const command = (over: Partial<Command> = {}): Command => ({
  data: { name: 'standings', toJSON: () => ({ name: 'standings', description: 'Group tables' }) },
  execute: vi.fn(async () => undefined),
  ...over,
});

const setup = (commands: readonly Command[]) => {
  const { log, lines } = memoryLog();
  const ctx = { log, now: () => new Date('2024-05-01T00:00:00Z') } as unknown as CommandContext;
  const router = createRouter({ commands, ctx, log });
  const run = (i: FakeInteraction) => router.handle(i as unknown as Interaction);
  return { run, lines, router };
};

const summaryOf = (lines: readonly Record<string, unknown>[]) => lines.filter((l) => 'outcome' in l);

describe('router: chat input commands', () => {
  test('GIVEN a command that replies THEN one info line records the interaction as ok', async () => {
    const standings = command({
      execute: vi.fn(async (i) => {
        await i.reply({ content: 'table' });
      }),
    });
    const { run, lines } = setup([standings]);
    const interaction = fakeInteraction('command');
    await run(interaction);

    expect(standings.execute).toHaveBeenCalledOnce();
    expect(interaction.reply).toHaveBeenCalledWith({ content: 'table' });
    const summary = summaryOf(lines);
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({
      level: 30,
      command: 'standings',
      kind: 'command',
      interactionId: '1200000000000000042',
      guildId: '1100000000000000001',
      userId: '1000000000000000007',
      outcome: 'ok',
    });
    expect(typeof summary[0]?.latencyMs).toBe('number');
  });

  test('GIVEN a UserError THEN the user gets its message and suggestions, ephemeral, with no pings', async () => {
    const { run, lines } = setup([
      command({
        execute: async () => {
          throw new UserError('No team matches "Berkan".', ['RS Berkane', '@everyone <@&1> **FC**']);
        },
      }),
    ]);
    const interaction = fakeInteraction('command');
    await run(interaction);

    expect(interaction.reply).toHaveBeenCalledOnce();
    const payload = interaction.reply.mock.calls[0]?.[0] as { content: string; flags: number; allowedMentions: unknown };
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    expect(payload.allowedMentions).toEqual({ parse: [] });
    expect(payload.content).toContain('No team matches "Berkan".');
    expect(payload.content).toContain('**RS Berkane**');
    // Suggestions are data: escaped markdown, and no @everyone that could read as a mention.
    expect(payload.content).toContain('\\*\\*FC\\*\\*');
    expect(payload.content).not.toContain('@everyone');
    expect(payload.content).not.toMatch(/(?<!\\)<@&1>/);
    expect(summaryOf(lines)[0]).toMatchObject({ outcome: 'user_error', userError: 'No team matches "Berkan".' });
  });

  test.each([
    { message: 'No team matches "**x** [link](https://evil.example) <@&1> <t:1:R> @everyone"', plain: 'No team matches' },
    { message: '`a<@&1>` is not a lead time, nor is `b` or `@everyone`.', plain: 'is not a lead time' },
    { message: 'An unbalanced `<#1> @everyone', plain: 'An unbalanced' },
  ])('GIVEN a UserError quoting hostile input THEN nothing in it renders: $message', async ({ message, plain }) => {
    const { run } = setup([
      command({
        execute: async () => {
          throw new UserError(message);
        },
      }),
    ]);
    const interaction = fakeInteraction('command');
    await run(interaction);

    const { content } = interaction.reply.mock.calls[0]?.[0] as { content: string };
    expect(content).toContain(plain);
    expect(content).not.toMatch(/(?<!\\)\*\*/);
    expect(content).not.toMatch(/(?<!\\)\[link\]/);
    expect(content).not.toMatch(/(?<!\\)<[@#t]/);
    expect(content).not.toContain('@everyone');
  });

  test('GIVEN a UserError with code spans and no user input THEN its formatting is kept', async () => {
    const { run } = setup([
      command({
        execute: async () => {
          throw new UserError('Use days, hours and minutes such as `24h` or `1h30m`.');
        },
      }),
    ]);
    const interaction = fakeInteraction('command');
    await run(interaction);
    expect((interaction.reply.mock.calls[0]?.[0] as { content: string }).content).toBe('Use days, hours and minutes such as `24h` or `1h30m`.');
  });

  test('GIVEN a bug THEN the user gets a generic message with the reference, and the log has the stack', async () => {
    const { run, lines } = setup([
      command({
        execute: async () => {
          throw new Error('SQLITE_CORRUPT: secret internals at /srv/bot');
        },
      }),
    ]);
    const interaction = fakeInteraction('command');
    await run(interaction);

    const payload = interaction.reply.mock.calls[0]?.[0] as { content: string; flags: number };
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    expect(payload.content).toContain('Something went wrong on our side (ref 1200000000000000042)');
    expect(payload.content).not.toContain('SQLITE');
    const failure = summaryOf(lines)[0] as { level: number; outcome: string; ref: string; err: { message: string; stack: string } };
    expect(failure.level).toBe(50);
    expect(failure.outcome).toBe('error');
    expect(failure.ref).toBe('1200000000000000042');
    expect(failure.err.message).toContain('SQLITE_CORRUPT');
    expect(failure.err.stack).toContain('router.test.ts');
  });

  test('GIVEN a bug after the command deferred THEN the placeholder is replaced with editReply', async () => {
    const { run } = setup([
      command({
        execute: async (i) => {
          await i.deferReply();
          throw new Error('boom');
        },
      }),
    ]);
    const interaction = fakeInteraction('command');
    await run(interaction);

    expect(interaction.reply).not.toHaveBeenCalled();
    expect(interaction.followUp).not.toHaveBeenCalled();
    expect(interaction.editReply).toHaveBeenCalledOnce();
    expect(interaction.editReply.mock.calls[0]?.[0]).toMatchObject({
      content: expect.stringContaining('ref 1200000000000000042'),
      embeds: [],
      components: [],
    });
  });

  test('GIVEN a UserError after the command already replied THEN it goes out as an ephemeral followUp', async () => {
    const { run } = setup([
      command({
        execute: async (i) => {
          await i.reply({ content: 'part one' });
          throw new UserError('Matchday 9 does not exist.');
        },
      }),
    ]);
    const interaction = fakeInteraction('command');
    await run(interaction);

    expect(interaction.reply).toHaveBeenCalledOnce();
    expect(interaction.followUp).toHaveBeenCalledWith({
      content: 'Matchday 9 does not exist.',
      allowedMentions: { parse: [] },
      flags: MessageFlags.Ephemeral,
    });
  });

  test('GIVEN the error reply itself fails THEN the failure is logged and handle() still resolves', async () => {
    const { run, lines } = setup([
      command({
        execute: async () => {
          throw new Error('boom');
        },
      }),
    ]);
    const interaction = fakeInteraction('command');
    interaction.reply.mockRejectedValueOnce(Object.assign(new Error('Unknown interaction'), { code: 10062 }));
    await expect(run(interaction)).resolves.toBeUndefined();

    const warn = lines.find((l) => l.msg === 'could not send error reply');
    expect(warn).toMatchObject({ level: 40, code: 10062 });
    expect(summaryOf(lines)[0]).toMatchObject({ outcome: 'error' });
  });

  test('GIVEN the error reply fails for an unexpected reason THEN it is logged at error, never thrown', async () => {
    const { run, lines } = setup([
      command({
        execute: async () => {
          throw new UserError('nope');
        },
      }),
    ]);
    const interaction = fakeInteraction('command');
    interaction.reply.mockRejectedValueOnce(new Error('socket hang up'));
    await expect(run(interaction)).resolves.toBeUndefined();
    expect(lines.find((l) => l.msg === 'error reply failed')).toMatchObject({ level: 50 });
  });

  test('GIVEN the reply itself is refused as expired (10062) THEN no error reply, a warning, outcome expired', async () => {
    const { run, lines } = setup([
      command({
        execute: async (i) => {
          await i.reply({ content: 'too late' });
        },
      }),
    ]);
    const interaction = fakeInteraction('command');
    interaction.reply.mockRejectedValueOnce(Object.assign(new Error('Unknown interaction'), { code: 10062 }));
    await run(interaction);

    expect(interaction.reply).toHaveBeenCalledOnce();
    expect(interaction.followUp).not.toHaveBeenCalled();
    expect(summaryOf(lines)[0]).toMatchObject({ level: 40, outcome: 'expired', code: 10062 });
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  test('GIVEN a command that declares defer THEN the router defers first, ephemeral when asked', async () => {
    const execute = vi.fn(async (i: Parameters<Command['execute']>[0]) => {
      await i.editReply({ content: 'done' });
    });
    const { run } = setup([command({ defer: 'ephemeral', execute })]);
    const interaction = fakeInteraction('command');
    await run(interaction);

    expect(interaction.deferReply).toHaveBeenCalledWith({ flags: MessageFlags.Ephemeral });
    expect(interaction.deferReply.mock.invocationCallOrder[0]).toBeLessThan(execute.mock.invocationCallOrder[0] ?? 0);
    expect(interaction.editReply).toHaveBeenCalledWith({ content: 'done' });
  });

  test('GIVEN an unknown command THEN an ephemeral "unknown command" reply, no throw', async () => {
    const { run, lines } = setup([command()]);
    const interaction = fakeInteraction('command', { name: 'gone' });
    await run(interaction);

    expect(interaction.reply).toHaveBeenCalledWith(
      expect.objectContaining({ content: expect.stringMatching(/unknown command/i), flags: MessageFlags.Ephemeral }),
    );
    expect(summaryOf(lines)[0]).toMatchObject({ outcome: 'unknown_command', command: 'gone' });
  });

  test('GIVEN a forged unknown command name THEN it is echoed escaped', async () => {
    const { run } = setup([command()]);
    const interaction = fakeInteraction('command', { name: '**x** <@&1> @everyone [a](https://evil.example)' });
    await run(interaction);

    const { content } = interaction.reply.mock.calls[0]?.[0] as { content: string };
    expect(content).toMatch(/^Unknown command: \/\\\*\\\*x/);
    expect(content).not.toMatch(/(?<!\\)<@&/);
    expect(content).not.toContain('@everyone');
    expect(content).not.toMatch(/(?<!\\)\[a\]/);
  });

  test('GIVEN two commands with the same name THEN building the router fails loudly', () => {
    expect(() => setup([command(), command()])).toThrow(/duplicate command name: standings/);
  });
});

describe('router: autocomplete', () => {
  test('GIVEN autocomplete throws THEN one error line, answered with no choices, never an ephemeral reply', async () => {
    const { run, lines } = setup([
      command({
        autocomplete: async () => {
          throw new Error('index missing');
        },
      }),
    ]);
    const interaction = fakeInteraction('autocomplete');
    await run(interaction);

    expect(interaction.respond).toHaveBeenCalledWith([]);
    expect(interaction.reply).not.toHaveBeenCalled();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, kind: 'autocomplete', command: 'standings', outcome: 'error', ref: '1200000000000000042' });
    expect((lines[0]?.err as { message: string }).message).toBe('index missing');
  });

  test.each([
    { code: 10062, what: 'too late (Unknown interaction)' },
    { code: 40060, what: 'already answered' },
  ])('GIVEN the autocomplete answer is refused as $what THEN one warning line, outcome expired, no second answer', async ({ code }) => {
    const { run, lines } = setup([
      command({
        autocomplete: async (i) => {
          await i.respond([{ name: 'Zamalek', value: 'zamalek' }]);
        },
      }),
    ]);
    const interaction = fakeInteraction('autocomplete');
    interaction.respond.mockRejectedValueOnce(Object.assign(new Error('Unknown interaction'), { code }));
    await run(interaction);

    expect(interaction.respond).toHaveBeenCalledOnce();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, kind: 'autocomplete', outcome: 'expired', code });
  });

  test('GIVEN autocomplete answered then threw THEN no second answer is attempted', async () => {
    const { run } = setup([
      command({
        autocomplete: async (i) => {
          await i.respond([{ name: 'RS Berkane', value: 'rs-berkane' }]);
          throw new Error('after');
        },
      }),
    ]);
    const interaction = fakeInteraction('autocomplete');
    await run(interaction);
    expect(interaction.respond).toHaveBeenCalledOnce();
  });

  test('GIVEN a working autocomplete THEN its choices go out and the line is logged at debug', async () => {
    const { run, lines } = setup([
      command({
        autocomplete: async (i) => {
          await i.respond([{ name: 'Zamalek', value: 'zamalek' }]);
        },
      }),
    ]);
    const interaction = fakeInteraction('autocomplete');
    await run(interaction);
    expect(interaction.respond).toHaveBeenCalledWith([{ name: 'Zamalek', value: 'zamalek' }]);
    expect(summaryOf(lines)[0]).toMatchObject({ level: 20, kind: 'autocomplete', outcome: 'ok' });
  });

  test('GIVEN autocomplete for a command without one THEN an empty answer', async () => {
    const { run } = setup([command()]);
    const interaction = fakeInteraction('autocomplete');
    await run(interaction);
    expect(interaction.respond).toHaveBeenCalledWith([]);
  });
});

describe('router: components', () => {
  test('GIVEN a button whose custom id starts with a command name THEN that command handles it', async () => {
    const button = vi.fn(async (i: Parameters<NonNullable<Command['button']>>[0]) => {
      await i.update({ content: 'page 2' });
    });
    const { run } = setup([command({ button })]);
    const interaction = fakeInteraction('button', { customId: 'standings:page:2' });
    await run(interaction);
    expect(button).toHaveBeenCalledOnce();
    expect(interaction.update).toHaveBeenCalledWith({ content: 'page 2' });
  });

  test('GIVEN a select menu THEN the command select handler gets it', async () => {
    const select = vi.fn(async () => undefined);
    const { run } = setup([command({ select })]);
    await run(fakeInteraction('select', { customId: 'standings:group' }));
    expect(select).toHaveBeenCalledOnce();
  });

  test('GIVEN a button nobody handles THEN an ephemeral note, not an error', async () => {
    const { run, lines } = setup([command()]);
    const interaction = fakeInteraction('button', { customId: 'retired:1' });
    await run(interaction);
    expect(interaction.reply).toHaveBeenCalledWith(expect.objectContaining({ flags: MessageFlags.Ephemeral }));
    expect(summaryOf(lines)[0]).toMatchObject({ outcome: 'unknown_command', command: 'retired' });
  });

  test('GIVEN a button handler bug after deferUpdate THEN the error is a followUp and the message is kept', async () => {
    const { run } = setup([
      command({
        button: async (i) => {
          (i as unknown as FakeInteraction).deferred = true; // what deferUpdate() does
          throw new Error('boom');
        },
      }),
    ]);
    const interaction = fakeInteraction('button');
    await run(interaction);
    expect(interaction.editReply).not.toHaveBeenCalled();
    expect(interaction.followUp).toHaveBeenCalledWith(expect.objectContaining({ flags: MessageFlags.Ephemeral }));
  });
});

describe('router: shutdown', () => {
  test('GIVEN the router is closed THEN new interactions are dropped unanswered', async () => {
    const standings = command();
    const { run, router, lines } = setup([standings]);
    await router.close();
    const interaction = fakeInteraction('command');
    await run(interaction);
    expect(standings.execute).not.toHaveBeenCalled();
    expect(interaction.reply).not.toHaveBeenCalled();
    expect(summaryOf(lines)[0]).toMatchObject({ outcome: 'dropped' });
  });
});

describe('router: error replies in the reply language', () => {
  /** A command interaction from a client in `locale`, with no subcommand. */
  const localised = (locale: string, name = 'fixtures') =>
    Object.assign(fakeInteraction('command', { name }), {
      locale,
      options: { getSubcommandGroup: () => null, getSubcommand: () => null },
    });
  const failing = (name: string, err: Error) =>
    command({ data: { name, toJSON: () => ({ name, description: 'x' }) }, execute: async () => Promise.reject(err) });

  test.each([
    { locale: 'fr', text: 'Tapez un nom de club dans `équipe`, par exemple Zamalek, et choisissez-le dans la liste.' },
    { locale: 'pt-BR', text: 'Escreva o nome de um clube em `equipa`, por exemplo Zamalek, e escolha-o na lista.' },
    { locale: 'en-US', text: 'Type a club name in `team`, for example Zamalek, and pick it from the list.' },
  ])('GIVEN a $locale client THEN an option error is in its language, naming the option as its picker does', async ({ locale, text }) => {
    const { run, lines } = setup([failing('fixtures', new TranslatedUserError('options.teamBlank', {}, [], 'team'))]);
    const interaction = localised(locale);
    await run(interaction);
    expect((interaction.reply.mock.calls[0]?.[0] as { content: string }).content).toBe(text);
    // The log keeps the English message.
    expect(summaryOf(lines)[0]).toMatchObject({ outcome: 'user_error', userError: 'Type a club name in `team`, for example Zamalek, and pick it from the list.' });
  });

  test('GIVEN a French client THEN unknown-team suggestions and range errors are French', async () => {
    const unknown = new TranslatedUserError('options.teamUnknown', { query: 'Berkan' }, ['RS Berkane', 'Zamalek']);
    const one = setup([failing('fixtures', unknown)]);
    const first = localised('fr');
    await one.run(first);
    expect((first.reply.mock.calls[0]?.[0] as { content: string }).content).toBe(
      'Aucune équipe ne correspond à « Berkan »\nVouliez-vous dire : **RS Berkane**, **Zamalek** ?',
    );
    const range = setup([failing('fixtures', new TranslatedUserError('options.wholeNumber', { min: 1, max: 6 }, [], 'matchday'))]);
    const second = localised('fr');
    await range.run(second);
    expect((second.reply.mock.calls[0]?.[0] as { content: string }).content).toBe('`journée` attend un nombre entier de 1 à 6.');
  });

  test('GIVEN a bug under a pt-BR client THEN the generic reply is Portuguese and keeps the reference id', async () => {
    const { run } = setup([failing('fixtures', new Error('boom'))]);
    const interaction = localised('pt-BR');
    await run(interaction);
    const { content } = interaction.reply.mock.calls[0]?.[0] as { content: string };
    expect(content).toBe('Algo correu mal do nosso lado (ref. 1200000000000000042). Ficou registado; tente novamente mais tarde.');
    expect(content).not.toContain('boom');
  });
});

describe("router: each interaction's context", () => {
  const withLanguages = () => {
    const { log } = memoryLog();
    const reads: string[] = [];
    let catalogReads = 0;
    const ctx = {
      log,
      now: () => new Date('2024-05-01T00:00:00Z'),
      get catalog() {
        catalogReads += 1;
        return { list: () => [], get: () => undefined };
      },
      languages: {
        choicesFor: (userId: string) => {
          reads.push(userId);
          return { user: 'fr', server: null };
        },
      },
    } as unknown as CommandContext;
    return { ctx, reads, catalogReads: () => catalogReads, log };
  };

  test('GIVEN a command reading ctx.tr and ctx.catalog twice THEN one language from one read of the stored choices, one catalog per interaction', async () => {
    const { ctx, reads, catalogReads, log } = withLanguages();
    const seen: { languages: string[]; copied: string; catalogs: unknown[] } = { languages: [], copied: '', catalogs: [] };
    const standings = command({
      execute: vi.fn(async (_i, c: CommandContext) => {
        seen.languages.push(c.tr?.language ?? '', c.tr?.language ?? '');
        seen.catalogs.push(c.catalog, c.catalog);
        // A copy (as /announcements makes one) has no tr of its own: a command then resolves it from the interaction.
        seen.copied = ({ ...c }).tr?.language ?? 'none';
        expect(c.now().toISOString()).toBe('2024-05-01T00:00:00.000Z');
      }),
    });
    const router = createRouter({ commands: [standings], ctx, log });
    await router.handle(fakeInteraction('command') as unknown as Interaction);
    expect(seen.languages).toEqual(['fr', 'fr']);
    expect(seen.copied).toBe('none');
    expect(reads).toEqual(['1000000000000000007']);
    expect(catalogReads()).toBe(1);
    expect(seen.catalogs[0]).toBe(seen.catalogs[1]);
    await router.handle(fakeInteraction('command') as unknown as Interaction);
    expect(reads).toHaveLength(2);
    expect(catalogReads()).toBe(2);
  });

  test('GIVEN an autocomplete that does not need the language THEN the stored choices are not read', async () => {
    const { ctx, reads, log } = withLanguages();
    const standings = command({ autocomplete: vi.fn(async (i) => i.respond([])) });
    const router = createRouter({ commands: [standings], ctx, log });
    await router.handle(fakeInteraction('autocomplete') as unknown as Interaction);
    expect(standings.autocomplete).toHaveBeenCalledOnce();
    expect(reads).toEqual([]);
  });
});
