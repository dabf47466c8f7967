// A live season run by editors in Discord (issue 12), end to end: the whole bot in-process (real
// discord.js, the stand-in, a real SQLite file) on a replay clock the test moves by hand.
//
// 1. A season built from a template: `/edit season new` (knockout-8), its semi-finals and then its final
//    added with `/edit fixture`, every result entered with `/edit result` (preview, Confirm). It plays
//    through to its final: a channel with results:round gets each round's preview and recap, channels
//    following a club (results:each, goals:on) get its previews and full-time posts only.
// 2. Goals while the final is played: `/edit goal` after kickoff, before any result. The alert (minute
//    and score) reaches the channels following either finalist and no other; /fixtures shows the match
//    in progress with the score so far, in the fan's language; no full-time post until the result; a
//    wrong goal undone gets a correction with the score so far; a result fewer than the goals is refused.
// 3. A polled source against an edit: the Champions League file served by a local HTTP server. An editor
//    saves a result, the served file then gives another: the edit is kept, /edit log shows the conflict,
//    the editor channel gets exactly one notice, also after a further update of the source.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { announceAsManager, messageText, posts, readRows } from './announcement-support.js';
import { EPHEMERAL, GUILD_ID, makeTempDir, markdownText, startTestStandin, STARTUP_TIMEOUT_MS, type CallbackData } from './harness.js';
import { endInProcessRun, startInProcessBot, type InProcessBot } from './in-process-bot.js';
import { clSeasonFile, matchOf, startLocalSource, withoutResult, type LocalSource } from '../sources/support.js';
import { teamSlug } from '../../src/season/slug.js';

const EDITORS = '1100000000000000077';
const CUP = 'test-cup-2026';
const CL = 'caf-cl-2023-24';
/** The shortest `every` a source may have (real seconds: the poller runs on wall time). */
const EVERY_S = 10;
const CALLBACK = { MESSAGE: 4, DEFERRED: 5, DEFERRED_UPDATE: 6 } as const;
const SOURCE = 'https://example.org/test-cup';

const PYRAMIDS = teamSlug('Pyramids FC');
const ZAMALEK = teamSlug('Zamalek');
const SIMBA = teamSlug('Simba SC');

let standin: Standin;
let source: LocalSource;
let bot: InProcessBot;
let editor: string;
let notices: string;
let databasePath: string;
const channel = new Map<string, string>();

const served = (file: unknown) => JSON.stringify({ ...(file as object), source: { url: source.url, format: 'season-json', every: `${EVERY_S}s` } });
/** The Champions League file with the final's second leg not played yet. */
const clBefore = () => {
  const f = clSeasonFile();
  withoutResult(f, 'F-L2');
  f.champion = null;
  return f;
};

beforeAll(async () => {
  const dir = makeTempDir();
  source = await startLocalSource();
  const file = join(dir, `${CL}.json`);
  writeFileSync(file, served(clBefore()));
  source.serve({ body: served(clBefore()), etag: '"v1"' });
  standin = await startTestStandin({
    guilds: [
      { id: GUILD_ID, name: 'Fans', channels: ['general', 'matchday', 'pyramids', 'zamalek', 'simba'].map((name) => ({ name })) },
      { id: EDITORS, name: 'Editors', channels: [{ name: 'editing' }, { name: 'notices' }] },
    ],
  });
  for (const name of ['matchday', 'pyramids', 'zamalek', 'simba']) channel.set(name, standin.channelByName(GUILD_ID, name)!.id);
  const role = standin.addRole(EDITORS, { name: 'Editor' }).id;
  editor = standin.addUser({ username: 'ed', globalName: 'Editor One' }).id;
  standin.addMember(EDITORS, editor, [role]);
  notices = standin.channelByName(EDITORS, 'notices')!.id;
  databasePath = join(dir, 'bot.sqlite');
  bot = await startInProcessBot(standin, {
    databasePath,
    // Stands still unless the test moves it; rate 600 sets the heartbeat to 100 ms.
    clock: { start: '2026-04-01T00:00:00Z', rate: 600 },
    extra: { DISCORD_GUILD_ID: undefined, SEASON_FILES: file, EDITOR_GUILD_ID: EDITORS, EDITOR_ROLE_ID: role, EDITOR_CHANNEL_ID: notices },
  });
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await endInProcessRun([bot], standin);
  await source?.close();
});

type Spec = Parameters<Standin['sendInteraction']>[0];

/** The answer as the member sees it: the callback, or after a defer the edited @original. */
const send = async (spec: Spec, settled: (m: APIMessage) => boolean = () => true): Promise<{ data: CallbackData; original: () => Promise<APIMessage> }> => {
  const handle = standin.sendInteraction(spec);
  const body = await handle.callback;
  const original = () => handle.waitForOriginal((m) => ((m.flags ?? 0) & 128) === 0 && settled(m), 10_000);
  if (body.type !== CALLBACK.DEFERRED && body.type !== CALLBACK.DEFERRED_UPDATE) return { data: (body.data ?? {}) as CallbackData, original };
  return { data: (await original()) as unknown as CallbackData, original };
};
const text = (data: CallbackData): string => markdownText(data).join('\n');

const edit = (subcommand: string, options: Record<string, string | number | boolean>, group?: string): Spec =>
  ({ kind: 'chatInput', name: 'edit', ...(group ? { subcommandGroup: group } : {}), subcommand, options, guildId: EDITORS, userId: editor, channelId: standin.channelByName(EDITORS, 'editing')!.id }) as Spec;

/** Preview, then Confirm: the change's journal id. */
const confirmed = async (spec: Spec): Promise<number> => {
  const preview = await send(spec);
  expect((preview.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  const ids = (preview.data.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id ?? ''));
  const confirm = ids.find((id) => id.startsWith('edit:confirm:'));
  expect(confirm, text(preview.data)).toBeDefined();
  const saved = await send({ ...(edit('x', {}) as object), kind: 'button', customId: confirm, message: await preview.original() } as Spec, (m) => !(m.embeds[0]?.title ?? '').startsWith('Preview'));
  const id = /Saved as change #(\d+)/.exec(text(saved.data));
  expect(id, text(saved.data)).not.toBeNull();
  return Number(id![1]);
};

/** A refused change: the private reason, and no Confirm button. */
const refusal = async (spec: Spec): Promise<string> => {
  const answer = await send(spec);
  expect((answer.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  expect((answer.data.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id ?? '')).some((id) => id.startsWith('edit:confirm:'))).toBe(false);
  return text(answer.data);
};

const fixture = (round: string, home: string, away: string, date: string, time: string) =>
  confirmed(edit('fixture', { season: CUP, round, home, away, date, time, source: SOURCE }));
const result = (match: string, home: number, away: number) => confirmed(edit('result', { match: `${CUP}/${match}`, home, away, source: SOURCE }));

/** Sent posts in all (the bot's log), after waiting for `count`. */
let expected = 0;
const sent = async (more: number, what: string): Promise<void> => {
  expected += more;
  await bot.waitForSent(expected, what);
};
const titles = (name: string): string[] => posts(standin, channel.get(name)!).map((m) => m.embeds[0]?.title ?? m.content ?? '');

/** The fan's /fixtures line of the final's second leg, in `locale`. */
const finalLine = async (locale: string): Promise<string> => {
  const { data } = await send({ kind: 'chatInput', name: 'fixtures', guildId: GUILD_ID, locale, options: { competition: CUP, team: ZAMALEK, when: 'all' } } as Spec);
  const lines = text(data).split('\n');
  // The second leg is the last Zamalek v Pyramids line (the first leg is Pyramids v Zamalek), with its marker line (↳) if any.
  const at = lines.findLastIndex((l) => /Zamalek.*Pyramids/.test(l));
  expect(at, text(data)).toBeGreaterThanOrEqual(0);
  const next = lines[at + 1] ?? '';
  return next.startsWith('↳') ? `${lines[at]!} ${next}` : lines[at]!;
};

let clResult: number;
const isUpdate = (l: { readonly msg?: unknown }): boolean => typeof l.msg === 'string' && l.msg.startsWith('season updated from its source');

describe('a polled source and an edit (set up first: the source is polled on wall time)', () => {
  test('an editor saves the final second leg 2-0; the source then publishes 1-0 with its scorer', async () => {
    await bot.waitForLog((l) => l.msg === 'season source polled' && l.season === CL, 10_000, 'the source started');
    await expect.poll(() => source.requests.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    clResult = await confirmed(edit('result', { match: `${CL}/F-L2`, home: 2, away: 0, source: 'https://example.org/report' }));
    const published = clSeasonFile();
    matchOf(published, 'F-L2').goals = [{ team: 'Al Ahly SC', player: 'Reda Slim', minute: '84', type: 'regular' }];
    published.champion = null;
    source.serve({ body: served(published), etag: '"v2"' });
  }, 30_000);
});

describe('a season built from a template with /edit season new and /edit fixture, played to its final', () => {
  test('semi-finals: previews, results entered by editors, full-time posts and recaps', async () => {
    expect(await confirmed(edit('new', { id: CUP, competition: 'Test Cup', label: '2026', format: 'knockout-8', source: SOURCE }, 'season'))).toBeGreaterThan(0);
    await fixture('SF-L1', 'Pyramids FC', 'Mamelodi Sundowns', '2026-04-18', '16:00');
    await fixture('SF-L1', 'Zamalek', 'Simba SC', '2026-04-18', '19:00');
    await fixture('SF-L2', 'Mamelodi Sundowns', 'Pyramids FC', '2026-04-25', '16:00');
    await fixture('SF-L2', 'Simba SC', 'Zamalek', '2026-04-25', '19:00');
    // The channels are set up once the bot has planned the rounds with every fixture (a fixture added to a
    // round planned before is news to the channels following it then: a "moved" notice).
    await expect.poll(() => readRows(databasePath, "select fingerprint from announcement_rounds where season_id = ? and fingerprint like '%SF-T02-L2%'", CUP).length, { timeout: 10_000 }).toBe(1);

    expect((await announceAsManager(standin, 'set', { channel: channel.get('matchday')!, competition: CUP, results: 'round', leads: '24h' })).content).toContain('recap');
    for (const [name, team] of [['pyramids', PYRAMIDS], ['zamalek', ZAMALEK], ['simba', SIMBA]] as const) {
      const reply = await announceAsManager(standin, 'set', { channel: channel.get(name)!, competition: CUP, team, results: 'each', goals: true, leads: '24h' });
      expect(reply.content).toContain('a post per match at full time');
    }

    // First legs: the previews a day ahead (16:00 for the round and Pyramids' match, 19:00 for Zamalek v Simba).
    await bot.advanceTo('2026-04-17T16:00:00Z');
    await sent(2, 'the round and Pyramids previews');
    await bot.advanceTo('2026-04-17T19:00:00Z');
    await sent(2, 'the Zamalek and Simba previews');
    await bot.advanceTo('2026-04-18T21:00:00Z');
    await result('SF-T01-L1', 2, 0);
    await sent(1, 'Pyramids full time');
    await result('SF-T02-L1', 1, 1);
    await sent(3, 'the Zamalek and Simba full time, the round recap');

    await bot.advanceTo('2026-04-24T16:00:00Z');
    await sent(2, 'second-leg previews (round, Pyramids)');
    await bot.advanceTo('2026-04-24T19:00:00Z');
    await sent(2, 'second-leg previews (Zamalek, Simba)');
    await bot.advanceTo('2026-04-25T21:00:00Z');
    await result('SF-T01-L2', 1, 1);
    await sent(1, 'Pyramids second-leg full time');
    await result('SF-T02-L2', 0, 2);
    await sent(3, 'Zamalek and Simba second-leg full time, the recap');

    expect(titles('simba'), titles('simba').join('\n')).toHaveLength(4);
    expect(posts(standin, channel.get('pyramids')!).at(-1)!.embeds.map((e) => messageText({ ...posts(standin, channel.get('pyramids')!).at(-1)!, embeds: [e] })).join('\n')).toMatch(/Pyramids FC through, 3–1 on aggregate/);
  }, 120_000);

  test('the final added once the semi-finals are over gets its previews; its first leg its recap', async () => {
    await fixture('F-L1', 'Pyramids FC', 'Zamalek', '2026-05-09', '19:00');
    await fixture('F-L2', 'Zamalek', 'Pyramids FC', '2026-05-16', '19:00');
    await bot.advanceTo('2026-05-08T19:00:00Z');
    await sent(3, 'the final first-leg previews');
    await bot.advanceTo('2026-05-09T21:00:00Z');
    await result('F-T01-L1', 0, 0);
    await sent(3, 'the final first-leg full time and recap');
    await bot.advanceTo('2026-05-15T19:00:00Z');
    await sent(3, 'the final second-leg previews');
    // Simba are out: nothing about the final reaches their channel.
    expect(titles('simba'), titles('simba').join('\n')).toHaveLength(4);
  }, 60_000);

  test('goals while the final is played: alerts to both finalists, in progress in /fixtures, no full time before the result; undo corrects', async () => {
    // Meanwhile (wall time) the source's first disagreeing update is in: it updates again, still disagreeing.
    await bot.waitForLog(isUpdate, (EVERY_S + 5) * 1_000, 'the source update');
    const again = clSeasonFile();
    matchOf(again, 'F-L2').goals = [{ team: 'Al Ahly SC', player: 'Reda Slim', minute: '84', type: 'regular' }];
    matchOf(again, 'F-L1').kickoff = '2024-05-18T19:00:00Z';
    again.champion = null;
    source.serve({ body: served(again), etag: '"v3"' });

    await bot.advanceTo('2026-05-16T19:20:00Z');
    expect(await finalLine('fr')).not.toMatch(/\d–\d/);
    // Before its result a goal is accepted once the match has kicked off; validation still holds.
    expect(await refusal(edit('goal', { match: `${CUP}/F-T01-L2`, team: 'Simba SC', player: 'X', minute: '17', source: SOURCE }))).toMatch(/not playing|No club of this match/);
    expect(await refusal(edit('goal', { match: `${CUP}/F-T01-L2`, team: 'Zamalek', player: 'X', minute: '200', source: SOURCE }))).toMatch(/after the end of a match/);
    await confirmed(edit('goal', { match: `${CUP}/F-T01-L2`, team: 'Zamalek', player: 'Nasser Mansi', minute: '17', source: SOURCE }));
    await sent(2, 'the goal alert in both finalists’ channels');
    for (const name of ['pyramids', 'zamalek']) {
      const alert = messageText(posts(standin, channel.get(name)!).at(-1)!);
      expect(alert).toContain('Goal');
      expect(alert).toMatch(/17' Nasser Mansi \(Zamalek\): Zamalek \*\*1–0\*\* Pyramids FC/);
    }
    expect(titles('matchday').some((t) => t.startsWith('Goal'))).toBe(false);
    expect(titles('simba'), titles('simba').join('\n')).toHaveLength(4);
    // The fan sees the match in progress with the score so far, in French; not a result in bold.
    const fr = await finalLine('fr');
    expect(fr).toContain('en cours');
    expect(fr).toContain('1–0');
    expect(fr).not.toContain('**1–0**');
    expect(await finalLine('en-GB')).toContain('in progress');

    // A wrong goal, then its undo: the alert is followed by a correction with the score so far.
    await bot.advanceTo('2026-05-16T19:50:00Z');
    const wrong = await confirmed(edit('goal', { match: `${CUP}/F-T01-L2`, team: 'Pyramids FC', player: 'Fiston Mayele', minute: '45+1', source: SOURCE }));
    await sent(2, 'the second goal alert');
    expect(messageText(posts(standin, channel.get('zamalek')!).at(-1)!)).toMatch(/Zamalek \*\*1–1\*\* Pyramids FC/);
    const undone = await send(edit('undo', { change: wrong }));
    expect(text(undone.data)).toContain(`Change #${wrong} undone`);
    await sent(2, 'the corrections');
    for (const name of ['pyramids', 'zamalek']) {
      const correction = messageText(posts(standin, channel.get(name)!).at(-1)!);
      expect(correction).toMatch(/no longer stands\. Now: Zamalek \*\*1–0\*\* Pyramids FC \(in progress\)/);
    }

    // Past full time with no result: no full-time post, no recap; the match is still in progress.
    await bot.advanceTo('2026-05-16T21:40:00Z');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(bot.lines.filter((l) => l.msg === 'announcement sent' || l.msg === 'announcement sent late')).toHaveLength(expected);
    expect(await finalLine('en-GB')).toContain('in progress');

    // The result must agree with the goals saved.
    expect(await refusal(edit('result', { match: `${CUP}/F-T01-L2`, home: 0, away: 0, source: SOURCE }))).toMatch(/1 goals are recorded for Zamalek, more than the 0/);
    await result('F-T01-L2', 1, 0);
    await sent(3, 'the final full time in both channels and the recap');
    expect(messageText(posts(standin, channel.get('zamalek')!).at(-1)!)).toMatch(/Zamalek win the Test Cup, 1–0 on aggregate/);
    expect(await finalLine('en-GB')).toContain('**1–0**');
    expect(await finalLine('en-GB')).not.toContain('in progress');

    // Each channel got what it follows, once.
    const matchday = titles('matchday');
    expect(matchday).toHaveLength(8);
    expect(new Set(matchday).size).toBe(8);
    expect(titles('pyramids')).toHaveLength(11);
    expect(titles('zamalek')).toHaveLength(11);
    expect(titles('simba'), titles('simba').join('\n')).toHaveLength(4);
  }, 90_000);
});

describe('the polled source disagreeing with the edit', () => {
  test('the edit is kept, /edit log shows the conflict, one notice in the editor channel even after another update', async () => {
    const notice = await standin.waitFor(() => standin.messages(notices).at(-1), 10_000, 'the editor notice');
    const all = standin.messages(notices).map((m) => messageText(m)).join('\n---\n');
    expect(notice.embeds[0]?.fields?.[0]?.value ?? '', all).toBe(`The source says 1–0; the edit (change #${clResult}) keeps 2–0.`);
    const log = text((await send(edit('log', { match: `${CL}/F-L2` }))).data);
    expect(log).toContain('Conflicts: 1');
    const { data } = await send({ kind: 'chatInput', name: 'fixtures', guildId: GUILD_ID, options: { competition: CL, stage: 'final', when: 'all' } } as Spec);
    expect(text(data)).toMatch(/Al Ahly SC \*\*2–0\*\* Espérance de Tunis/);

    // The source's second update (a kickoff, served during the final), still disagreeing: imported, and no second notice.
    await expect.poll(() => bot.lines.filter(isUpdate).length, { timeout: (EVERY_S + 5) * 1_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(standin.messages(notices), standin.messages(notices).map((m) => messageText(m)).join('\n---\n')).toHaveLength(1);
    expect(text((await send(edit('log', { match: `${CL}/F-L2` }))).data)).toContain('Conflicts: 1');
  }, (EVERY_S + 20) * 1_000);
});
