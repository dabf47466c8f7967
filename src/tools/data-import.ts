import { runDataImport } from './data-import-run.js';

// `npm run data:import`: the import (data-import-run.ts) on this process's arguments and streams.
process.exitCode = runDataImport(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
