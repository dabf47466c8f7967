import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

// The layering the folders show, enforced: the domain is pure, and Discord stays out of the data
// layers, so every rule can be tested with no Discord, no database and no clock.

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');

const RULES: readonly (readonly [layer: string, forbidden: RegExp, why: string])[] = [
  ['src/domain', /^(discord\.js|@discordjs\/|drizzle-orm|better-sqlite3|node-cron|pino|node:fs|fs$|node:child_process)|\/(db|discord|scheduler|standin|sandbox|cli)\//, 'pure rules'],
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

  // The sandbox and the stand-in host the bot rather than being part of it: they pass their
  // environment on to the bot process and have their own developer settings.
  test('in the bot, only src/config.ts reads process.env', () => {
    const readers = files('src')
      .filter((file) => !/src\/(sandbox|standin)\//.test(file))
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((file) => relative('.', file));
    expect(readers).toEqual(['src/config.ts']);
  });
});
