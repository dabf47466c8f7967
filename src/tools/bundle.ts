// `npm run build`, after tsc: the bot's entry (dist/index.js, what `npm start`, the systemd unit and
// each shard process run) is bundled with its libraries (esbuild). Start-up then reads a few files
// instead of resolving and loading about a thousand modules: in the bench, the CPU time from spawn
// to the first answer fell from 1,250 to 860 ms (the echo bot: 780 ms). The rest of dist/ (CLI, tools,
// sandbox, bench) stays one file per module.
//
// What a start does not always run is split off into chunks (dist/chunks/), read only when its dynamic
// import runs: the PostgreSQL engine, the HTTP server and its metrics, the shard manager (and, after
// ready, the season sources). V8 keeps the source text of every file it loads for the life of the
// process (issue 15).
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromPackageRoot } from '../package-root.js';

/**
 * Left as packages, loaded from node_modules at run time: a native addon (better-sqlite3); pino, whose
 * transports (pino-pretty in development) start worker threads by file path; node-postgres' optional
 * native binding and its Cloudflare Workers socket (required only there, never on Node); and optional
 * native speed-ups the gateway client tries to load.
 *
 * node-postgres itself is bundled: a package left out is imported at the top of the bundle, so every
 * bot on SQLite loaded it (29 modules, +2.5 MiB of heap in a bare node). Bundled, it is evaluated only
 * when src/db/pg/store.ts is imported, which openStore does for a DATABASE_URL alone.
 */
export const EXTERNAL_PACKAGES = [
  'better-sqlite3',
  'pino',
  'pino-pretty',
  'thread-stream',
  'pg-native',
  'pg-cloudflare',
  'zlib-sync',
  'bufferutil',
  'utf-8-validate',
  'erlpack',
] as const;

/** The CommonJS libraries inside an ES module bundle still call require and read __dirname/__filename. */
const COMMONJS_GLOBALS = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bundleFileURLToPath } from 'node:url';",
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = __bundleFileURLToPath(import.meta.url);',
  "const __dirname = __bundleFileURLToPath(new URL('.', import.meta.url));",
].join(' ');

const ONCE_NAMESPACE = 'commonjs-once';

/**
 * discord.js is CommonJS, and esbuild gives every ES module that imports it its own
 * `__toESM(require_…())`: a copy of its 535 exports as getters. 41 copies were 22,000 closures, contexts
 * and accessor pairs, ~3 MiB of the idle heap (issue 15). Our `import … from 'discord.js'` statements go
 * to one ES module that re-exports it instead, so the copy is made once.
 */
export const discordJsOncePlugin: Plugin = {
  name: 'discord.js-once',
  setup(b) {
    b.onResolve({ filter: /^discord\.js$/ }, (args) =>
      args.kind === 'import-statement' && args.namespace !== ONCE_NAMESPACE ? { path: args.path, namespace: ONCE_NAMESPACE } : undefined,
    );
    // Its own import resolves as usual, from the package root's node_modules.
    b.onLoad({ filter: /.*/, namespace: ONCE_NAMESPACE }, (args) => ({
      contents: `export * from ${JSON.stringify(args.path)};`,
      resolveDir: fromPackageRoot(),
      loader: 'js',
    }));
  },
};

/** Next to the entry: the modules a dynamic import loads, and the code they share. */
export const CHUNKS_DIR = 'chunks';

/** Inside CHUNKS_DIR: the translation files, read at run time. */
export const LOCALES_DIR = 'locales';

const LOCALE_FILE = /(^|[\\/])src[\\/]i18n[\\/]locales[\\/][a-z]+\.json$/;

/**
 * A bundled JSON file is an object literal in the source text, which V8 keeps for the process's life
 * besides the objects built from it: the four translation files cost 1.2 MiB of heap that way against
 * 0.5 MiB parsed from their text, which is then dropped (issue 15). Each becomes a module that reads
 * its copy in CHUNKS_DIR/LOCALES_DIR (bundleBot writes them) when it is loaded.
 */
export const localesAtRunTimePlugin: Plugin = {
  name: 'locales-at-run-time',
  setup(b) {
    b.onLoad({ filter: LOCALE_FILE, namespace: 'file' }, (args) => ({
      contents: [
        "import { readFileSync } from 'node:fs';",
        `export default JSON.parse(readFileSync(new URL(${JSON.stringify(`./${LOCALES_DIR}/${basename(args.path)}`)}, import.meta.url), 'utf8'));`,
      ].join('\n'),
      loader: 'js',
    }));
  },
};

export const bundleOptions = (entry: string, outfile: string): BuildOptions => ({
  plugins: [discordJsOncePlugin, localesAtRunTimePlugin],
  entryPoints: [entry],
  outdir: dirname(outfile),
  entryNames: basename(outfile, '.js'),
  // Each module reached only through a dynamic import in its own file, with the code it shares.
  splitting: true,
  chunkNames: `${CHUNKS_DIR}/[name]-[hash]`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...EXTERNAL_PACKAGES],
  banner: { js: COMMONJS_GLOBALS },
  // Whitespace and comments out (the source text stays in memory as long as the process runs), names
  // kept, so a stack trace in the log still reads; the map turns positions back into src/ lines
  // (node --enable-source-maps).
  minifyWhitespace: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  allowOverwrite: true,
});

/**
 * Every character outside ASCII as a \u escape. esbuild escapes them in strings but leaves them in
 * regular expression literals (a dash class such as [–-]), and one such character makes V8 keep the
 * whole 3.6 MB source text two bytes per character. An escape means the same character in a string,
 * a regular expression (with or without the u flag) and an identifier.
 */
export const asciiOnly = (code: string): string =>
  code.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Bundles `entry` (src/index.ts by default) into `outfile` (dist/index.js by default) and its chunks
 * (dist/chunks/, the earlier build's removed), ASCII only.
 */
export const bundleBot = async (outfile = fromPackageRoot('dist', 'index.js'), entry = fromPackageRoot('src', 'index.ts')): Promise<Metafile> => {
  const result = await build({ ...bundleOptions(entry, outfile), write: false, metafile: true });
  const chunks = join(dirname(outfile), CHUNKS_DIR);
  // Chunk names carry a hash of their content: an earlier build's would stay there for nothing.
  rmSync(chunks, { recursive: true, force: true });
  mkdirSync(join(chunks, LOCALES_DIR), { recursive: true });
  for (const file of result.outputFiles) writeFileSync(file.path, file.path.endsWith('.js') ? asciiOnly(file.text) : file.contents);
  // The translation files next to the chunks that read them (a module in the entry would look beside it).
  for (const [output, { inputs }] of Object.entries(result.metafile.outputs)) {
    for (const input of Object.keys(inputs).filter((path) => LOCALE_FILE.test(path))) {
      if (resolve(dirname(output)) !== resolve(chunks)) throw new Error(`${input} is bundled into ${output}, not a chunk in ${chunks}: it would not find ${LOCALES_DIR}/`);
      copyFileSync(resolve(input), join(chunks, LOCALES_DIR, basename(input)));
    }
  }
  return result.metafile;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleBot(process.argv[2]);
}
