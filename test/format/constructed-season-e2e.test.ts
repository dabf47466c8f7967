// The constructed season (three groups, a single-leg final) end to end: the whole bot in-process
// (startBot, real discord.js) against the stand-in, holding that season alone, on a replay clock the
// test moves: 20 May 2025, the semi-finals played and the final (24 May, one match) to come. Commands
// answer from the season's format; the final's preview and its result are posted once.
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fromPackageRoot } from '../../src/package-root.js';
import { announceAsManager, messageText, posts } from '../e2e/announcement-support.js';
import { GUILD_ID, limitViolations, makeTempDir, renderedText, startTestStandin, STARTUP_TIMEOUT_MS, type CallbackData } from '../e2e/harness.js';
import { endInProcessRun, startInProcessBot, type InProcessBot } from '../e2e/in-process-bot.js';

const SEASON_FILE = fromPackageRoot('test', 'fixtures', 'seasons', 'constructed-3-groups.json');
const SEASON_ID = 'test-c3g-2025';
let standin: Standin;
let bot: InProcessBot;

beforeAll(async () => {
  standin = await startTestStandin({
    guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, { name: 'cup' }] }],
  });
  bot = await startInProcessBot(standin, {
    databasePath: join(makeTempDir(), 'bot.sqlite'),
    clock: { start: '2025-05-20T00:00:00Z', rate: 14_400 },
    extra: { SEASON_FILES: SEASON_FILE },
  });
}, STARTUP_TIMEOUT_MS + 15_000);

afterAll(() => endInProcessRun([bot], standin));

const send = async (spec: Parameters<Standin['sendInteraction']>[0]) => {
  const body = await standin.sendInteraction(spec).callback;
  return { body, data: (body.data ?? {}) as CallbackData };
};
const command = async (name: string, options: Record<string, string | number> = {}) => {
  const { data } = await send({ kind: 'chatInput', name, options });
  expect(limitViolations(data)).toEqual([]);
  return renderedText(data).join('\n');
};

describe('a season in another format, through real discord.js', () => {
  test('/standings shows its three groups and no fourth', async () => {
    const text = await command('standings');
    for (const group of ['Group A', 'Group B', 'Group C']) expect(text).toContain(group);
    expect(text).not.toContain('Group D');
  }, 30_000);

  test('group, stage and matchday autocomplete offer the season’s own', async () => {
    const offered = async (name: string, focused: string) => {
      const { body, data } = await send({ kind: 'autocomplete', name, focused, options: { [focused]: '' } });
      expect(body.type).toBe(8);
      return (data.choices ?? []).map((c) => c.value);
    };
    expect(await offered('standings', 'group')).toEqual(['A', 'B', 'C']);
    expect(await offered('fixtures', 'stage')).toEqual(['first_round', 'group', 'semi_final', 'final']);
    expect(await offered('fixtures', 'matchday')).toEqual([1, 2, 3, 4, 5, 6]);
  }, 30_000);

  test('/fixtures shows the single-leg final still to come, /bracket the semi-finals decided', async () => {
    const fixtures = await command('fixtures');
    expect(fixtures).toContain('**Final**');
    expect(fixtures).toContain('Delta Wanderers');
    expect(fixtures).toContain('Sahara Sporting');
    const bracket = await command('bracket');
    expect(bracket).toContain('Semi-final, tie 1');
    expect(bracket).not.toContain('Quarter-finals');
  }, 30_000);

  test('a group the season does not have is refused privately, naming its groups', async () => {
    const { data } = await send({ kind: 'chatInput', name: 'standings', options: { group: 'D' } });
    expect((data.flags ?? 0) & 64).toBe(64);
    expect(renderedText(data).join('\n')).toContain('Group C');
  }, 30_000);

  test('announcements: the final is previewed once, then its result and the champion are posted', async () => {
    const channel = standin.channelByName(GUILD_ID, 'cup')!.id;
    const set = await announceAsManager(standin, 'set', { channel, competition: SEASON_ID, results: 'round' });
    expect(messageText(set)).toContain('Constructed Cup');
    // The 24-hour preview of the final (kickoff 24 May 18:00 UTC).
    await bot.advanceTo('2025-05-23T18:00:00Z');
    await bot.waitForSent(1, 'the final preview');
    await bot.advanceTo('2025-05-23T23:00:00Z');
    const previews = posts(standin, channel);
    expect(previews).toHaveLength(1);
    const preview = messageText(previews[0]!);
    expect(preview).toContain('Final');
    expect(preview).toContain('Delta Wanderers');
    // After the match (kickoff plus the match span, 20:30 UTC): its recap, under the round key `F`.
    await bot.advanceTo('2025-05-24T21:00:00Z');
    await bot.waitForSent(2, 'the final recap');
    expect(bot.lines.filter((l) => l.msg === 'announcement sent').map((l) => String(l['key']).split(' ').slice(2).join(' '))).toEqual([
      'preview F 24h',
      'recap F after',
    ]);
    const recap = messageText(posts(standin, channel)[1]!);
    expect(recap).toContain('Sahara Sporting');
    expect(recap).toMatch(/penalties/i);
    expect(bot.lines.filter((l) => l.msg === 'announcement sent late')).toHaveLength(0);
  }, 90_000);
});
