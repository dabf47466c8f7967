import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// The layering the folders show, enforced: the domain is pure, and Discord stays out of the data
// layers, so every rule can be tested with no Discord, no database and no clock.

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');

const RULES: readonly (readonly [layer: string, forbidden: RegExp, why: string])[] = [
  ['src/domain', /^(discord\.js|@discordjs\/|drizzle-orm|better-sqlite3|node-cron|pino|node:fs|fs$|node:child_process|discord-standin)|\/(db|discord|scheduler|sandbox|cli)\//, 'pure rules'],
  ['src/season', /^(discord\.js|@discordjs\/|drizzle-orm|better-sqlite3|node-cron)|\/(db|discord|scheduler)\//, 'the season file knows no storage or Discord'],
  ['src/db', /^(discord\.js|@discordjs\/)|\/(discord|scheduler|sandbox)\//, 'storage knows no Discord'],
];

describe('layers', () => {
  test.each(RULES)('%s imports nothing it must not (%s)', (layer, forbidden) => {
    const offenders = files(layer).flatMap((file) =>
      importsOf(file)
        .filter((spec) => forbidden.test(spec))
        .map((spec) => `${relative('.', file)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  // The stand-in is a package of its own that any discord.js project could use: it knows no bot.
  test('packages/discord-standin imports only node:, its own files and its declared dependencies', () => {
    const pkg = JSON.parse(readFileSync('packages/discord-standin/package.json', 'utf8')) as Record<string, Record<string, string> | undefined>;
    const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }));
    const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
    const offenders = files('packages/discord-standin').filter((file) => !file.includes('node_modules') && !file.includes('/dist/')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => (spec.startsWith('.') ? !resolve(dirname(file), spec).startsWith(resolve('packages/discord-standin')) : !spec.startsWith('node:') && !declared.has(packageOf(spec))))
        .map((spec) => `${relative('.', file)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  // The sandbox and the stand-in host the bot rather than being part of it: they pass their
  // environment on to the bot process and have their own developer settings.
  test('in the bot, only src/config.ts reads process.env', () => {
    const readers = files('src')
      .filter((file) => !/src\/sandbox\//.test(file))
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((file) => relative('.', file));
    expect(readers).toEqual(['src/config.ts']);
  });
});
