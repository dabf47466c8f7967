// Options a client never sends but a forged payload can: blank team names, values off a choice list,
// numbers outside the declared range, markdown and mention syntax to be echoed back. Each goes
// through the real commands and the real router (the error boundary), as a fan would meet it.
import type { Interaction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { commands } from '../../../src/discord/commands/index.js';
import type { Command } from '../../../src/discord/commands/types.js';
import { SEASON_COLOUR, stageColour } from '../../../src/discord/render/theme.js';
import { createRouter } from '../../../src/discord/router.js';
import { UserError } from '../../../src/domain/errors.js';
import type { Stage } from '../../../src/domain/types.js';
import { createLogger } from '../../../src/log.js';
import { allText } from '../render/limits-check.js';
import { miniSeason } from '../render/season-builder.js';
import { fakeChatInput, makeCtx } from './fakes.js';

const command = (name: string): Command => {
  const found = commands.find((c) => c.data.name === name);
  if (!found) throw new Error(name);
  return found;
};

/** One interaction through the router; what the user saw and the router's summary line. */
const route = async (name: string, options: Record<string, string | number | undefined>) => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', format: 'json', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const router = createRouter({ commands, ctx: { ...makeCtx(miniSeason()), log }, log });
  const { interaction, reply } = fakeChatInput(name, options);
  await router.handle(interaction as unknown as Interaction);
  const payloads = reply.mock.calls.map((call) => call[0] as { content?: string; flags?: number; embeds?: unknown[]; allowedMentions?: unknown });
  return { payloads, summary: lines.find((l) => 'outcome' in l) };
};

/** The one private refusal a user error gets: ephemeral, no pings, no public reply before it. */
const refusal = async (name: string, options: Record<string, string | number | undefined>): Promise<string> => {
  const { payloads, summary } = await route(name, options);
  expect(summary).toMatchObject({ outcome: 'user_error' });
  expect(payloads).toHaveLength(1);
  expect(payloads[0]?.flags).toBe(MessageFlags.Ephemeral);
  expect(payloads[0]?.allowedMentions).toEqual({ parse: [] });
  return payloads[0]?.content ?? '';
};

const BLANKS = [
  ['empty', ''],
  ['spaces', '   '],
  ['TAB', '\t'],
  ['NBSP', '\u00a0'],
  ['ideographic space U+3000', '\u3000'],
  ['em space U+2003', '\u2003'],
  ['line separator U+2028', '\u2028'],
  ['BOM U+FEFF', '\ufeff'],
  ['narrow NBSP U+202F', '\u202f'],
  ['zero-width space U+200B', '\u200b'],
  ['a mix', ' \u00a0\u3000\t\u2003 '],
] as const;

describe('a required team option that is blank (D5)', () => {
  test.each(BLANKS.flatMap(([label, value]) => (['team', 'match'] as const).map((name) => ({ name, label, value }))))(
    '/$name team:$label → a private "type a club name", not a crash',
    async ({ name, value }) => {
      const { interaction } = fakeChatInput(name, { team: value });
      await expect(command(name).execute(interaction, makeCtx(miniSeason()))).rejects.toBeInstanceOf(UserError);
      expect(await refusal(name, { team: value })).toMatch(/Type a club name/);
    },
  );

  test.each(['team', 'match'])('/%s with the required team option missing altogether → the same refusal', async (name) => {
    expect(await refusal(name, {})).toMatch(/Type a club name/);
  });

  test('/match with a blank opponent reads as no opponent', async () => {
    const { payloads, summary } = await route('match', { team: 'usm-alger', opponent: '\u3000' });
    expect(summary).toMatchObject({ outcome: 'ok' });
    expect(payloads[0]?.flags).toBeUndefined();
  });
});

// 'Group Z': a group's name in the fan's language is read (Group A is group A); a group the season lacks is not.
const FORGED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', 'Group Z', '@everyone'];

describe('a choice value the choice list does not have (D6)', () => {
  test.each(
    [
      ['fixtures', 'stage'],
      ['fixtures', 'when'],
      ['fixtures', 'group'],
      ['scorers', 'stage'],
      ['standings', 'group'],
    ].flatMap(([name, option]) => FORGED.map((value) => ({ name: name!, option: option!, value }))),
  )('/$name $option:$value → a private refusal naming the option', async ({ name, option, value }) => {
    const { interaction, reply } = fakeChatInput(name, { [option]: value });
    await expect(command(name).execute(interaction, makeCtx(miniSeason()))).rejects.toBeInstanceOf(UserError);
    expect(reply).not.toHaveBeenCalled();
    const text = await refusal(name, { [option]: value });
    expect(text).toContain(`\`${option}\``);
    expect(text).not.toMatch(/function|native code|\[object Object\]/);
    expect(text).not.toContain('@everyone');
  });

  test.each([
    ['fixtures', 'matchday', 0],
    ['fixtures', 'matchday', 7],
    ['fixtures', 'matchday', 2.5],
    ['scorers', 'limit', 0],
    ['scorers', 'limit', -3],
    ['scorers', 'limit', 1e9],
  ] as const)('/%s %s:%d outside the declared range → a private refusal', async (name, option, value) => {
    expect(await refusal(name, { [option]: value })).toContain(`\`${option}\``);
  });

  test.each(['constructor', '__proto__', 'toString', 'valueOf'])('the stage colour of a forged stage %s is the season colour, not a prototype member', (value) => {
    expect(stageColour(value as Stage)).toBe(SEASON_COLOUR);
  });

  test('every value on the lists is still accepted', async () => {
    for (const [name, option, values] of [
      ['fixtures', 'stage', ['first_round', 'second_round', 'group', 'quarter_final', 'semi_final', 'final']],
      ['fixtures', 'when', ['upcoming', 'results', 'all']],
      ['fixtures', 'group', ['A', 'B', 'C', 'D']],
      ['standings', 'group', ['A', 'B', 'C', 'D']],
      ['scorers', 'stage', ['proper', 'qualifying', 'group', 'quarter_final', 'semi_final', 'final']],
    ] as const) {
      for (const value of values) {
        const { summary, payloads } = await route(name, { [option]: value });
        expect(summary, `${name} ${option}:${value}`).toMatchObject({ outcome: 'ok' });
        expect(payloads[0]?.flags).toBeUndefined();
      }
    }
  });
});

const HOSTILE = '**bold** [x](https://evil.example) <@&1> <#2> <t:1:R> @everyone __u__ ||s||';

/** Markdown, masked links, mentions and timestamps, each left with no power to render. */
const expectInert = (text: string) => {
  expect(text).not.toContain('**bold**');
  expect(text).not.toMatch(/(?<!\\)\[x\]\(/);
  expect(text).not.toMatch(/(?<!\\)<(@&|#|t:)/);
  expect(text).not.toContain('@everyone');
  expect(text).not.toMatch(/(?<!\\)__u/);
  expect(text).not.toMatch(/(?<!\\)\|\|s/);
};

describe('user input echoed in a private reply is escaped (D11)', () => {
  test.each([
    ['team', { team: HOSTILE }],
    ['match', { team: HOSTILE }],
    ['match', { team: 'zamalek', opponent: HOSTILE }],
    ['fixtures', { team: HOSTILE }],
    ['scorers', { team: HOSTILE }],
    ['fixtures', { stage: HOSTILE }],
    ['fixtures', { group: HOSTILE }],
    ['standings', { group: HOSTILE }],
    ['scorers', { stage: HOSTILE }],
  ] as const)('/%s %j', async (name, options) => {
    const text = await refusal(name, options);
    expect(text).toContain('bold');
    expectInert(text);
  });

  test('a forged group never reaches a public embed title', async () => {
    for (const name of ['standings', 'fixtures']) {
      const { payloads } = await route(name, { group: '@everyone' });
      expect(payloads.every((p) => p.flags === MessageFlags.Ephemeral)).toBe(true);
      expect(allText({ embeds: [], ...payloads[0] } as never)).not.toContain('@everyone');
    }
  });
});
