import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The bot's package root, where package.json, drizzle/ and data/ live: the nearest folder above this
// file that holds a package.json. The same whether the code runs from src/ (tsx), dist/ (npm start)
// or a test build, so no path depends on how deep the running file sits.
const findRoot = (start: string): string => {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${start} or above`);
  }
};

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package root, e.g. fromPackageRoot('drizzle'). */
export const fromPackageRoot = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
