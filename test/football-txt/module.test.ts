import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// The parser is pure: text and options in, a result out. The importer does the reading and writing.
test('src/football-txt imports only its own files', () => {
  const dir = new URL('../../src/football-txt/', import.meta.url).pathname;
  const imports = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => `${f} → ${m[1]}`));
  expect(imports.length).toBeGreaterThan(0);
  expect(imports.filter((i) => !/→ \.\/[a-z-]+\.js$/.test(i))).toEqual([]);
});
