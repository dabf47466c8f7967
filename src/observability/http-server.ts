// The optional HTTP server: GET /healthz and GET /metrics, nothing else. node:http is enough for two
// read-only routes; no framework.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { HealthReport } from './health.js';

export interface HttpServerOptions {
  readonly host: string;
  /** 0 picks a free port (see `port` on the result). */
  readonly port: number;
  /** Asynchronous under SHARDS: the manager asks its shards. */
  readonly health: () => HealthReport | Promise<HealthReport>;
  readonly metrics: () => Promise<string>;
  readonly metricsContentType: string;
  readonly log: Logger;
}

export interface HttpServer {
  readonly host: string;
  /** The port actually bound. */
  readonly port: number;
  /** Stops listening and drops idle keep-alive connections. */
  close(): Promise<void>;
}

/** Listens, or rejects with what the operator must fix (a port in use, an address not on this host). */
export const startHttpServer = async (opts: HttpServerOptions): Promise<HttpServer> => {
  const log = opts.log.child({ component: 'http' });

  const send = (req: IncomingMessage, res: ServerResponse, status: number, contentType: string, body: string): void => {
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(req, res, 405, 'text/plain; charset=utf-8', 'Method not allowed: use GET or HEAD.\n');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz') {
      const report = await opts.health();
      send(req, res, report.ok ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify({ status: report.ok ? 'ok' : 'fail', ...report })}\n`);
    } else if (path === '/metrics') {
      send(req, res, 200, opts.metricsContentType, await opts.metrics());
    } else {
      send(req, res, 404, 'text/plain; charset=utf-8', 'Not found. This server answers GET /healthz and GET /metrics.\n');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err, path: req.url }, 'http request failed');
      if (!res.headersSent) send(req, res, 500, 'text/plain; charset=utf-8', 'Internal error; see the bot log.\n');
      else res.destroy();
    });
  });
  // A scraper that stalls must not hold a socket for long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const why =
        err.code === 'EADDRINUSE' ? 'the port is in use' : err.code === 'EADDRNOTAVAIL' ? 'the address is not one of this host' : err.code === 'EACCES' ? 'permission denied (ports under 1024 need privileges)' : err.message;
      reject(new Error(`Cannot serve /healthz and /metrics on ${opts.host}:${opts.port}: ${why}. Set HTTP_PORT (and HTTP_HOST) to a free port and address.`, { cause: err }));
    };
    server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (err) => log.error({ err }, 'http server error'));
  const port = (server.address() as AddressInfo).port;
  log.info({ host: opts.host, port }, 'serving /healthz and /metrics');

  let closing: Promise<void> | null = null;
  return {
    host: opts.host,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // A request in flight gets a moment to finish; a stalled client does not hold up shutdown.
        const grace = setTimeout(() => server.closeAllConnections(), 1_000).unref();
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
};
