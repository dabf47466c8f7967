import { runCli } from './run.js';

// `npm run cli -- <query> [options] [--json]`: the CLI (run.ts) on this process's arguments and streams.
process.exitCode = runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
