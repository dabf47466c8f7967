import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Discord bot tokens: base64 user id . timestamp . hmac. Interaction/webhook tokens travel in REST URLs.
const TOKEN_SHAPE = /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}/g;
const URL_TOKEN = /\/(interactions|webhooks)\/(\d+)\/[^/?\s]+/g;

/** Removes secrets a string may carry: token-shaped words and the token part of interaction/webhook URLs. */
export const scrubSecrets = (text: string): string =>
  text.replace(TOKEN_SHAPE, '[redacted]').replace(URL_TOKEN, '/$1/$2/[redacted]');

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

/** The root logger: JSON in production, pretty in development, and the token is never printed. */
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
  return pino(options);
};

/** For tests and tools that must stay quiet. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
