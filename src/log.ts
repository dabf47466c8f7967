import { destination as fileDestination, pino, stdSerializers, symbols, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Discord bot tokens: base64 user id . timestamp . hmac. Interaction/webhook tokens travel in REST URLs.
// Neither pattern crosses a quote or a backslash, so they are safe to run over a whole JSON line.
const TOKEN_SHAPE = /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}/g;
const URL_TOKEN = /\/(interactions|webhooks)\/(\d+)\/[^/?#\s"'\\<>]+/g;
// `scheme://user:password@host`: the userinfo characters of RFC 3986. Repeated, so a password
// with an unencoded `@` goes too.
const URL_CREDENTIALS = /\b([a-z][a-z\d+.-]*:\/\/)(?:[\w.~%!$&'()*+,;=:-]*@)+/gi;

/** `http://user:pass@host/api` → `http://[redacted]@host/api`; a URL without credentials is unchanged. */
export const redactUrlCredentials = (text: string): string => text.replace(URL_CREDENTIALS, '$1[redacted]@');

/**
 * Removes secrets a string may carry: token-shaped words, the token part of interaction/webhook URLs,
 * and the credentials of any URL (a REST proxy, a database or season source URL).
 */
export const scrubSecrets = (text: string): string =>
  mayHoldSecret(text) ? redactUrlCredentials(text.replace(TOKEN_SHAPE, '[redacted]').replace(URL_TOKEN, '/$1/$2/[redacted]')) : text;

/**
 * Whether one of the patterns above could match: a token has dots, a URL with credentials `://`, and
 * a URL token its path. Most lines (every interaction's summary) have none of these, and running the
 * three expressions over such a line cost ~8 µs each time.
 */
const mayHoldSecret = (text: string): boolean =>
  text.includes('.') || text.includes('://') || text.includes('/interactions/') || text.includes('/webhooks/');

/**
 * pino's error serializer, minus what a DiscordAPIError leaks: `url` holds live interaction tokens and
 * `requestBody` echoes whole payloads.
 */
export const serializeError = (err: unknown): unknown => {
  if (!(err instanceof Error)) return err;
  const out: Record<string, unknown> = { ...stdSerializers.err(err) };
  delete out.requestBody;
  for (const key of ['message', 'stack', 'url'] as const) {
    const value = out[key];
    if (typeof value === 'string') out[key] = scrubSecrets(value);
  }
  return out;
};

/** Lines are held until this many bytes wait (sonic-boom's minLength)… */
export const LOG_BATCH_BYTES = 4_096;
/**
 * …or this much time has passed since the first of them: short, so an operator tailing the log, or a
 * test waiting for a line, sees it promptly.
 */
export const LOG_FLUSH_MS = 100;

/**
 * Asynchronous, batched stdout. The flush timer (unref'd) runs only while bytes are unwritten, counted
 * from what pino hands over and sonic-boom's `write` events: sonic-boom's own `periodicFlush` ticks,
 * and writes nothing to stdout, ten times a second in an idle bot too.
 */
const batchedStdout = (): ReturnType<typeof fileDestination> => {
  const stream = fileDestination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES });
  let unwritten = 0;
  let timer: NodeJS.Timeout | undefined;
  const flushHeld = (): void => {
    timer = undefined;
    if (unwritten === 0) return;
    // A no-op while a write is under way: the next tick comes back for what it left.
    stream.flush();
    timer = setTimeout(flushHeld, LOG_FLUSH_MS).unref();
  };
  stream.on('write', (bytes: number) => {
    unwritten = Math.max(0, unwritten - bytes);
  });
  const write = stream.write.bind(stream);
  stream.write = (line: string): boolean => {
    unwritten += Buffer.byteLength(line);
    timer ??= setTimeout(flushHeld, LOG_FLUSH_MS).unref();
    return write(line);
  };
  const flushSync = stream.flushSync.bind(stream);
  stream.flushSync = (): void => {
    flushSync();
    unwritten = 0;
  };
  return stream;
};

/**
 * The root logger: JSON in production, pretty in development, and no secret is printed. Known fields
 * are redacted by path; then every finished line (message, bindings, nested fields, errors) is
 * scrubbed as text, so a URL with credentials is caught wherever it is logged, under any key.
 */
export const createLogger = (opts: {
  level: string;
  format: 'json' | 'pretty';
  /** Where JSON lines go (tests pass an in-memory stream); stdout by default. */
  destination?: DestinationStream;
}): Logger => {
  const options = {
    level: opts.level,
    base: { app: 'caf-confed-bot' },
    serializers: { err: serializeError },
    redact: {
      paths: ['token', '*.token', 'config.token', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
    hooks: { streamWrite: scrubSecrets },
  };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.format === 'pretty') {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' },
      },
    });
  }
  // Asynchronous and batched: a reply no longer waits on a write(2) of its log line, and lines go out
  // together (one write per LOG_BATCH_BYTES, or LOG_FLUSH_MS after the first when quieter) instead of
  // one each. pino flushes this stream on process exit; the entry point's exit paths first await
  // flushLog, so the last line before an exit is written, in order.
  return pino(options, batchedStdout());
};

interface BatchedDestination {
  flushSync?: () => void;
  /** sonic-boom's own flag: an asynchronous write(2) is in flight. */
  readonly _writing?: boolean;
}

const destinationOf = (log: Logger): BatchedDestination | undefined => (log as unknown as Record<symbol, unknown>)[symbols.streamSym] as BatchedDestination | undefined;

/**
 * Writes out what an asynchronous destination still holds, synchronously: in crash handlers. A no-op
 * for other destinations (tests' streams, the pretty transport's own flushing), and while a write is in
 * flight: sonic-boom's flushSync would then write the later lines before the ones in flight (seen in a
 * SIGTERM under load); that write and the batch timer write the rest, in order, as the process goes on.
 */
export const flushLogSync = (log: Logger): void => {
  const stream = destinationOf(log);
  if (stream?._writing === true) return;
  try {
    stream?.flushSync?.();
  } catch {
    // Nothing buffered yet (not open) or stdout gone: there is nowhere left to write the line.
  }
};

/**
 * Everything logged so far written, in order, before the process exits: waits for a write in flight
 * (at most `waitMs`), then writes the rest synchronously.
 */
export const flushLog = async (log: Logger, waitMs = 2_000): Promise<void> => {
  const stream = destinationOf(log);
  const deadline = Date.now() + waitMs;
  while (stream?._writing === true && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
  flushLogSync(log);
};

/** For tests and tools that must stay quiet. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
