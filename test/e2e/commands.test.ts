// Every registered command, autocomplete and paging button, driven through real discord.js in the bot
// process against the stand-in; assertions are on the callback payloads Discord would receive.
import { join } from 'node:path';
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import type { InteractionCallbackBody } from '../../src/standin/interactions.js';
import type { Standin } from '../../src/standin/server.js';
import {
  botEnv,
  buttons,
  EPHEMERAL,
  GUILD_ID,
  limitViolations,
  makeTempDir,
  renderedText,
  startBotProcess,
  startTestStandin,
  stopAll,
  STARTUP_TIMEOUT_MS,
  TEST_TOKEN,
  type BotProcess,
  type CallbackData,
  type LogLine,
} from './harness.js';

const CALLBACK = { MESSAGE: 4, UPDATE: 7, AUTOCOMPLETE: 8 } as const;
const TEST_TIMEOUT_MS = 20_000;

/** Valid values for options a test must fill; a new required option needs an entry here. */
const SAMPLE_VALUES: Readonly<Record<string, string | number>> = { team: 'zamalek', opponent: 'rs-berkane' };

let standin: Standin;
let bot: BotProcess;
let ready: LogLine;

beforeAll(async () => {
  standin = await startTestStandin();
  ({ bot, ready } = await startBotProcess(botEnv(standin, { databasePath: join(makeTempDir(), 'bot.sqlite') })));
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await stopAll();
  await standin?.close();
});

const registered = (name: string): APIApplicationCommand => {
  const found = standin.commands(GUILD_ID).find((c) => c.name === name);
  if (!found) throw new Error(`/${name} is not registered`);
  return found;
};

type Option = APIApplicationCommandOption & {
  required?: boolean;
  autocomplete?: boolean;
  choices?: { value: string | number }[];
  min_value?: number;
};

const optionsOf = (name: string): Option[] => (registered(name).options ?? []) as Option[];

const send = async (
  spec: Parameters<Standin['sendInteraction']>[0],
): Promise<{ body: InteractionCallbackBody; data: CallbackData; id: string; handle: ReturnType<Standin['sendInteraction']> }> => {
  const handle = standin.sendInteraction(spec);
  const body = await handle.callback;
  return { body, data: (body.data ?? {}) as CallbackData, id: handle.id, handle };
};

/** The router's one line for an interaction (it is written after the reply, so wait for it). */
const routerLine = (interactionId: string): Promise<LogLine> =>
  bot.waitForLog((l) => l.interactionId === interactionId && 'outcome' in l, 10_000, `the router line of ${interactionId}`);

const expectPublicReply = (body: InteractionCallbackBody, data: CallbackData): void => {
  expect(body.type).toBe(CALLBACK.MESSAGE);
  expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
  expect(data.allowed_mentions).toEqual({ parse: [] });
  expect(limitViolations(data)).toEqual([]);
  expect(renderedText(data).join('\n')).not.toContain('Something went wrong');
};

const commandNames = commands.map((c) => c.data.name);

describe('registration', () => {
  test('GIVEN the bot started THEN exactly our commands are registered in the guild', () => {
    expect(standin.commands(GUILD_ID).map((c) => c.name).sort()).toEqual([...commandNames].sort());
    expect(standin.commands()).toEqual([]);
    expect(ready).toMatchObject({ guilds: 1, commands: { count: commandNames.length, scope: 'guild' } });
  });
});

describe('every command', () => {
  test.each(commandNames)(
    'GIVEN /%s with only its required options THEN a public reply within Discord limits, logged ok',
    async (name) => {
      const options: Record<string, string | number> = {};
      for (const option of optionsOf(name).filter((o) => o.required)) {
        const value = SAMPLE_VALUES[option.name];
        expect(value, `add a sample value for the required option ${option.name} of /${name}`).toBeDefined();
        options[option.name] = value as string | number;
      }
      const { body, data, id } = await send({ kind: 'chatInput', name, options });
      expectPublicReply(body, data);
      expect(await routerLine(id)).toMatchObject({ command: name, kind: 'command', outcome: 'ok', guildId: GUILD_ID });
    },
    TEST_TIMEOUT_MS,
  );

  test.each(commandNames)(
    'GIVEN /%s with every option set THEN a reply or a user error, never a bug',
    async (name) => {
      const options: Record<string, string | number> = {};
      for (const option of optionsOf(name)) {
        const value = SAMPLE_VALUES[option.name] ?? option.choices?.[0]?.value ?? option.min_value;
        if (value !== undefined) options[option.name] = value;
      }
      const { body, data, id } = await send({ kind: 'chatInput', name, options });
      expect(body.type).toBe(CALLBACK.MESSAGE);
      expect(limitViolations(data)).toEqual([]);
      const line = await routerLine(id);
      expect(['ok', 'user_error']).toContain(line.outcome);
      if (line.outcome === 'user_error') expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('what the commands say', () => {
  test('GIVEN /standings THEN one table per group, group winners marked', async () => {
    const { body, data } = await send({ kind: 'chatInput', name: 'standings' });
    expectPublicReply(body, data);
    expect(data.embeds?.map((e) => e.title)).toEqual(['Group A', 'Group B', 'Group C', 'Group D']);
    expect(data.embeds?.[1]?.description).toMatch(/1 Q Zamalek\s+6\s+5\s+1\s+0/);
  }, TEST_TIMEOUT_MS);

  test('GIVEN /standings group:C THEN only Group C', async () => {
    const { data } = await send({ kind: 'chatInput', name: 'standings', options: { group: 'C' } });
    expect(data.embeds?.map((e) => e.title)).toEqual(['Group C']);
  }, TEST_TIMEOUT_MS);

  test('GIVEN /team with the id autocomplete gives THEN the champion’s card', async () => {
    const { body, data } = await send({ kind: 'chatInput', name: 'team', options: { team: 'zamalek' } });
    expectPublicReply(body, data);
    expect(data.embeds?.[0]?.title).toBe('Zamalek');
    expect(renderedText(data).join('\n')).toContain('Champions');
  }, TEST_TIMEOUT_MS);

  test('GIVEN /team with a name typed in full, alias casing THEN the same team', async () => {
    const { data } = await send({ kind: 'chatInput', name: 'team', options: { team: 'rs berkane' } });
    expect(data.embeds?.[0]?.title).toBe('RS Berkane');
  }, TEST_TIMEOUT_MS);

  test('GIVEN /bracket THEN the champion is named', async () => {
    const { data } = await send({ kind: 'chatInput', name: 'bracket' });
    expect(renderedText(data).join('\n')).toContain('Champions: **Zamalek**');
  }, TEST_TIMEOUT_MS);

  test('GIVEN /about THEN it shows the data version the bot logged at startup', async () => {
    const { data } = await send({ kind: 'chatInput', name: 'about' });
    const hash = (ready.data as { hash: string }).hash;
    expect(renderedText(data).join('\n')).toContain(hash);
  }, TEST_TIMEOUT_MS);
});

describe('autocomplete', () => {
  const autocompleted = commands.flatMap((c) =>
    (c.data.toJSON().options ?? [])
      .filter((o) => 'autocomplete' in o && o.autocomplete)
      .map((o) => [c.data.name, o.name] as const),
  );

  test('GIVEN the commands THEN some options autocomplete (the table below is not empty)', () => {
    expect(autocompleted.length).toBeGreaterThan(0);
  });

  test.each(autocompleted)('GIVEN /%s %s: "berk" THEN RS Berkane is offered', async (name, option) => {
    const { body, data } = await send({ kind: 'autocomplete', name, focused: option, options: { [option]: 'berk' } });
    expect(body.type).toBe(CALLBACK.AUTOCOMPLETE);
    expect(data.choices?.map((c) => c.value)).toContain('rs-berkane');
    for (const choice of data.choices ?? []) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(String(choice.value).length).toBeLessThanOrEqual(100);
    }
  }, TEST_TIMEOUT_MS);

  test.each(autocompleted)('GIVEN /%s %s with nothing typed THEN at most 25 choices', async (name, option) => {
    const { body, data } = await send({ kind: 'autocomplete', name, focused: option, options: { [option]: '' } });
    expect(body.type).toBe(CALLBACK.AUTOCOMPLETE);
    expect(data.choices?.length).toBeGreaterThan(0);
    expect(data.choices?.length).toBeLessThanOrEqual(25);
  }, TEST_TIMEOUT_MS);

  test.each(autocompleted)('GIVEN /%s %s: gibberish THEN an empty list, not an error', async (name, option) => {
    const { body, data, id } = await send({ kind: 'autocomplete', name, focused: option, options: { [option]: 'qqqqzzzz' } });
    expect(body.type).toBe(CALLBACK.AUTOCOMPLETE);
    expect(data.choices).toEqual([]);
    expect(await routerLine(id)).toMatchObject({ kind: 'autocomplete', outcome: 'ok' });
  }, TEST_TIMEOUT_MS);
});

describe('paging and buttons', () => {
  test('GIVEN /fixtures when:all THEN ▶ shows page 2 as an update of the same message', async () => {
    const first = await send({ kind: 'chatInput', name: 'fixtures', options: { when: 'all' } });
    expectPublicReply(first.body, first.data);
    const label = buttons(first.data).find((b) => b.label?.startsWith('page '));
    expect(label?.label).toMatch(/^page 1\/\d+$/);
    const next = buttons(first.data).find((b) => b.label === '▶');
    expect(next?.custom_id).toBeDefined();
    expect(next?.disabled ?? false).toBe(false);

    const message = await first.handle.waitForOriginal();
    const page2 = await send({ kind: 'button', customId: next?.custom_id ?? '', message });
    expect(page2.body.type).toBe(CALLBACK.UPDATE);
    expect(limitViolations(page2.data)).toEqual([]);
    expect(buttons(page2.data).find((b) => b.label?.startsWith('page '))?.label).toMatch(/^page 2\/\d+$/);
    expect(page2.data.embeds?.[0]?.description).not.toBe(first.data.embeds?.[0]?.description);
    expect(await routerLine(page2.id)).toMatchObject({ kind: 'button', command: 'fixtures', outcome: 'ok' });

    // ◀ from page 2 is back to page 1.
    const back = buttons(page2.data).find((b) => b.label === '◀');
    const page1 = await send({ kind: 'button', customId: back?.custom_id ?? '', message });
    expect(page1.body.type).toBe(CALLBACK.UPDATE);
    expect(page1.data.embeds?.[0]?.description).toBe(first.data.embeds?.[0]?.description);
  }, TEST_TIMEOUT_MS);

  test('GIVEN /match for a team THEN a match button shows that match', async () => {
    const picker = await send({ kind: 'chatInput', name: 'match', options: { team: 'zamalek', opponent: 'rs-berkane' } });
    expectPublicReply(picker.body, picker.data);
    const pick = buttons(picker.data).find((b) => b.custom_id?.startsWith('match:') && !b.disabled);
    expect(pick).toBeDefined();
    const detail = await send({ kind: 'button', customId: pick?.custom_id ?? '', message: await picker.handle.waitForOriginal() });
    expect(detail.body.type).toBe(CALLBACK.UPDATE);
    expect(limitViolations(detail.data)).toEqual([]);
    expect(renderedText(detail.data).join('\n')).toMatch(/RS Berkane/);
  }, TEST_TIMEOUT_MS);

  test('GIVEN a button id from an older version THEN an ephemeral explanation', async () => {
    const { body, data } = await send({ kind: 'button', customId: 'fixtures:zz-old-format' });
    expect(body.type).toBe(CALLBACK.MESSAGE);
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toMatch(/older version|run \/fixtures again/i);
  }, TEST_TIMEOUT_MS);
});

describe('bad input', () => {
  test('GIVEN a team typed past autocomplete that matches nothing THEN an ephemeral not-found with suggestions', async () => {
    const { body, data, id } = await send({ kind: 'chatInput', name: 'team', options: { team: 'Zamalk' } });
    expect(body.type).toBe(CALLBACK.MESSAGE);
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.content).toMatch(/no team matches "Zamalk"/i);
    expect(data.content).toContain('Did you mean: **Zamalek**');
    expect(await routerLine(id)).toMatchObject({ outcome: 'user_error' });
  }, TEST_TIMEOUT_MS);

  test('GIVEN an unknown team in an optional option THEN the same kind of answer', async () => {
    const { data } = await send({ kind: 'chatInput', name: 'fixtures', options: { team: 'Nowhere United' } });
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toMatch(/no team matches/i);
  }, TEST_TIMEOUT_MS);

  test('GIVEN a command the bot does not know (stale registration) THEN an ephemeral unknown-command reply', async () => {
    const { body, data } = await send({ kind: 'chatInput', name: 'retired-command' });
    expect(body.type).toBe(CALLBACK.MESSAGE);
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toMatch(/unknown command/i);
  }, TEST_TIMEOUT_MS);
});

describe('the process after all of the above', () => {
  test.runIf(process.env.E2E_DUMP)('dump', () => { console.log(JSON.stringify(bot.lines.filter((l) => 'outcome' in l).map((l) => [l.kind, l.command, l.outcome, l.latencyMs]))); });
  test('GIVEN every interaction above THEN no error was logged, nothing hit an unknown route, and the token never printed', () => {
    expect(bot.lines.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
    expect(standin.unknownRoutes).toEqual([]);
    expect(bot.stdout() + bot.stderr()).not.toContain(TEST_TOKEN);
    // Every interaction got exactly one initial response in time (no 10062/40060 at the stand-in).
    expect(standin.requests.filter((r) => r.errorCode === 10062 || r.errorCode === 40060)).toEqual([]);
  });
});
