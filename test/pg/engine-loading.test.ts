import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// A bot on SQLite (the default) never evaluates the PostgreSQL engine: node-postgres, Drizzle's
// PostgreSQL dialect and src/db/pg/ are reached only through openStore's dynamic import of
// src/db/pg/store.ts (issue 15: they cost ~2.5 MiB of heap and 1.4 MiB of malloc'd memory in every
// idle process). The bundle (src/tools/bundle.ts) evaluates a module at start when a start always
// loads it: statically from the entry, or from a module the entry always imports (app.ts, the
// commands). This follows those value imports (not `import type`) and lists what reaches the engine.

const ALWAYS_LOADED = ['src/index.ts', 'src/app.ts', 'src/discord/commands/index.ts'];
const PG_PACKAGES = /^(pg|pg-[a-z-]+|drizzle-orm\/(pg-core|node-postgres))(\/|$)/;

/** Value imports and re-exports of a file (type-only ones left out), as written. */
export const valueImportsOf = (source: string): string[] =>
  [...source.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]/gm)]
    .filter((m) => m[2] === undefined && !/^\{\s*type\s[^,}]*\}$/.test(m[3]?.trim() ?? ''))
    .map((m) => m[4] ?? '')
    .concat([...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? ''));

/** Every file the start evaluates, and for each outside import of the PostgreSQL engine, the chain that reaches it. */
const reachOf = (entries: readonly string[], read: (file: string) => string): { files: Set<string>; offenders: string[] } => {
  const files = new Set<string>();
  const via = new Map<string, string>();
  const offenders: string[] = [];
  const chain = (file: string): string => (via.has(file) ? `${chain(via.get(file) as string)} → ${file}` : file);
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (files.has(file)) continue;
    files.add(file);
    if (file.startsWith('src/db/pg/')) offenders.push(chain(file));
    for (const spec of valueImportsOf(read(file))) {
      if (PG_PACKAGES.test(spec)) offenders.push(`${chain(file)} → ${spec}`);
      if (!spec.startsWith('.')) continue;
      const target = relative('.', resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
      if (target.endsWith('.json') || files.has(target)) continue;
      if (!via.has(target)) via.set(target, file);
      queue.push(target);
    }
  }
  return { files, offenders };
};

describe('the PostgreSQL engine is loaded for a DATABASE_URL only', () => {
  test('nothing a start always evaluates imports src/db/pg/ or a PostgreSQL package', () => {
    const { files, offenders } = reachOf(ALWAYS_LOADED, (file) => readFileSync(file, 'utf8'));
    expect(files.has('src/db/store/index.ts')).toBe(true);
    expect(files.has('src/db/client.ts')).toBe(true);
    expect(offenders).toEqual([]);
  });

  test('openStore reaches the engine through a dynamic import of src/db/pg/store.ts', () => {
    expect(readFileSync('src/db/store/index.ts', 'utf8')).toMatch(/await import\('\.\.\/pg\/store\.js'\)/);
  });

  test('the check sees a static import of the engine, and leaves type-only imports out', () => {
    const sources = new Map([
      ['src/index.ts', "import { a } from './db/store/index.js';\nimport type { PgDatabase } from './db/pg/client.js';"],
      ['src/db/store/index.ts', "import { type X } from '../pg/types.js';\nexport { b } from './editing.js';"],
      ['src/db/store/editing.ts', "import { pgUnitRunner } from '../pg/store.js';\nimport pg from 'pg';"],
      ['src/db/pg/store.ts', "import { drizzle } from 'drizzle-orm/node-postgres';"],
    ]);
    const { offenders } = reachOf(['src/index.ts'], (file) => sources.get(file) ?? '');
    expect(offenders).toEqual([
      'src/index.ts → src/db/store/index.ts → src/db/store/editing.ts → pg',
      'src/index.ts → src/db/store/index.ts → src/db/store/editing.ts → src/db/pg/store.ts',
      'src/index.ts → src/db/store/index.ts → src/db/store/editing.ts → src/db/pg/store.ts → drizzle-orm/node-postgres',
    ]);
  });
});
