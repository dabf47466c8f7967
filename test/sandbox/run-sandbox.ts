import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

// Runs `npm run sandbox -- --script <file>` as a user would (plain node on the compiled sandbox, the
// real bot as a child process, the stand-in), and collects what it printed. The JavaScript is this
// run's build of src/ (test/support/build-bot.ts).

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SandboxRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const runSandboxScript = (script: string, env: Record<string, string> = {}, timeoutMs = 170_000, args: readonly string[] = []): Promise<SandboxRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(inject('botBuildRoot'), 'dist', 'sandbox', 'main.js'), ...args, '--script', script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // SIGTERM lets the sandbox stop its bot and the stand-in before it exits.
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

export const scriptPath = (name: string): string => `src/sandbox/scripts/${name}`;
