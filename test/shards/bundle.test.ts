// The bundled entry `npm run build` writes to dist/index.js (src/tools/bundle.ts), run as `npm start`
// runs it: in one process, and as the sharding manager whose shard processes run the same bundle.
// (The other e2e files run the same bundle as built for the run by test/support/build-bot.ts; this one
// bundles again to check the bundle itself: its imports, its text, its shards.)
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Standin } from 'discord-standin';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { asciiOnly, bundleBot, CHUNKS_DIR, EXTERNAL_PACKAGES, LOCALES_DIR } from '../../src/tools/bundle.js';
import { botEnv, isReadyLine, makeTempDir, REPO_ROOT, spawnBot, startTestStandin, stopAll, type CallbackData } from '../e2e/harness.js';
import { httpRequest, parseExposition, valueOf } from '../observability/support.js';

/** (id >> 22) % 2 is the low bit of the timestamp part: one guild per shard of two. */
const ON_SHARD_0 = ((2n ** 40n) << 22n).toString();
const ON_SHARD_1 = ((2n ** 40n + 1n) << 22n).toString();

// Inside the per-run package root, so the bundle finds package.json, drizzle/ and data/ as dist/ does.
const BUNDLE = join(inject('botBuildRoot'), 'bundle', 'index.js');

let metafile: Metafile;

beforeAll(async () => {
  metafile = await bundleBot(BUNDLE, join(REPO_ROOT, 'src', 'index.ts'));
}, 60_000);

afterAll(async () => {
  await stopAll();
});

describe('asciiOnly: a non-ASCII character as an escape means the same in every place the bundle has one', () => {
  test.each([
    ['a dash class', String.raw`/^\d{4}[–-]\d{2}$/.test('2023–24')`],
    ['a range of dashes', String.raw`'a‐b―c−d'.replace(/[‐-―−]/g, '-')`],
    ['a u-flag class with letters', String.raw`/^[\p{L} .’]+$/u.test('l’Espérance de Tunis')`],
    ['a character outside the BMP in a u-flag class', String.raw`/^[⚽😀]+$/u.test('😀⚽')`],
    ['a string and a template', '`الأهلي ${"é"}`'],
    ['an identifier', '{ const café = 1; café + 1 }'],
  ])('%s', (_label, source) => {
    const escaped = asciiOnly(source);
    expect(escaped).toMatch(/^[\x00-\x7f]*$/);
    expect(escaped).not.toBe(source);
    // eslint-disable-next-line no-eval -- the point is that both texts run to the same value
    expect((0, eval)(escaped)).toEqual((0, eval)(source));
  });
});

/** The text of every JavaScript file the bundle wrote: the entry and its chunks. */
const bundleTexts = (): string[] =>
  Object.keys(metafile.outputs)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(resolve(file), 'utf8'));

/**
 * The inputs a start on SQLite without HTTP_PORT reads: the entry, the two modules it always imports
 * (app.ts, the commands) and every chunk these import statically.
 */
const inputsAStartReads = (): Set<string> => {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const always = new Set(['src/index.ts', 'src/app.ts', 'src/discord/commands/index.ts']);
  const queue = outputs.filter(([, output]) => output.entryPoint !== undefined && always.has(output.entryPoint)).map(([file]) => file);
  expect(queue).toHaveLength(always.size);
  const read = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (read.has(file)) continue;
    read.add(file);
    for (const i of metafile.outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) queue.push(i.path);
  }
  return new Set([...read].flatMap((file) => Object.keys(metafile.outputs[file]?.inputs ?? {})));
};

describe('the bundled entry', () => {
  test('is the entry and its chunks: the bot and its libraries inline, only the external packages imported', () => {
    const texts = bundleTexts();
    expect(texts.length).toBeGreaterThan(1);
    // One non-ASCII character would make V8 keep a whole source two bytes per character.
    for (const text of texts) expect(text).toMatch(/^[\x00-\x7f]*$/);
    const imported = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
    const packages = [...new Set(imported)].filter((name) => !isBuiltin(name));
    expect(packages.length).toBeGreaterThan(0);
    for (const name of packages) expect(EXTERNAL_PACKAGES, `import of ${name}`).toContain(name.split('/')[0]);
    // discord.js is inside, as a CommonJS module esbuild wraps.
    expect(texts.join('\n')).toMatch(/require_ShardingManager\s*=\s*__commonJS\(/);
    // The entry is the only file next to the chunks' folder (dist/ holds the rest of the compiled src/).
    const files = Object.keys(metafile.outputs).filter((file) => file.endsWith('.js')).map((file) => resolve(file));
    expect(files).toContain(BUNDLE);
    for (const file of files) if (file !== BUNDLE) expect(dirname(file)).toBe(join(dirname(BUNDLE), CHUNKS_DIR));
  });

  test("discord.js's exports are turned into an ES namespace once, not once per module that imports it", () => {
    const text = bundleTexts().join('\n');
    // esbuild names the wrapper of discord.js's src/index.js after the file; find that name first.
    const wrapper = /(require_[\w$]+)\s*=\s*__commonJS\(\{\s*"[^"]*node_modules\/discord\.js\/src\/index\.js"/.exec(text)?.[1];
    expect(wrapper).toBeDefined();
    const conversions = text.split(`__toESM(${wrapper}()`).length - 1;
    expect(conversions).toBe(1);
  });

  test('a start on SQLite without HTTP_PORT reads neither the PostgreSQL engine, nor the metrics, nor the shard manager', () => {
    const read = inputsAStartReads();
    expect([...read].some((input) => input.startsWith('src/season-store.ts'))).toBe(true);
    expect([...read].some((input) => input.includes('node_modules/discord.js/'))).toBe(true);
    const optional = [/^src\/db\/pg\//, /node_modules\/(pg|pg-[a-z-]+)\//, /node_modules\/prom-client\//, /^src\/observability\//, /^src\/shard-manager\.ts$/];
    expect([...read].filter((input) => optional.some((pattern) => pattern.test(input)))).toEqual([]);
    // …which are in the bundle, for the starts that need them.
    const all = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
    for (const pattern of optional) expect(all.some((input) => pattern.test(input)), String(pattern)).toBe(true);
  });

  test("zod's locales and JSON Schema converters are left out: the schemas import zod as a namespace it can shake", () => {
    const zod = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs)).filter((input) => input.includes('node_modules/zod/'));
    expect(zod.length).toBeGreaterThan(0);
    expect(zod.filter((input) => /\/locales\/(?!en\.js|index)/.test(input) || input.endsWith('from-json-schema.js'))).toEqual([]);
  });

  test('the translation files are copied next to the chunks and read at run time, not kept as source text', () => {
    const locales = join(dirname(BUNDLE), CHUNKS_DIR, LOCALES_DIR);
    const names = readdirSync(join(REPO_ROOT, 'src', 'i18n', 'locales')).filter((name) => name.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) expect(readFileSync(join(locales, name), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'src', 'i18n', 'locales', name), 'utf8'));
    // A phrase of the English file, as esbuild would have written it into a chunk.
    const en = JSON.parse(readFileSync(join(locales, 'en.json'), 'utf8')) as Record<string, unknown>;
    const phrase = JSON.stringify(en).match(/"([ !#-[\]-~]{40,})"/)?.[1];
    expect(phrase).toBeDefined();
    for (const text of bundleTexts()) expect(text).not.toContain(phrase);
  });

  describe('SHARDS=2 with HTTP_PORT', () => {
    let standin: Standin;
    let port: number;

    beforeAll(async () => {
      standin = await startTestStandin({
        shards: 2,
        sessionStartLimit: { maxConcurrency: 2 },
        guilds: [
          { id: ON_SHARD_0, name: 'Shard zero server', channels: [{ name: 'general' }] },
          { id: ON_SHARD_1, name: 'Shard one server', channels: [{ name: 'general' }] },
        ],
      });
      const bot = spawnBot(botEnv(standin, { databasePath: join(makeTempDir(), 'bot.sqlite'), extra: { SHARDS: 'auto', DISCORD_GUILD_ID: undefined, HTTP_PORT: '0' } }), BUNDLE);
      port = Number((await bot.waitForLog((l) => l.msg === 'serving /healthz and /metrics', 40_000, 'the manager serving HTTP')).port);
      await bot.waitForLog(() => bot.lines.filter(isReadyLine).length === 2, 40_000, 'both shards ready lines');
    }, 60_000);

    afterAll(async () => {
      await standin?.close();
    });

    test('each shard (a process running the bundle) answers /about in its guild, and the manager serves both in /metrics', async () => {
      for (const [guildId, shard] of [
        [ON_SHARD_0, 0],
        [ON_SHARD_1, 1],
      ] as const) {
        const callback = await standin.sendInteraction({ kind: 'chatInput', name: 'about', guildId }).callback;
        const fields = ((callback.data as CallbackData).embeds ?? [])[0]?.fields ?? [];
        expect(fields.find((f) => f.name === 'Shard')?.value).toBe(`${shard} of 2 · 2 servers in all`);
      }
      expect((await httpRequest(port, '/healthz')).status).toBe(200);
      await expect
        .poll(async () => {
          const samples = parseExposition((await httpRequest(port, '/metrics')).body);
          return ['0', '1'].map((shard) => valueOf(samples, 'caf_interactions_total', { command: 'about', kind: 'command', outcome: 'ok', shard }));
        }, { timeout: 5_000 })
        .toEqual([1, 1]);
    });
  });
});
