// Data is untrusted text: a season file whose team and player names carry mentions and markdown.
// Nothing the bot sends may ping anyone or render that markdown.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SEASON_FILE } from '../../src/season/read.js';
import type { Standin } from 'discord-standin';
import {
  buttons,
  EPHEMERAL,
  limitViolations,
  makeTempDir,
  markdownText,
  startTestStandin,
  stopAll,
  STARTUP_TIMEOUT_MS,
  type CallbackData,
} from './harness.js';
import { startInProcessBot, stopInProcessBots, type InProcessBot } from './in-process-bot.js';

const HOSTILE_TEAM = '@everyone <@&1> **x**';
const HOSTILE_TEAM_ID = 'everyone-1-x';
const HOSTILE_PLAYER = '<@1234567890123456789> [click](https://evil.example) @here';
const TEST_TIMEOUT_MS = 20_000;

/** Replaces every string value equal to `from` (names are references in the season file). */
const renameEverywhere = (value: unknown, from: string, to: string): unknown => {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => renameEverywhere(v, from, to));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameEverywhere(v, from, to)]));
  }
  return value;
};

/**
 * What would be unsafe once Discord renders the text (content and embeds; button labels and
 * autocomplete choices are shown literally, so a name there needs no escaping). Code blocks and inline code render literally
 * (no mentions, no markdown), so only the text outside them is checked — and fences must pair up.
 */
const unsafeFragments = (text: string): string[] => {
  const problems: string[] = [];
  if ((text.match(/```/g)?.length ?? 0) % 2 !== 0) problems.push('unbalanced code fence');
  const outside = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  if (/@(everyone|here)/i.test(outside)) problems.push('a raw @everyone/@here');
  if (/(?<!\\)<@[&!]?\d+>/.test(outside)) problems.push('a raw user/role mention');
  if (outside.includes('**x**')) problems.push('bold markdown from the data');
  if (/(?<!\\)\[click\]\(/.test(outside)) problems.push('a masked link from the data');
  return problems;
};

const expectSafe = (data: CallbackData, mustShow: RegExp = /everyone/): void => {
  expect(data.allowed_mentions).toEqual({ parse: [] });
  expect(limitViolations(data)).toEqual([]);
  const text = markdownText(data).join('\n');
  expect(text).toMatch(mustShow); // the hostile name really is in this payload
  expect(unsafeFragments(text)).toEqual([]);
};

let standin: Standin;
let bot: InProcessBot;

beforeAll(async () => {
  const dir = makeTempDir();
  const original = JSON.parse(readFileSync(DEFAULT_SEASON_FILE, 'utf8')) as unknown;
  const hostile = renameEverywhere(renameEverywhere(original, 'Zamalek', HOSTILE_TEAM), 'Youssef Obama', HOSTILE_PLAYER);
  const seasonFile = join(dir, 'hostile-season.json');
  writeFileSync(seasonFile, JSON.stringify(hostile, null, 2));

  standin = await startTestStandin();
  // The whole bot in-process (startBot, real discord.js): a child process adds nothing to what is checked here.
  bot = await startInProcessBot(standin, { databasePath: join(dir, 'bot.sqlite'), extra: { SEASON_FILE: seasonFile } });
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await stopInProcessBots();
  await stopAll();
  await standin?.close();
});

const send = async (spec: Parameters<Standin['sendInteraction']>[0]) => {
  const handle = standin.sendInteraction(spec);
  const body = await handle.callback;
  return { body, data: (body.data ?? {}) as CallbackData, handle };
};

describe('a team named like a mention with markdown', () => {
  test.each([
    ['standings', {}],
    ['standings', { group: 'B' }],
    ['team', { team: HOSTILE_TEAM_ID }],
    ['bracket', {}],
    ['fixtures', { team: HOSTILE_TEAM_ID, when: 'all' }],
    ['scorers', { team: HOSTILE_TEAM_ID, stage: 'group' }],
    ['match', { team: HOSTILE_TEAM_ID }],
  ] as const)('GIVEN /%s %o THEN no ping, no rendered markdown, nothing over a limit', async (name, options) => {
    const { body, data } = await send({ kind: 'chatInput', name, options: { ...options } });
    expect(body.type).toBe(4);
    expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
    expectSafe(data);
  }, TEST_TIMEOUT_MS);

  test('GIVEN the team typed by its hostile name THEN it is still found', async () => {
    const { data } = await send({ kind: 'chatInput', name: 'team', options: { team: HOSTILE_TEAM } });
    expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
    expectSafe(data);
  }, TEST_TIMEOUT_MS);

  test('GIVEN autocomplete THEN the hostile team is offered by id, its name within 100 characters', async () => {
    const { body, data } = await send({ kind: 'autocomplete', name: 'team', focused: 'team', options: { team: 'everyone' } });
    expect(body.type).toBe(8);
    const choice = data.choices?.find((c) => c.value === HOSTILE_TEAM_ID);
    expect(choice?.name).toContain('everyone');
    expect(choice?.name.length).toBeLessThanOrEqual(100);
  }, TEST_TIMEOUT_MS);

  test('GIVEN a near miss THEN the ephemeral suggestions are escaped too', async () => {
    const { data } = await send({ kind: 'chatInput', name: 'team', options: { team: 'everyon 1 y' } });
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toContain('Did you mean');
    expectSafe(data);
  }, TEST_TIMEOUT_MS);
});

describe('a scorer named like a mention with a masked link', () => {
  test('GIVEN the group-stage scorers THEN the player shows without a ping or a link', async () => {
    const { data } = await send({ kind: 'chatInput', name: 'scorers', options: { stage: 'group', limit: 50 } });
    expectSafe(data, /click/);
  }, TEST_TIMEOUT_MS);

  test('GIVEN the match the player scored in THEN its detail is safe as well', async () => {
    const picker = await send({ kind: 'chatInput', name: 'match', options: { team: HOSTILE_TEAM_ID, opponent: 'abu-salim' } });
    const pick = buttons(picker.data).find((b) => b.custom_id?.startsWith('match:s:caf-cc-2023-24:GB-MD1-1'));
    expect(pick).toBeDefined();
    const detail = await send({ kind: 'button', customId: pick?.custom_id ?? '', message: await picker.handle.waitForOriginal() });
    expect(detail.body.type).toBe(7);
    expectSafe(detail.data, /click/);
  }, TEST_TIMEOUT_MS);
});

describe('the process', () => {
  test('GIVEN all of the above THEN no interaction failed', async () => {
    // Router lines are written after the reply; give the last one a moment.
    await bot.waitForLog((l) => l.kind === 'button' && 'outcome' in l, 10_000, 'the last router line');
    expect(bot.lines.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
  });
});
