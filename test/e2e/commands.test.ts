// Every registered command, autocomplete and paging button, driven through real discord.js (the whole
// bot in-process, as startBot composes it) against the stand-in; assertions are on the callback
// payloads Discord would receive.
import { join } from 'node:path';
import { ApplicationCommandOptionType, type APIApplicationCommandOption, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { fromPackageRoot } from '../../src/package-root.js';
import type { InteractionCallbackBody } from 'discord-standin';
import type { Standin } from 'discord-standin';
import {
  buttons,
  EPHEMERAL,
  GUILD_ID,
  limitViolations,
  makeTempDir,
  renderedText,
  startTestStandin,
  stopAll,
  STARTUP_TIMEOUT_MS,
  TEST_TOKEN,
  type CallbackData,
  type LogLine,
} from './harness.js';
import { startInProcessBot, stopInProcessBots, type InProcessBot } from './in-process-bot.js';

const CALLBACK = { MESSAGE: 4, DEFERRED: 5, UPDATE: 7, AUTOCOMPLETE: 8 } as const;
const TEST_TIMEOUT_MS = 20_000;
const LOADING = 128;

/** Valid values for string options a test must fill; a new required one needs an entry here. */
const SAMPLE_VALUES: Readonly<Record<string, string | number | boolean>> = { team: 'zamalek', opponent: 'rs-berkane', leads: '24h,1h' };

let standin: Standin;
let bot: InProcessBot;
let ready: LogLine;

beforeAll(async () => {
  standin = await startTestStandin();
  // One season (the Confederation Cup 2023–24) so the fan commands' default is the season these
  // tests read; choosing among several seasons is test/discord/commands/seasons.test.ts.
  bot = await startInProcessBot(standin, {
    databasePath: join(makeTempDir(), 'bot.sqlite'),
    extra: { SEASON_FILES: fromPackageRoot('data', 'seasons', 'caf-cc-2023-24.json') },
  });
  ready = bot.ready;
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await stopInProcessBots();
  await stopAll();
  await standin?.close();
});

type Option = APIApplicationCommandOption & {
  required?: boolean;
  autocomplete?: boolean;
  choices?: { value: string | number }[];
  min_value?: number;
  options?: Option[];
};

/** One invocable form of a command: the command itself, or one of its subcommands. */
interface Invocation {
  readonly label: string;
  readonly name: string;
  readonly subcommand?: string;
  readonly options: readonly Option[];
  /** Commands with default_member_permissions are for server managers: invoke as one, answers may be ephemeral. */
  readonly admin: boolean;
}

const invocations: readonly Invocation[] = commands.flatMap((command) => {
  const json = command.data.toJSON();
  const options = (json.options ?? []) as Option[];
  const admin = json.default_member_permissions !== undefined && json.default_member_permissions !== null;
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length === 0) return [{ label: `/${json.name}`, name: json.name, options, admin }];
  return subcommands.map((sub) => ({
    label: `/${json.name} ${sub.name}`,
    name: json.name,
    subcommand: sub.name,
    options: sub.options ?? [],
    admin,
  }));
});

/** A value the stand-in and the bot accept for an option, or undefined when the test has none. */
const sampleValue = (option: Option): string | number | boolean | undefined => {
  switch (option.type) {
    case ApplicationCommandOptionType.Channel:
      return standin.channelByName(GUILD_ID, 'matchday')?.id;
    case ApplicationCommandOptionType.Boolean:
      return SAMPLE_VALUES[option.name] ?? true;
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return SAMPLE_VALUES[option.name] ?? option.min_value ?? 1;
    default:
      return SAMPLE_VALUES[option.name] ?? option.choices?.[0]?.value;
  }
};

const fill = (invocation: Invocation, which: 'required' | 'all'): Record<string, string | number | boolean> => {
  const options: Record<string, string | number | boolean> = {};
  for (const option of invocation.options) {
    if (which === 'required' && !option.required) continue;
    const value = sampleValue(option);
    if (option.required) expect(value, `add a sample value for ${option.name} of ${invocation.label}`).toBeDefined();
    if (value !== undefined) options[option.name] = value;
  }
  return options;
};

interface Answer {
  readonly body: InteractionCallbackBody;
  /** The answer as the user sees it: the callback data, or after a defer the edited @original. */
  readonly data: CallbackData;
  readonly id: string;
  readonly handle: ReturnType<Standin['sendInteraction']>;
}

const send = async (spec: Parameters<Standin['sendInteraction']>[0]): Promise<Answer> => {
  const handle = standin.sendInteraction(spec);
  const body = await handle.callback;
  if (body.type !== CALLBACK.DEFERRED) return { body, data: (body.data ?? {}) as CallbackData, id: handle.id, handle };
  const message: APIMessage = await handle.waitForOriginal((m) => ((m.flags ?? 0) & LOADING) === 0, 10_000);
  const edit = handle.edits().at(-1)?.body as CallbackData | undefined;
  const data: CallbackData = {
    content: message.content,
    embeds: message.embeds as CallbackData['embeds'],
    components: message.components as unknown as CallbackData['components'],
    flags: message.flags ?? 0,
    ...(edit?.allowed_mentions ? { allowed_mentions: edit.allowed_mentions } : {}),
  };
  return { body, data, id: handle.id, handle };
};

const invoke = (invocation: Invocation, options: Record<string, string | number | boolean>) =>
  send({
    kind: 'chatInput',
    name: invocation.name,
    ...(invocation.subcommand ? { subcommand: invocation.subcommand } : {}),
    options,
    ...(invocation.admin ? { memberPermissions: ['ManageGuild'] as const } : {}),
  });

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
/** Commands whose answers are about the user asking, so private by design (not admin commands). */
const PRIVATE_ANSWERS = new Set(['language', 'privacy']);

describe('registration', () => {
  test('GIVEN the bot started THEN exactly our commands are registered in the guild', () => {
    expect(standin.commands(GUILD_ID).map((c) => c.name).sort()).toEqual([...commandNames].sort());
    expect(standin.commands()).toEqual([]);
    expect(ready).toMatchObject({ guilds: 1, commands: { count: commandNames.length, scope: 'guild' } });
  });
});

describe('every command', () => {
  test.each(invocations.map((i) => [i.label, i] as const))(
    'GIVEN %s with only its required options THEN an answer within Discord limits, logged ok',
    async (_label, invocation) => {
      const { body, data, id } = await invoke(invocation, fill(invocation, 'required'));
      expect([CALLBACK.MESSAGE, CALLBACK.DEFERRED]).toContain(body.type);
      expect(data.allowed_mentions).toEqual({ parse: [] });
      expect(limitViolations(data)).toEqual([]);
      expect(renderedText(data).join('\n')).not.toContain('Something went wrong');
      if (PRIVATE_ANSWERS.has(invocation.name)) expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      else if (!invocation.admin) expectPublicReply(body, data);
      expect(await routerLine(id)).toMatchObject({ command: invocation.name, kind: 'command', outcome: 'ok', guildId: GUILD_ID });
    },
    TEST_TIMEOUT_MS,
  );

  test.each(invocations.map((i) => [i.label, i] as const))(
    'GIVEN %s with every option set THEN an answer or a user error, never a bug',
    async (_label, invocation) => {
      const { body, data, id } = await invoke(invocation, fill(invocation, 'all'));
      expect([CALLBACK.MESSAGE, CALLBACK.DEFERRED]).toContain(body.type);
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
  const autocompleted = invocations.flatMap((invocation) =>
    // Club options (the competition option lists seasons; stage, group and matchday the season's format).
    invocation.options
      .filter((o) => o.autocomplete && !['competition', 'stage', 'group', 'matchday'].includes(o.name))
      .map((o) => [invocation.label, o.name, invocation] as const),
  );
  const typing = (invocation: Invocation, option: string, value: string) => ({
    kind: 'autocomplete' as const,
    name: invocation.name,
    ...(invocation.subcommand ? { subcommand: invocation.subcommand } : {}),
    focused: option,
    options: { [option]: value },
  });

  test('GIVEN the commands THEN some options autocomplete (the table below is not empty)', () => {
    expect(autocompleted.length).toBeGreaterThan(0);
  });

  test.each(autocompleted)('GIVEN %s %s: "berk" THEN RS Berkane is offered', async (_label, option, invocation) => {
    const { body, data } = await send(typing(invocation, option, 'berk'));
    expect(body.type).toBe(CALLBACK.AUTOCOMPLETE);
    expect(data.choices?.map((c) => c.value)).toContain('rs-berkane');
    for (const choice of data.choices ?? []) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(String(choice.value).length).toBeLessThanOrEqual(100);
    }
  }, TEST_TIMEOUT_MS);

  test.each(autocompleted)('GIVEN %s %s with nothing typed THEN at most 25 choices', async (_label, option, invocation) => {
    const { body, data } = await send(typing(invocation, option, ''));
    expect(body.type).toBe(CALLBACK.AUTOCOMPLETE);
    expect(data.choices?.length).toBeGreaterThan(0);
    expect(data.choices?.length).toBeLessThanOrEqual(25);
  }, TEST_TIMEOUT_MS);

  test.each(autocompleted)('GIVEN %s %s: gibberish THEN an empty list, not an error', async (_label, option, invocation) => {
    const { body, data, id } = await send(typing(invocation, option, 'qqqqzzzz'));
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
  test('GIVEN every interaction above THEN no error was logged, nothing hit an unknown route, and the token never printed', () => {
    expect(bot.lines.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
    expect(standin.unknownRoutes).toEqual([]);
    expect(bot.output()).not.toContain(TEST_TOKEN);
    // Every interaction got exactly one initial response in time (no 10062/40060 at the stand-in).
    expect(standin.requests.filter((r) => r.errorCode === 10062 || r.errorCode === 40060)).toEqual([]);
  });
});
