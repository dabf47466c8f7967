// A local HTTP source for the poller tests: node:http on 127.0.0.1, port chosen by the system.
// Each test says what the next answers are; every request is recorded with its headers.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Standin } from 'discord-standin';
import { createLogger, type Logger } from '../../src/log.js';
import { markdownText, type CallbackData } from '../e2e/harness.js';

export interface Answer {
  readonly status?: number;
  readonly body?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** Wait this long before answering (a slow source). */
  readonly delayMs?: number;
}

export interface LocalSource {
  readonly url: string;
  readonly requests: IncomingHttpHeaders[];
  /** How to answer from now on; an answer with an etag/lastModified honours conditional requests. */
  serve: (answer: Answer) => void;
  close: () => Promise<void>;
}

export const startLocalSource = async (path = '/season'): Promise<LocalSource> => {
  let answer: Answer = { status: 404, body: 'nothing yet' };
  const requests: IncomingHttpHeaders[] = [];
  const send = (res: ServerResponse, current: Answer, notModified: boolean) => {
    if (res.destroyed) return;
    const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
    if (current.etag) headers.etag = current.etag;
    if (current.lastModified) headers['last-modified'] = current.lastModified;
    if (notModified) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(current.status ?? 200, headers).end(current.body ?? '');
  };
  const server = createServer((req, res) => {
    requests.push(req.headers);
    const current = answer;
    const notModified =
      (current.etag !== undefined && req.headers['if-none-match'] === current.etag) ||
      (current.etag === undefined && current.lastModified !== undefined && req.headers['if-modified-since'] === current.lastModified);
    if (req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    if (current.delayMs) setTimeout(() => send(res, current, notModified), current.delayMs);
    else send(res, current, notModified);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    serve: (next) => {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** A logger whose JSON lines the test reads. */
export const captureLog = (): { logger: Logger; lines: () => Record<string, unknown>[]; raw: string[] } => {
  const raw: string[] = [];
  const logger = createLogger({ level: 'debug', format: 'json', destination: { write: (line: string) => void raw.push(line) } });
  return { logger, raw, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
};

type Json = Record<string, unknown>;

/** The shipped CAF Champions League 2023–24 season file, fresh on every call (tests change it). */
export const clSeasonFile = (): Json & { matches: Json[] } =>
  JSON.parse(readFileSync(new URL('../../data/seasons/caf-cl-2023-24.json', import.meta.url), 'utf8')) as Json & { matches: Json[] };

export const matchOf = (file: { matches: Json[] }, id: string): Json => {
  const found = file.matches.find((m) => m.id === id);
  if (!found) throw new Error(`no match ${id} in the test file`);
  return found;
};

/** The match as a source would print it before it was played. */
export const withoutResult = (file: { matches: Json[] }, id: string): void => {
  Object.assign(matchOf(file, id), { status: 'scheduled', score: null, penalties: null, extraTime: false, decision: null, goals: [] });
};

/** The lines of `/fixtures` for the Champions League 2023–24 final that name Al Ahly, as a fan asking the stand-in reads them. */
export const finalLines = async (standin: Standin, seasonId = 'caf-cl-2023-24'): Promise<string[]> => {
  const body = await standin.sendInteraction({ kind: 'chatInput', name: 'fixtures', options: { competition: seasonId, stage: 'final', when: 'all' } }).callback;
  return markdownText((body.data ?? {}) as CallbackData)
    .join('\n')
    .split('\n')
    .filter((line) => line.includes('Al Ahly SC'));
};
