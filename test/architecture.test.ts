import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

// The layering the folders show, enforced: the domain is pure, and Discord stays out of the data
// layers, so every rule can be tested with no Discord, no database and no clock.

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');

const RULES: readonly (readonly [layer: string, forbidden: RegExp, why: string])[] = [
  ['src/domain', /^(discord\.js|@discordjs\/|drizzle-orm|better-sqlite3|node-cron|pino|node:fs|fs$|node:child_process|discord-standin|prom-client)|\/(db|discord|scheduler|sandbox|cli|observability)\//, 'pure rules'],
  ['src/season', /^(discord\.js|@discordjs\/|drizzle-orm|better-sqlite3|node-cron)|\/(db|discord|scheduler)\//, 'the season file knows no storage or Discord'],
  ['src/db', /^(discord\.js|@discordjs\/|prom-client)|\/(discord|scheduler|sandbox|observability)\//, 'storage knows no Discord'],
  // Health and metrics watch the bot from outside: the database, the client, the router's observer callback.
  ['src/observability', /^discord-standin|\/(discord|scheduler|sandbox|cli|planning)\//, 'observability only watches'],
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

  // The sandbox, the bench and the stand-in host the bot rather than being part of it: they pass
  // their environment on to the bot process (the bench also to its echo bot) and have their own
  // developer settings.
  test('in the bot, only src/config.ts reads process.env', () => {
    const readers = files('src')
      .filter((file) => !/src\/(sandbox|bench)\//.test(file))
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((file) => relative('.', file));
    expect(readers).toEqual(['src/config.ts']);
  });
});

// "No folder imports a folder that imports it back": the real import graph of src/ (static, dynamic
// and type-only imports, as TypeScript reads them), folded to one node per top-level folder (each
// top-level file is a node of its own), must have no cycle.
const nodeOf = (file: string): string => {
  const [first, ...rest] = relative('src', file).split(/[\\/]/);
  return rest.length === 0 ? `src/${first}` : `src/${first}/`;
};

/** Relative imports of `file`, resolved to the .ts files they name. */
const localImportsOf = (file: string): string[] =>
  ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'));

/** Edges between nodes, each with one import that makes it (for the failure message). */
const folderGraph = (root: string): Map<string, Map<string, string>> => {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files(root)) {
    const from = nodeOf(file);
    for (const target of localImportsOf(file)) {
      const to = nodeOf(relative('.', target));
      if (to === from || !relative('.', target).startsWith('src')) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative('.', file)} → ${relative('.', target)}`);
      graph.set(from, edges);
    }
  }
  return graph;
};

/** Every elementary cycle's shortest witness per starting node, as "a → b → a (file → file; …)". */
const folderCycles = (graph: ReadonlyMap<string, ReadonlyMap<string, string>>): string[] => {
  const found = new Set<string>();
  for (const start of graph.keys()) {
    // Breadth-first from start: the first path back to start is its shortest cycle.
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const node = queue.shift() as string;
      const next = [...(graph.get(node)?.keys() ?? [])];
      if (next.includes(start)) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        const ring = [...path, start];
        const witness = ring.slice(1).map((to, i) => graph.get(ring[i] as string)?.get(to)).join('; ');
        // One entry per cycle, whichever node it was found from.
        const key = [...path].sort().join(',');
        if (![...found].some((f) => f.startsWith(`${key}|`))) found.add(`${key}|${ring.join(' → ')} (${witness})`);
        break;
      }
      for (const to of next) {
        if (to !== start && !previous.has(to)) {
          previous.set(to, node);
          queue.push(to);
        }
      }
    }
  }
  return [...found].map((f) => f.slice(f.indexOf('|') + 1));
};

describe('folders', () => {
  test('no folder of src/ imports a folder that imports it back, directly or through others', () => {
    expect(folderCycles(folderGraph('src'))).toEqual([]);
  });

  test('the cycle check sees a cycle when there is one (and names the imports)', () => {
    const graph = new Map([
      ['src/a/', new Map([['src/b/', 'src/a/x.ts → src/b/y.ts']])],
      ['src/b/', new Map([['src/c.ts', 'src/b/y.ts → src/c.ts']])],
      ['src/c.ts', new Map([['src/a/', 'src/c.ts → src/a/x.ts']])],
      ['src/d/', new Map([['src/a/', 'src/d/z.ts → src/a/x.ts']])],
    ]);
    expect(folderCycles(graph)).toEqual([
      'src/a/ → src/b/ → src/c.ts → src/a/ (src/a/x.ts → src/b/y.ts; src/b/y.ts → src/c.ts; src/c.ts → src/a/x.ts)',
    ]);
    expect(folderCycles(new Map([['src/a/', new Map([['src/b/', '']])]]))).toEqual([]);
  });
});

// zod calls made while a module loads, outside any function: a schema built at every start. The
// season-file and clubs-file schemas are built at the first file checked instead (a restart with
// unchanged files checks none; ~300 schemas, ~0.45 MiB of the idle bot's heap, issue 15).
const schemasBuiltAtLoad = (file: string, text = readFileSync(file, 'utf8')): string[] => {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node) && /^z\./.test(node.expression.getText(source))) {
      found.push(`${relative('.', file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const statement of source.statements) visit(statement);
  return found;
};

describe('what loading a module builds', () => {
  test('the season-file and clubs-file modules build no zod schema until one is used', () => {
    expect([...files('src/season'), ...files('src/clubs')].flatMap((file) => schemasBuiltAtLoad(file))).toEqual([]);
  });

  test('the check sees a schema built at load, and not one built inside a function', () => {
    const text = "const a = z.string();\nexport const b = { c: z.object({}) };\nconst d = () => z.number();\nfunction e() { return z.int(); }\n";
    expect(schemasBuiltAtLoad('src/x.ts', text)).toEqual(['src/x.ts:1', 'src/x.ts:2']);
  });
});
