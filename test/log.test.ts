import { describe, expect, test } from 'vitest';
import { createLogger, scrubSecrets, serializeError } from '../src/log.js';

const TOKEN = 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsEntl.abcdefghijklmnopqrstuvwxyz0123456789';

const capture = () => {
  const lines: string[] = [];
  const log = createLogger({ level: 'info', format: 'json', destination: { write: (line: string) => void lines.push(line) } });
  return { log, lines };
};

describe('scrubSecrets', () => {
  test.each([
    [`token ${TOKEN} leaked`, 'token [redacted] leaked'],
    [
      'POST https://discord.com/api/v10/interactions/1200000000000000042/aW50ZXJhY3Rpb246dG9rZW4/callback',
      'POST https://discord.com/api/v10/interactions/1200000000000000042/[redacted]/callback',
    ],
    ['/webhooks/1195944444444444444/aW50ZXJhY3Rpb24/messages/@original', '/webhooks/1195944444444444444/[redacted]/messages/@original'],
    ['nothing secret here', 'nothing secret here'],
  ])('GIVEN %s THEN %s', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });
});

describe('logger', () => {
  test('GIVEN a token field at any usual path THEN it is printed as [redacted]', () => {
    const { log, lines } = capture();
    log.info({ token: TOKEN, config: { token: TOKEN }, headers: { authorization: `Bot ${TOKEN}` } }, 'config');
    expect(lines.join('')).not.toContain(TOKEN);
    expect(lines.join('')).toContain('[redacted]');
  });

  test('GIVEN a DiscordAPIError-like error THEN url tokens and the request body are not logged', () => {
    const { log, lines } = capture();
    const err = Object.assign(new Error('Unknown interaction'), {
      code: 10062,
      url: 'https://discord.com/api/v10/interactions/1200000000000000042/c2VjcmV0LWludGVyYWN0aW9uLXRva2Vu/callback',
      requestBody: { json: { content: 'whole payload' } },
    });
    log.error({ err }, 'reply failed');
    const line = JSON.parse(lines[0] ?? '{}') as { err: Record<string, unknown> };
    expect(line.err.code).toBe(10062);
    expect(line.err.url).toBe('https://discord.com/api/v10/interactions/1200000000000000042/[redacted]/callback');
    expect(line.err).not.toHaveProperty('requestBody');
    expect(typeof line.err.stack).toBe('string');
  });

  test('GIVEN a non-error value THEN the serializer leaves it alone', () => {
    expect(serializeError('just text')).toBe('just text');
  });
});
