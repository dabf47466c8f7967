import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, inject } from 'vitest';

// README §6 "Try it in the sandbox", as a user runs it: a Champions League 2023–24 copy without the
// final's second leg, served over HTTP as the season's source; the sandbox started with
// --season-files; the full file published while it runs. /fixtures shows the final without a restart.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CL_FILE = join(ROOT, 'data', 'seasons', 'caf-cl-2023-24.json');
const CC_FILE = join(ROOT, 'data', 'seasons', 'caf-cc-2023-24.json');
const FINAL = 'Al Ahly SC 1–0 Espérance de Tunis';
const FIRST_LOOK = '✓ found "Final, first leg"';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout up to the line after which the served file was replaced. */
  readonly beforePublish: string;
  readonly requests: number;
}

describe('npm run sandbox -- --season-files: a season updated from a local source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caf-sandbox-source-'));
  const full = readFileSync(CL_FILE, 'utf8');
  let served: string;
  let server: Server;
  let run: Run;

  beforeAll(async () => {
    const season = JSON.parse(full) as { champion: string | null; matches: { id: string; status: string; score: unknown }[]; source?: unknown };
    const leg = season.matches.find((m) => m.id === 'F-L2')!;
    leg.status = 'scheduled';
    leg.score = null;
    season.champion = null;
    served = JSON.stringify(season, null, 2);

    let requests = 0;
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(served);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    season.source = { url: `http://127.0.0.1:${port}/served.json`, format: 'season-json', every: '10s' };
    const seasonFile = join(dir, 'caf-cl-2023-24.json');
    writeFileSync(seasonFile, JSON.stringify(season, null, 2));
    const script = join(dir, 'source.txt');
    writeFileSync(
      script,
      [
        '/fixtures competition:CAF Champions League 2023–24',
        ':expect Final, first leg',
        // The source is polled every 10 s; the file is published once the line above passed. The
        // command runs again until its reply shows the final (or the script fails after 2 minutes).
        `:repeat-until ${FINAL}`,
        `:expect ${FINAL}`,
      ].join('\n'),
    );

    run = await new Promise<Run>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [join(inject('botBuildRoot'), 'dist', 'sandbox', 'main.js'), '--script', script, '--season-files', `${seasonFile},${CC_FILE}`],
        { cwd: ROOT, env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      let beforePublish = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        // Cut at the line itself: the same chunk may hold the next line's echo, which names the final.
        if (beforePublish === '' && stdout.includes(FIRST_LOOK)) {
          beforePublish = stdout.slice(0, stdout.indexOf(FIRST_LOOK) + FIRST_LOOK.length);
          served = full;
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGTERM'), 170_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, beforePublish, requests });
      });
    });
  }, 240_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('runs to the end and exits 0', () => {
    expect(run.stderr).not.toContain('Script failed');
    expect(run.code).toBe(0);
  });

  test('the final is not played before the source publishes it, and is shown after, without a restart', () => {
    expect(run.beforePublish).toContain('Final, first leg');
    expect(run.beforePublish).not.toContain(FINAL);
    // The bot's answers after the publish (the script's echo of the :repeat-until line names the final too).
    const after = run.stdout.slice(run.beforePublish.length);
    const answered = after.slice(after.indexOf('caf-confed-bot:'));
    expect(answered).toContain(FINAL);
    expect(answered).toContain('Al Ahly SC win the Champions League');
    // Polled at start and again after the file changed.
    expect(run.requests).toBeGreaterThanOrEqual(2);
  });
});
