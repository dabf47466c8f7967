import { describe, expect, test } from 'vitest';
import type { ChatInputData } from '../../src/sandbox/parse-command.js';
import type { MessageAction } from '../../src/sandbox/render-text.js';
import {
  abortableSleep,
  createSession,
  parseDuration,
  parseInstant,
  REPEAT_EVERY_MS,
  type BotMessage,
  type ClockSetting,
  type InteractionOutcome,
  type SandboxBackend,
} from '../../src/sandbox/session.js';
import { COMMANDS, GUILD } from './fixtures.js';

// A hand-written backend: the session's own interface, recording what it was asked to do.
const fakeBackend = (overrides: Partial<SandboxBackend> = {}) => {
  const calls = {
    commands: [] as ChatInputData[],
    autocompletes: [] as ChatInputData[],
    clicks: [] as { message: BotMessage; action: MessageAction }[],
    clocks: [] as (ClockSetting | null)[],
  };
  let clock: ClockSetting | null = null;
  let locale = 'en-US';
  const reply = (payload: BotMessage['payload'], id = 'm1'): InteractionOutcome => ({
    response: { id, channelId: GUILD.channels[0]!.id, authorName: 'caf-confed-bot', payload },
    followUps: [],
  });
  const backend: SandboxBackend = {
    botName: 'caf-confed-bot',
    commands: () => COMMANDS,
    guild: () => GUILD,
    runCommand: async (data) => {
      calls.commands.push(data);
      return reply({ content: `ran /${data.name}` });
    },
    autocomplete: async (data) => {
      calls.autocompletes.push(data);
      return [
        { name: 'Zamalek', value: 'zamalek' },
        { name: 'Zanaco', value: 'zanaco' },
      ];
    },
    clickComponent: async (message, action) => {
      calls.clicks.push({ message, action });
      return reply({ content: `page for ${action.customId}` }, message.id);
    },
    channelMessages: (channelId) =>
      channelId === '1000000000000000011'
        ? [{ id: 'p1', channelId, authorName: 'caf-confed-bot', payload: { embeds: [{ title: 'Matchday 1 preview' }] } }]
        : [],
    setClock: async (next) => {
      calls.clocks.push(next);
      clock = next;
    },
    now: () => new Date(clock ? clock.start : '2024-06-01T00:00:00Z'),
    clock: () => clock,
    locale: () => locale,
    setLocale: (next) => {
      locale = next;
    },
    ...overrides,
  };
  return { backend, calls, reply };
};

const start = (overrides: Partial<SandboxBackend> = {}, sleep?: (ms: number, signal: AbortSignal) => Promise<void>) => {
  const fake = fakeBackend(overrides);
  const written: string[] = [];
  const session = createSession({
    backend: fake.backend,
    output: { write: (text) => written.push(text) },
    render: { timeZone: 'UTC', locale: 'en-GB' },
    ...(sleep ? { sleep } : {}),
  });
  return { ...fake, session, written, transcript: () => written.join('\n') };
};

describe('slash commands', () => {
  test('autocomplete options go through the bot first, and the top choice is sent', async () => {
    const { session, calls, transcript } = start();
    expect(await session.handleLine('/fixtures team:zam when:all')).toEqual({ ok: true });
    expect(calls.autocompletes).toHaveLength(1);
    expect(calls.autocompletes[0]?.options).toEqual([
      { name: 'team', type: 3, value: 'zam', focused: true },
      { name: 'when', type: 3, value: 'all' },
    ]);
    expect(calls.commands[0]?.options).toEqual([
      { name: 'team', type: 3, value: 'zamalek' },
      { name: 'when', type: 3, value: 'all' },
    ]);
    expect(transcript()).toContain('team: zam → Zamalek');
    expect(transcript()).toContain('caf-confed-bot:\n  ran /fixtures');
  });

  test('with no suggestion the typed text is sent, for the bot to validate', async () => {
    const { session, calls, transcript } = start({ autocomplete: async () => [] });
    await session.handleLine('/team team:xyz');
    expect(calls.commands[0]?.options).toEqual([{ name: 'team', type: 3, value: 'xyz' }]);
    expect(transcript()).toContain('team: xyz → no suggestion; sent as typed');
  });

  test('a line that does not parse fails without reaching the bot', async () => {
    const { session, calls, transcript } = start();
    expect(await session.handleLine('/fixtures matchday:9')).toEqual({ ok: false });
    expect(calls.commands).toEqual([]);
    expect(transcript()).toContain('✗ matchday: must be at most 6.');
  });

  test('no answer from the bot is a failure', async () => {
    const { session } = start({ runCommand: async () => ({ response: null, followUps: [] }) });
    expect(await session.handleLine('/scorers')).toEqual({ ok: false });
  });

  test('a backend error is reported, not thrown', async () => {
    const { session, transcript } = start({
      runCommand: async () => {
        throw new Error('stand-in gone');
      },
    });
    expect(await session.handleLine('/scorers')).toEqual({ ok: false });
    expect(transcript()).toContain('Sandbox error: stand-in gone');
  });
});

describe('buttons', () => {
  const pager = {
    content: 'Page 1/2',
    components: [
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: '◀', custom_id: 'fixtures:p0', disabled: true },
          { type: 2, style: 2, label: '▶', custom_id: 'fixtures:p2' },
        ],
      },
    ],
  };

  test('typing the number clicks the button on the last reply and shows the updated message', async () => {
    const fake = start();
    const { session, calls, transcript } = fake;
    fake.backend.runCommand = async () => fake.reply(pager, 'm7');
    await session.handleLine('/fixtures');
    expect(transcript()).toContain('[1] (◀)  [2] ▶');
    expect(await session.handleLine('2')).toEqual({ ok: true });
    expect(calls.clicks[0]?.message.id).toBe('m7');
    expect(calls.clicks[0]?.action).toMatchObject({ kind: 'button', customId: 'fixtures:p2' });
    expect(session.lastOutput()).toContain('page for fixtures:p2');
  });

  test('a select menu option is picked by its number', async () => {
    const fake = start();
    fake.backend.runCommand = async () =>
      fake.reply(
        {
          content: 'Which match?',
          components: [
            {
              type: 1,
              components: [
                {
                  type: 3,
                  custom_id: 'match:pick',
                  options: [
                    { label: 'Leg 1', value: 'F-L1' },
                    { label: 'Leg 2', value: 'F-L2' },
                  ],
                },
              ],
            },
          ],
        },
        'm9',
      );
    await fake.session.handleLine('/scorers');
    expect(fake.transcript()).toContain('[1.2] Leg 2');
    expect(await fake.session.handleLine('1.2')).toEqual({ ok: true });
    expect(fake.calls.clicks[0]?.action).toMatchObject({ kind: 'select', customId: 'match:pick', value: 'F-L2' });
    expect(fake.calls.clicks[0]?.message.id).toBe('m9');
  });

  test('disabled, unknown and absent buttons are refused', async () => {
    const fake = start();
    expect(await fake.session.handleLine(':click 1')).toEqual({ ok: false });
    fake.backend.runCommand = async () => fake.reply(pager);
    await fake.session.handleLine('/fixtures');
    expect(await fake.session.handleLine(':click 1')).toEqual({ ok: false });
    expect(await fake.session.handleLine('9')).toEqual({ ok: false });
    expect(fake.transcript()).toContain('[1] ◀ is disabled');
    expect(fake.calls.clicks).toEqual([]);
  });

  test('a newer reply without buttons leaves nothing to click', async () => {
    const fake = start();
    fake.backend.runCommand = async () => fake.reply(pager);
    await fake.session.handleLine('/fixtures');
    fake.backend.runCommand = async () => fake.reply({ content: 'plain' });
    await fake.session.handleLine('/scorers');
    expect(await fake.session.handleLine('2')).toEqual({ ok: false });
  });
});

describe('meta-commands', () => {
  test(':expect checks the output of the line before it, and not its own verdicts', async () => {
    const { session } = start();
    await session.handleLine('/scorers');
    expect(await session.handleLine(':expect ran /scorers')).toEqual({ ok: true });
    expect(await session.handleLine(':expect RAN /SCORERS')).toEqual({ ok: true });
    expect(await session.handleLine(':expect found')).toEqual({ ok: false });
    expect(await session.handleLine(':expect standings')).toEqual({ ok: false });
  });

  test(':clock restarts the bot at that instant, keeping the speed; :speed keeps the bot time', async () => {
    const { session, calls, transcript } = start();
    await session.handleLine(':clock 2023-11-25T12:00Z');
    await session.handleLine(':speed 3600');
    await session.handleLine(':clock 2023-11-26');
    await session.handleLine(':clock real');
    expect(calls.clocks).toEqual([
      { start: '2023-11-25T12:00:00.000Z', rate: 1 },
      { start: '2023-11-25T12:00:00.000Z', rate: 3600 },
      { start: '2023-11-26T00:00:00.000Z', rate: 3600 },
      null,
    ]);
    expect(transcript()).toContain('Clock: replay at 3600×');
  });

  test.each([':clock yesterday', ':speed 0', ':speed fast', ':wait soon', ':channel #nowhere', ':nope', 'hello'])(
    '%s is refused',
    async (line) => {
      const { session, calls } = start();
      expect(await session.handleLine(line)).toEqual({ ok: false });
      expect(calls.clocks).toEqual([]);
    },
  );

  test(':channel shows what the bot posted there', async () => {
    const { session } = start();
    await session.handleLine(':channel #matchday');
    expect(session.lastOutput()).toContain('#matchday · caf-confed-bot:\n  │ Matchday 1 preview');
    await session.handleLine(':channel general');
    expect(session.lastOutput()).toBe('#general has no messages yet.');
  });

  test('channel posts appear as they arrive and count as output for :expect', async () => {
    const { session } = start();
    await session.handleLine(':wait 1ms');
    session.channelPost({ id: 'p2', channelId: '1000000000000000011', authorName: 'caf-confed-bot', payload: { content: 'Full time!' } });
    expect(await session.handleLine(':expect #matchday · caf-confed-bot')).toEqual({ ok: true });
    expect(await session.handleLine(':expect Full time!')).toEqual({ ok: true });
  });

  test(':wait sleeps for the duration given', async () => {
    const slept: number[] = [];
    const { session } = start({}, async (ms) => {
      slept.push(ms);
    });
    await session.handleLine(':wait 2s');
    await session.handleLine(':wait 250ms');
    expect(slept).toEqual([2000, 250]);
  });

  // A fake clock: each sleep ends when aborted, or when the test calls elapse().
  const manualSleep = () => {
    const pending: { ms: number; resolve: () => void; signal: AbortSignal }[] = [];
    const sleep = (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        pending.push({ ms, resolve, signal });
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    const elapse = () => pending.splice(0).forEach((p) => p.resolve());
    return { sleep, elapse, pending };
  };

  test(':wait-for resolves when a matching post arrives, and stops its timer', async () => {
    const clock = manualSleep();
    const { session } = start({}, clock.sleep);
    const waiting = session.handleLine(':wait-for full time');
    session.channelPost({ id: 'p3', channelId: '1000000000000000011', authorName: 'bot', payload: { content: 'Kick-off soon' } });
    session.channelPost({ id: 'p4', channelId: '1000000000000000011', authorName: 'bot', payload: { content: 'FULL TIME: 2–0' } });
    expect(await waiting).toEqual({ ok: true });
    expect(clock.pending.every((p) => p.signal.aborted)).toBe(true);
  });

  test(':wait-for fails when the time runs out', async () => {
    const clock = manualSleep();
    const { session, transcript } = start({}, clock.sleep);
    const timingOut = session.handleLine(':wait-for never');
    await Promise.resolve();
    clock.elapse();
    expect(await timingOut).toEqual({ ok: false });
    expect(transcript()).toContain('Nothing containing "never" arrived within 120s.');
  });

  test(':repeat-until sends the last slash command again every 2 s until the reply has the text, and shows that reply only', async () => {
    const slept: number[] = [];
    let runs = 0;
    const { session, calls, transcript } = start(
      {
        runCommand: async (data) => {
          calls.commands.push(data);
          runs += 1;
          return { response: { id: `m${runs}`, channelId: GUILD.channels[0]!.id, authorName: 'caf-confed-bot', payload: { content: runs < 3 ? 'Final: not played' : 'Final: Al Ahly SC 1–0' } }, followUps: [] };
        },
      },
      async (ms) => {
        slept.push(ms);
      },
    );
    expect(await session.handleLine('/fixtures team:zam')).toEqual({ ok: true });
    expect(await session.handleLine(':repeat-until al ahly sc 1–0')).toEqual({ ok: true });
    expect(calls.commands).toHaveLength(3);
    // The same command each time, with its autocomplete pick, which is shown once.
    expect(new Set(calls.commands.map((c) => JSON.stringify(c.options))).size).toBe(1);
    expect(transcript().match(/team: zam → Zamalek/g)).toHaveLength(1);
    expect(slept).toEqual([REPEAT_EVERY_MS]);
    expect(session.lastOutput()).toContain('/fixtures team:zam sent 2 times');
    expect(transcript().match(/Final: not played/g)).toHaveLength(1);
    expect(await session.handleLine(':expect Al Ahly SC 1–0')).toEqual({ ok: true });
  });

  test(':repeat-until fails when no reply has the text in time, and with no command to repeat', async () => {
    const slept: number[] = [];
    const { session, calls, transcript } = start({}, async (ms) => {
      slept.push(ms);
    });
    expect(await session.handleLine(':repeat-until ran')).toEqual({ ok: false });
    expect(transcript()).toContain('Nothing to repeat: type a slash command first.');
    expect(await session.handleLine('/scorers')).toEqual({ ok: true });
    expect(await session.handleLine(':repeat-until never')).toEqual({ ok: false });
    expect(transcript()).toContain('No reply to /scorers contained "never" within 120s.');
    expect(calls.commands).toHaveLength(1 + 120_000 / REPEAT_EVERY_MS);
    expect(slept.every((ms) => ms === REPEAT_EVERY_MS)).toBe(true);
  });

  test('Ctrl-C (interrupt) cuts a wait short and fails it', async () => {
    const clock = manualSleep();
    const { session, transcript } = start({}, clock.sleep);
    const waiting = session.handleLine(':wait 10m');
    await Promise.resolve();
    session.interrupt();
    expect(await waiting).toEqual({ ok: false });
    expect(transcript()).toContain('Interrupted.');
  });

  test(':help lists commands and meta-commands; :help /command its options', async () => {
    const { session } = start();
    await session.handleLine(':help');
    expect(session.lastOutput()).toContain('/fixtures');
    expect(session.lastOutput()).toContain(':clock [instant|real]');
    await session.handleLine(':help /announcements');
    expect(session.lastOutput()).toContain('/announcements set channel:channel [ping:role] [previews:true/false]');
    expect(session.lastOutput()).toContain('set channel: Where');
  });

  test(':quit asks to leave; comments and blank lines do nothing', async () => {
    const { session, written } = start();
    expect(await session.handleLine('# a comment')).toEqual({ ok: true });
    expect(await session.handleLine('   ')).toEqual({ ok: true });
    expect(written).toEqual([]);
    expect(await session.handleLine(':quit')).toEqual({ ok: true, quit: true });
  });
});

describe('tab completion', () => {
  test('completes locally where it can', async () => {
    const { session, calls } = start();
    expect(await session.complete('/sc')).toEqual([['/scorers'], '/sc']);
    expect(calls.autocompletes).toEqual([]);
  });

  test('asks the bot for autocomplete values, as Discord does while typing', async () => {
    const { session, calls } = start();
    expect(await session.complete('/fixtures when:all team:Za')).toEqual([['team:Zamalek', 'team:Zanaco'], 'team:Za']);
    expect(calls.autocompletes[0]?.options).toEqual([
      { name: 'team', type: 3, value: 'Za', focused: true },
      { name: 'when', type: 3, value: 'all' },
    ]);
  });

  test('fuzzy suggestions that would erase the typed word are listed with the word kept', async () => {
    const { session } = start({
      autocomplete: async () => [
        { name: 'Zamalek (Egypt)', value: 'zamalek' },
        { name: 'Al Zamora', value: 'al-zamora' },
      ],
    });
    expect(await session.complete('/fixtures team:zam')).toEqual([
      ['team:zam', 'team:"Zamalek (Egypt)"', 'team:"Al Zamora"'],
      'team:zam',
    ]);
  });

  test('a name picked with Tab is sent as that choice, not the top one', async () => {
    const { session, calls } = start({
      autocomplete: async () => [
        { name: 'Zamalek', value: 'zamalek' },
        { name: 'Zanaco', value: 'zanaco' },
      ],
    });
    await session.handleLine('/fixtures team:Zanaco');
    expect(calls.commands[0]?.options).toEqual([{ name: 'team', type: 3, value: 'zanaco' }]);
  });

  test('autocomplete while a required option is still missing', async () => {
    const { session, calls } = start();
    await session.complete('/team team:');
    expect(calls.autocompletes[0]?.options).toEqual([{ name: 'team', type: 3, value: '', focused: true }]);
  });
});

describe('parsing helpers', () => {
  test.each([
    ['2s', 2000],
    ['500ms', 500],
    ['1.5m', 90_000],
    ['1h', 3_600_000],
    ['3', 3000],
    ['soon', null],
  ])('duration %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each([
    ['2023-11-25T12:00Z', '2023-11-25T12:00:00.000Z'],
    ['2023-11-25T12:00', '2023-11-25T12:00:00.000Z'],
    ['2023-11-25 12:00', '2023-11-25T12:00:00.000Z'],
    ['2023-11-25', '2023-11-25T00:00:00.000Z'],
    ['2023-11-25T14:00+02:00', '2023-11-25T12:00:00.000Z'],
    ['nope', null],
  ])('instant %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString() ?? null).toBe(iso);
  });
});

describe('abortableSleep', () => {
  test('an abort ends a long sleep at once (so no timer keeps the process alive)', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(3_600_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });

  test('an already aborted signal does not sleep at all', async () => {
    await expect(abortableSleep(3_600_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});

describe(':locale', () => {
  test('shows the locale, sets a Discord locale (any case), and refuses one Discord does not have', async () => {
    const { session, backend, transcript } = start();
    expect((await session.handleLine(':locale')).ok).toBe(true);
    expect(transcript()).toContain('Locale: en-US');
    expect((await session.handleLine(':locale PT-br')).ok).toBe(true);
    expect(backend.locale()).toBe('pt-BR');
    expect((await session.handleLine(':locale fr')).ok).toBe(true);
    expect(backend.locale()).toBe('fr');
    const refused = await session.handleLine(':locale ar');
    expect(refused.ok).toBe(false);
    expect(transcript()).toContain('Discord has no Arabic locale: use /language set language:ar.');
    expect(backend.locale()).toBe('fr');
  });
});
