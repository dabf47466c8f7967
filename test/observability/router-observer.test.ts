import type { Interaction } from 'discord.js';
import { describe, expect, test } from 'vitest';
import type { Command, CommandContext } from '../../src/discord/commands/types.js';
import { createRouter, type InteractionSummary } from '../../src/discord/router.js';
import { UserError } from '../../src/domain/errors.js';
import { createLogger } from '../../src/log.js';

// The router's observer (what feeds the interaction metrics): one summary per interaction, with the
// outcome the log line records, and an observer that throws never reaches the user.

const interaction = (name: string) => {
  const self = {
    id: '1200000000000000042',
    guildId: '1100000000000000001',
    user: { id: '1000000000000000007' },
    commandName: name,
    createdTimestamp: Date.now(),
    deferred: false,
    replied: false,
    isAutocomplete: () => false,
    isChatInputCommand: () => true,
    isButton: () => false,
    isStringSelectMenu: () => false,
    isRepliable: () => true,
    replies: [] as unknown[],
    reply: async (payload: unknown) => {
      self.replies.push(payload);
      self.replied = true;
    },
    followUp: async (payload: unknown) => {
      self.replies.push(payload);
    },
  };
  return self;
};

const command = (name: string, execute: Command['execute']): Command => ({
  data: { name, toJSON: () => ({ name, description: name }) },
  execute,
});

const setup = (onInteraction: (summary: InteractionSummary) => void) => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', format: 'json', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const router = createRouter({
    commands: [
      command('ping', async (i) => void (await i.reply({ content: 'pong' }))),
      command('team', async () => {
        throw new UserError('No team called "Zzz".');
      }),
    ],
    ctx: { log } as unknown as CommandContext,
    log,
    onInteraction,
  });
  return { lines, run: (i: ReturnType<typeof interaction>) => router.handle(i as unknown as Interaction) };
};

describe('the router observer', () => {
  test.each([
    ['ping', 'ok'],
    ['team', 'user_error'],
    ['nope', 'unknown_command'],
  ])('GIVEN /%s THEN one summary with outcome %s, the same as the log line', async (name, outcome) => {
    const seen: InteractionSummary[] = [];
    const { run, lines } = setup((summary) => seen.push(summary));
    await run(interaction(name));
    expect(seen).toEqual([{ kind: 'command', command: name, outcome, latencyMs: expect.any(Number) }]);
    const logged = lines.find((l) => 'outcome' in l);
    expect(logged).toMatchObject({ command: name, outcome, latencyMs: seen[0]?.latencyMs });
  });

  test('GIVEN an observer that throws THEN the user still gets the answer and the failure is logged', async () => {
    const { run, lines } = setup(() => {
      throw new Error('metrics broke');
    });
    const ping = interaction('ping');
    await expect(run(ping)).resolves.toBeUndefined();
    expect(ping.replies).toEqual([{ content: 'pong' }]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'interaction observer failed', err: expect.objectContaining({ message: 'metrics broke' }) }));
  });
});
