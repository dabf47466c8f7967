import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { APIMessage } from 'discord.js';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EPHEMERAL, GUILD_ID, limitViolations, makeTempDir, markdownText, startTestStandin, TEST_TOKEN, type CallbackData } from '../e2e/harness.js';
import { startInProcessBot, stopInProcessBots, type InProcessBot } from '../e2e/in-process-bot.js';

// /edit end to end: the whole bot in-process, real discord.js against the stand-in, a real SQLite
// file. Fans' commands are global; /edit lives in the editor server only. An editor's result is
// previewed, confirmed and shown by /fixtures at once; Cancel, other servers, members without the
// role and bad input change nothing (no journal row); undo restores the file's value.

const EDITORS = '1100000000000000077';
const OTHER = '1100000000000000088';
const SEASON = 'caf-cc-2023-24';
// Arta Solar 3–0 Horseed in the file, with no scorers recorded: a result an editor may correct.
const MATCH = `${SEASON}/R1-T02-L1`;
const CALLBACK = { MESSAGE: 4, DEFERRED: 5, DEFERRED_UPDATE: 6, UPDATE: 7, AUTOCOMPLETE: 8 } as const;
const SOURCE = 'https://example.org/match-report';

let standin: Standin;
let bot: InProcessBot;
let databasePath: string;
let seasonFile: string;
let env: Record<string, string | undefined>;
let editorRole: string;
let editor: string;
let secondEditor: string;
let memberWithoutRole: string;
let outsider: string;
let noticesChannel: string;

beforeAll(async () => {
  standin = await startTestStandin({
    guilds: [
      { id: GUILD_ID, name: 'Fans', channels: [{ name: 'general' }] },
      { id: EDITORS, name: 'Editors', channels: [{ name: 'editing' }, { name: 'notices' }] },
      { id: OTHER, name: 'Another server', channels: [{ name: 'general' }] },
    ],
  });
  editorRole = standin.addRole(EDITORS, { name: 'Editor' }).id;
  editor = standin.addUser({ username: 'ed', globalName: 'Editor One' }).id;
  secondEditor = standin.addUser({ username: 'ed2', globalName: 'Editor Two' }).id;
  memberWithoutRole = standin.addUser({ username: 'member' }).id;
  outsider = standin.addUser({ username: 'admin-elsewhere' }).id;
  standin.addMember(EDITORS, editor, [editorRole]);
  standin.addMember(EDITORS, secondEditor, [editorRole]);
  standin.addMember(EDITORS, memberWithoutRole);
  standin.addMember(OTHER, outsider);
  standin.addMember(OTHER, editor, []);
  noticesChannel = standin.channelByName(EDITORS, 'notices')!.id;
  const dir = makeTempDir();
  databasePath = join(dir, 'bot.sqlite');
  // A copy of the shipped file: the last test changes it under an edit, as a source update would.
  seasonFile = join(dir, `${SEASON}.json`);
  copyFileSync(`data/seasons/${SEASON}.json`, seasonFile);
  env = {
    // Fans' commands globally, as in production; /edit in the editor server only.
    DISCORD_GUILD_ID: undefined,
    SEASON_FILES: seasonFile,
    EDITOR_GUILD_ID: EDITORS,
    EDITOR_ROLE_ID: editorRole,
    EDITOR_CHANNEL_ID: noticesChannel,
  };
  bot = await startInProcessBot(standin, { databasePath, extra: env });
}, 60_000);

afterAll(async () => {
  await stopInProcessBots();
  if (bot) expect(bot.output()).not.toContain(TEST_TOKEN);
  // Every route the bot called (guild command sync, deferred updates, the notices' channel read) exists.
  expect(standin?.unknownRoutes ?? []).toEqual([]);
  await standin?.close();
});

/** Rows of the journal, read from the bot's own database file (WAL: a reader sees every commit). */
const journalRows = (): number => {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select count(*) as n from edit_journal').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

type Spec = Parameters<Standin['sendInteraction']>[0];

const asEditor = (spec: Record<string, unknown>, who = () => editor): Spec =>
  ({ guildId: EDITORS, userId: who(), channelId: standin.channelByName(EDITORS, 'editing')!.id, ...spec }) as Spec;

const edit = (subcommand: string, options: Record<string, string | number | boolean>, extra: Record<string, unknown> = {}): Spec =>
  asEditor({ kind: 'chatInput', name: 'edit', subcommand, options, ...extra });

/** The answer as the member sees it: the callback, or after a defer the edited @original. */
const send = async (
  spec: Spec,
  /** After a deferred update, the @original once it is no longer the message the button was on. */
  settled: (m: APIMessage) => boolean = () => true,
): Promise<{ type: number; data: CallbackData; message: () => Promise<APIMessage>; handle: ReturnType<Standin['sendInteraction']> }> => {
  const handle = standin.sendInteraction(spec);
  const body = await handle.callback;
  const message = () => handle.waitForOriginal((m) => ((m.flags ?? 0) & 128) === 0 && settled(m), 10_000);
  if (body.type !== CALLBACK.DEFERRED && body.type !== CALLBACK.DEFERRED_UPDATE) return { type: body.type, data: (body.data ?? {}) as CallbackData, message, handle };
  const original = await message();
  return { type: body.type, data: original as unknown as CallbackData, message, handle };
};

const text = (data: CallbackData): string => markdownText(data).join('\n');

const expectPrivate = (data: CallbackData): void => {
  expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  expect(limitViolations(data)).toEqual([]);
};

/** The fan's view: /fixtures for Arta Solar in the fans' server, the line of the match. */
const fanLine = async (): Promise<string> => {
  const { data } = await send({ kind: 'chatInput', name: 'fixtures', guildId: GUILD_ID, options: { team: 'arta-solar', when: 'all' } });
  const line = text(data)
    .split('\n')
    .find((l) => l.includes('Arta Solar') && l.includes('Horseed'));
  expect(line, text(data)).toBeDefined();
  return line!;
};

const press = (customId: string, message: APIMessage, who = () => editor): Promise<Awaited<ReturnType<typeof send>>> =>
  send(asEditor({ kind: 'button', customId, message }, who), (m) => !(m.embeds[0]?.title ?? '').startsWith('Preview'));

const previewOf = async (spec: Spec) => {
  const answer = await send(spec);
  expect(answer.type, text(answer.data)).toBe(CALLBACK.MESSAGE);
  expectPrivate(answer.data);
  const ids = (answer.data.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id ?? ''));
  const confirm = ids.find((id) => id.startsWith('edit:confirm:'));
  const cancel = ids.find((id) => id.startsWith('edit:cancel:'));
  expect(confirm && cancel, text(answer.data)).toBeTruthy();
  return { ...answer, confirm: confirm!, cancel: cancel!, original: await answer.message() };
};

describe('registration', () => {
  test('/edit is registered in the editor server only; the fans\' commands are global', () => {
    expect(standin.commands().map((c) => c.name)).not.toContain('edit');
    expect(standin.commands().map((c) => c.name)).toContain('fixtures');
    expect(standin.commands(EDITORS).map((c) => c.name)).toEqual(['edit']);
    expect(standin.commands(GUILD_ID)).toEqual([]);
    expect(standin.commands(OTHER)).toEqual([]);
  });
});

describe('an editor corrects a result', () => {
  test('preview, Confirm: saved as change #1, and /fixtures shows it at once; undo restores the file\'s score', async () => {
    expect(await fanLine()).toContain('3–0');
    const rowsBefore = journalRows();

    const preview = await previewOf(edit('result', { match: MATCH, home: 3, away: 1, source: SOURCE }));
    expect(text(preview.data)).toContain('Preview · Result');
    expect(text(preview.data)).toContain(SOURCE);
    expect(journalRows()).toBe(rowsBefore);

    const saved = await press(preview.confirm, preview.original);
    expect(text(saved.data)).toMatch(/Saved as change #\d+/);
    expect(journalRows()).toBe(rowsBefore + 1);
    expect(await fanLine()).toContain('3–1');

    const id = Number(/#(\d+)/.exec(text(saved.data))![1]);
    const log = await send(edit('log', { match: MATCH }));
    expectPrivate(log.data);
    expect(text(log.data)).toContain(`#${id} · Result`);
    expect(text(log.data)).toContain('Editor One');
    expect(text(log.data)).toContain(SOURCE);

    const undone = await send(edit('undo', { change: id }));
    expect(text(undone.data)).toContain(`Change #${id} undone: saved as change #`);
    expect(journalRows()).toBe(rowsBefore + 2);
    expect(await fanLine()).toContain('3–0');
    const after = await send(edit('log', { match: MATCH }));
    expect(text(after.data)).toContain(`undone by #`);

    // The same change cannot be undone twice.
    const twice = await send(edit('undo', { change: id }));
    expectPrivate(twice.data);
    expect(text(twice.data)).toMatch(/not undone/);
    expect(journalRows()).toBe(rowsBefore + 2);
  }, 60_000);

  test('Cancel saves nothing, and its Confirm no longer works', async () => {
    const rows = journalRows();
    const preview = await previewOf(edit('result', { match: MATCH, home: 5, away: 0, source: SOURCE }));
    const cancelled = await press(preview.cancel, preview.original);
    expect(cancelled.type).toBe(CALLBACK.UPDATE);
    expect(text(cancelled.data)).toContain('Nothing was saved');
    const late = await press(preview.confirm, preview.original);
    expectPrivate(late.data);
    expect(text(late.data)).toMatch(/expired or was already answered/);
    expect(journalRows()).toBe(rows);
    expect(await fanLine()).toContain('3–0');
  }, 30_000);

  test('another editor cannot confirm someone else\'s preview', async () => {
    const rows = journalRows();
    const preview = await previewOf(edit('result', { match: MATCH, home: 4, away: 0, source: SOURCE }));
    const stolen = await press(preview.confirm, preview.original, () => secondEditor);
    expectPrivate(stolen.data);
    expect(text(stolen.data)).toMatch(/Only the editor who asked/);
    expect(journalRows()).toBe(rows);
    await press(preview.cancel, preview.original);
  }, 30_000);
});

describe('who may edit', () => {
  test.each([
    ['a member of the editor server without the role', () => ({ guildId: EDITORS, userId: memberWithoutRole }), /editor role/],
    ['an editor in another server (with Manage Server there)', () => ({ guildId: OTHER, userId: editor, memberPermissions: '32', channelId: undefined }), /editor server/],
    ['a server admin of the fans\' server', () => ({ guildId: GUILD_ID, userId: outsider, memberPermissions: '8', channelId: undefined }), /editor server/],
  ])('%s is refused privately, and nothing is saved', async (_label, who, reason) => {
    const rows = journalRows();
    const spec: Record<string, unknown> = { kind: 'chatInput', name: 'edit', subcommand: 'result', options: { match: MATCH, home: 9, away: 9, source: SOURCE }, ...who() };
    if (spec.channelId === undefined) delete spec.channelId;
    const { data } = await send(spec as Spec);
    expectPrivate(data);
    expect(text(data)).toMatch(reason);
    expect(text(data)).toContain('Nothing was changed');
    expect(journalRows()).toBe(rows);
  }, 30_000);

  test('a member given the editor role while the bot runs may edit at once', async () => {
    const late = standin.addUser({ username: 'late-editor' }).id;
    standin.addMember(EDITORS, late, [editorRole]);
    const { data } = await send(edit('log', { season: SEASON }, { userId: late }));
    expectPrivate(data);
    expect(text(data)).toContain('Edit log');
  }, 30_000);

  test('the refusal speaks the member\'s language', async () => {
    const { data } = await send(edit('log', {}, { userId: memberWithoutRole, locale: 'fr' }));
    expectPrivate(data);
    expect(text(data)).toBe('Seuls les membres ayant le rôle d’éditeur peuvent utiliser /edit. Rien n’a été modifié.');
  }, 30_000);

  test('a member without the role cannot press an editor\'s Confirm either', async () => {
    const rows = journalRows();
    const preview = await previewOf(edit('result', { match: MATCH, home: 6, away: 0, source: SOURCE }));
    const refused = await press(preview.confirm, preview.original, () => memberWithoutRole);
    expectPrivate(refused.data);
    expect(text(refused.data)).toMatch(/editor role/);
    expect(journalRows()).toBe(rows);
    await press(preview.cancel, preview.original);
  }, 30_000);

  test('autocomplete answers editors with matches across seasons, and anyone else with nothing', async () => {
    const spec = { kind: 'autocomplete', name: 'edit', subcommand: 'result', options: { match: 'arta hor' }, focused: 'match' };
    const forEditor = await send(asEditor(spec));
    expect(forEditor.type).toBe(CALLBACK.AUTOCOMPLETE);
    expect((forEditor.data.choices ?? []).map((c) => c.value)).toContain(MATCH);
    expect((forEditor.data.choices ?? []).length).toBeLessThanOrEqual(25);
    const final = await send(asEditor({ ...spec, options: { match: 'zam ber final 2' } }));
    expect(final.data.choices?.[0]?.value).toBe(`${SEASON}/F-L2`);
    const forMember = await send(asEditor(spec, () => memberWithoutRole));
    expect(forMember.data.choices).toEqual([]);
  }, 30_000);
});

describe('bad input: a clear private message and no journal row', () => {
  test.each([
    ['a score out of range (a forged payload)', 'result', { match: MATCH, home: 200, away: 0, source: SOURCE }, /home.*0 to 99/],
    ['an unknown match', 'result', { match: 'nothing like this', home: 1, away: 0, source: SOURCE }, /No match .* fits/],
    ['an empty source', 'result', { match: MATCH, home: 1, away: 0, source: '   ' }, /source.*empty/],
    ['penalties after a score that is not level', 'result', { match: MATCH, home: 2, away: 1, source: SOURCE, penalties: '4-3' }, /Penalties follow a level score/],
    ['a club not in the match', 'goal', { match: MATCH, team: 'Zamalek', player: 'Someone', minute: '12', source: SOURCE }, /No club of this match matches "Zamalek"/],
    ['more goals than the score', 'goal', { match: MATCH, team: 'Horseed', player: 'Someone', minute: '12', source: SOURCE }, /one more would be more than the score/],
    ['minute 200', 'goal', { match: MATCH, team: 'Arta Solar', player: 'Someone', minute: '200', source: SOURCE }, /Minute 200 is after the end of a match/],
    ['a minute that is not a number', 'goal', { match: MATCH, team: 'Arta Solar', player: 'Someone', minute: 'abc', source: SOURCE }, /"abc" is not a minute/],
    ['a kickoff that is not a time', 'kickoff', { match: MATCH, at: 'next tuesday', source: SOURCE }, /"next tuesday" is not a kickoff time/],
    ['an awarded match without its score', 'status', { match: MATCH, status: 'awarded', source: SOURCE }, /score the match was awarded at/],
    ['a fixture on a date that is not a date', 'fixture', { season: SEASON, round: 'R2-L1', home: 'Zamalek', away: 'RS Berkane', date: 'soon-ish!!', source: SOURCE }, /"soon-ish!!" is not a date/],
  ])('%s', async (_label, subcommand, options, reason) => {
    const rows = journalRows();
    const { data } = await send(edit(subcommand, options as Record<string, string | number>));
    expectPrivate(data);
    expect(text(data)).toMatch(reason);
    expect(journalRows()).toBe(rows);
  }, 30_000);

  test('a source full of markup and mentions is shown as text in the preview, and pings no one', async () => {
    const hostile = '@everyone <@&1100000000000000099> **bold** [link](https://evil.example) `code`';
    const preview = await previewOf(edit('result', { match: MATCH, home: 3, away: 1, source: hostile }));
    const shown = preview.data.embeds?.[0]?.fields?.find((f) => f.name === 'Source')?.value ?? '';
    expect(shown).not.toMatch(/(?<!\\)\*\*bold/);
    expect(shown).toContain('@\u200beveryone');
    // The house's escape breaks mention syntax with a backslash: `\<@&…` renders as text.
    expect(shown).not.toMatch(/(?<!\\)<@&/);
    expect(preview.data.allowed_mentions).toEqual({ parse: [] });
    await press(preview.cancel, preview.original);
  }, 30_000);

  test('undo of a change that does not exist', async () => {
    const rows = journalRows();
    const { data } = await send(edit('undo', { change: 999_999 }));
    expectPrivate(data);
    expect(text(data)).toMatch(/#999999 was not undone/);
    expect(journalRows()).toBe(rows);
  }, 30_000);
});

describe('a season from a template, filled from Discord', () => {
  test('/edit season new, then /edit fixture: the new match is in /fixtures of that season at once', async () => {
    const rows = journalRows();
    const format = await send(asEditor({ kind: 'autocomplete', name: 'edit', subcommandGroup: 'season', subcommand: 'new', options: { format: 'knock' }, focused: 'format' }));
    expect((format.data.choices ?? []).map((c) => c.value)).toContain('knockout-8');

    const season = await previewOf(
      asEditor({
        kind: 'chatInput',
        name: 'edit',
        subcommandGroup: 'season',
        subcommand: 'new',
        options: { id: 'test-cup-2027', competition: 'Test Cup', label: '2027', format: 'knockout-8', source: SOURCE },
      }),
    );
    expect(text((await press(season.confirm, season.original)).data)).toMatch(/Saved as change #\d+/);

    const round = await send(asEditor({ kind: 'autocomplete', name: 'edit', subcommand: 'fixture', options: { season: 'test-cup-2027', round: 'QF' }, focused: 'round' }));
    expect((round.data.choices ?? []).map((c) => c.value)).toContain('QF-L1');
    const fixture = await previewOf(
      edit('fixture', { season: 'test-cup-2027', round: 'QF-L1', home: 'Zamalek', away: 'RS Berkane', date: '2027-03-28', time: '19:00', source: SOURCE }),
    );
    expect(text((await press(fixture.confirm, fixture.original)).data)).toMatch(/Saved as change #\d+/);
    expect(journalRows()).toBe(rows + 2);

    const { data } = await send({ kind: 'chatInput', name: 'fixtures', guildId: GUILD_ID, options: { competition: 'test-cup-2027', when: 'all' } });
    expect(text(data)).toMatch(/Zamalek.*RS Berkane/);
  }, 60_000);
});

describe('restarts and a source that disagrees', () => {
  test('an edit survives a restart; a file that now says otherwise keeps the edit and posts one notice to the editors', async () => {
    const preview = await previewOf(edit('result', { match: MATCH, home: 3, away: 2, source: SOURCE }));
    const saved = await press(preview.confirm, preview.original);
    const id = Number(/#(\d+)/.exec(text(saved.data))![1]);
    // A preview left waiting when the bot stops is dropped: its Confirm after the restart saves nothing.
    const waiting = await previewOf(edit('result', { match: MATCH, home: 7, away: 7, source: SOURCE }));
    await bot.stop();

    // The season's source changes its score for that match while the bot is down.
    const file = JSON.parse(readFileSync(seasonFile, 'utf8')) as { matches: { id: string; score: unknown }[] };
    file.matches.find((m) => m.id === 'R1-T02-L1')!.score = { home: 4, away: 0 };
    writeFileSync(seasonFile, JSON.stringify(file, null, 2));
    bot = await startInProcessBot(standin, { databasePath, extra: env });

    expect(await fanLine()).toContain('3–2');
    const rows = journalRows();
    const stale = await press(waiting.confirm, waiting.original);
    expect(text(stale.data)).toMatch(/expired or was already answered/);
    expect(journalRows()).toBe(rows);
    expect(await fanLine()).toContain('3–2');
    const notice = await standin.waitFor(() => standin.messages(noticesChannel).at(-1), 10_000, 'the editor notice');
    const field = notice.embeds[0]?.fields?.[0]?.value ?? '';
    expect(field).toBe(`The source says 4–0; the edit (change #${id}) keeps 3–2.`);
    expect(notice.mentions).toEqual([]);
    const log = await send(edit('log', { match: MATCH }));
    expect(text(log.data)).toContain('Conflicts: 1');

    // Another restart with the same disagreement: no second notice.
    await bot.stop();
    bot = await startInProcessBot(standin, { databasePath, extra: env });
    const checked = await bot.waitForLog((line) => line.msg === 'editor notices checked', 10_000, 'the notices check');
    expect(checked).toMatchObject({ conflicts: 1, fresh: 0 });
    expect(standin.messages(noticesChannel)).toHaveLength(1);
  }, 90_000);
});

describe('the journal', () => {
  test('an undo that later changes depend on lists them; the log pages through every change', async () => {
    const ids: number[] = [];
    for (const hour of [12, 13, 14, 15, 16, 17]) {
      const preview = await previewOf(edit('kickoff', { match: MATCH, at: `2023-08-19 ${hour}:00 UTC`, source: SOURCE }));
      ids.push(Number(/#(\d+)/.exec(text((await press(preview.confirm, preview.original)).data))![1]));
    }
    const rows = journalRows();
    const refused = await send(edit('undo', { change: ids[0]! }));
    expectPrivate(refused.data);
    expect(text(refused.data)).toMatch(new RegExp(`Change #${ids[0]} was not undone: .*Undo these first, newest first: #${ids[5]} \\(kickoff`));
    for (const later of ids.slice(1)) expect(text(refused.data)).toContain(`#${later} (kickoff`);
    expect(journalRows()).toBe(rows);

    const log = await send(edit('log', { season: SEASON }));
    expectPrivate(log.data);
    const first = text(log.data);
    expect(first).toContain(`#${ids[5]} · Kickoff`);
    const next = (log.data.components ?? []).flatMap((r) => r.components).find((c) => c.label === '▶');
    expect(next?.disabled ?? false).toBe(false);
    const page2 = await press(next!.custom_id!, await log.message());
    expect(page2.type).toBe(CALLBACK.UPDATE);
    expect(limitViolations(page2.data)).toEqual([]);
    expect(text(page2.data)).not.toContain(`#${ids[5]} · Kickoff`);
    expect((page2.data.components ?? []).flatMap((r) => r.components).some((c) => /^page 2\/\d+$/.test(c.label ?? ''))).toBe(true);
    expect(text(page2.data)).toMatch(/#\d+ · /);

    // Newest first, the undo goes through.
    const undone = await send(edit('undo', { change: ids[5]! }));
    expect(text(undone.data)).toContain(`Change #${ids[5]} undone`);
  }, 90_000);
});
