// Vitest global setup: the bot and the stand-in transpiled once per run (esbuild, well under a second),
// so every child process the tests start (the bot, the CLI, the sandbox) runs plain `node` on
// JavaScript, as `npm start` does from dist/, instead of paying tsx's compile at each start.
// dist/index.js, the bot's entry, is the bundle `npm run build` writes (src/tools/bundle.ts), as
// `npm start` and every shard process run it. The suite starts the bot dozens of times (e2e processes,
// shards, the sandbox's bot), and a bundled start takes about a second of CPU less than loading a
// thousand modules one by one (1.3-1.5 s -> 0.5 s to a start-up refusal); on a 2-core machine the
// suite's wall time follows its CPU time.
//
// Layout, a private copy of the package root per run (concurrent runs never share files):
//   node_modules/.cache/caf-bot-test/<run>/dist/index.js          src/index.ts bundled with its libraries
//   node_modules/.cache/caf-bot-test/<run>/dist/…                 the rest of src/ as JavaScript
//   node_modules/.cache/caf-bot-test/<run>/node_modules/discord-standin/…   the stand-in as JavaScript
//   node_modules/.cache/caf-bot-test/<run>/{package.json, drizzle, data}    the package root's files
// Other packages resolve up the tree to the repository's node_modules.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { bundleBot } from '../../src/tools/bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The per-run package root holding dist/ (see test/support/build-bot.ts). */
    botBuildRoot: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );

/** Every .ts file as .js, but `except`; every other file (JSON imported with `with { type: 'json' }`, scripts…) copied as is. */
const transpile = (from: string, to: string, except: readonly string[] = []) => {
  cpSync(from, to, { recursive: true, filter: (path) => !path.endsWith('.ts') });
  return build({
    entryPoints: tsFiles(from).filter((file) => !except.includes(file)),
    outbase: from,
    outdir: to,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`, // the children run on this same Node
    sourcemap: 'inline',
    logLevel: 'error',
  });
};

export default async function setup(project: TestProject): Promise<() => void> {
  const cache = join(ROOT, 'node_modules', '.cache', 'caf-bot-test');
  mkdirSync(cache, { recursive: true });
  const root = mkdtempSync(join(cache, 'run-'));
  const standin = join(root, 'node_modules', 'discord-standin');
  const entry = join(ROOT, 'src', 'index.ts');
  await Promise.all([
    transpile(join(ROOT, 'src'), join(root, 'dist'), [entry]),
    bundleBot(join(root, 'dist', 'index.js'), entry),
    transpile(join(ROOT, 'packages', 'discord-standin', 'src'), standin),
  ]);
  writeFileSync(join(standin, 'package.json'), JSON.stringify({ name: 'discord-standin', type: 'module', exports: './index.js' }));
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  for (const dir of ['drizzle', 'data']) symlinkSync(relative(root, join(ROOT, dir)), join(root, dir));
  project.provide('botBuildRoot', root);
  return () => rmSync(root, { recursive: true, force: true });
}
