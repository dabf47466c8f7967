import { describe, expect, test } from 'vitest';
import { createLogger, redactUrlCredentials, scrubSecrets, serializeError } from '../src/log.js';

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
    // Neither a dot nor `://`: the path alone gives the URL token away.
    ['/interactions/1200000000000000042/aW50ZXJhY3Rpb24/callback', '/interactions/1200000000000000042/[redacted]/callback'],
    // An interaction's summary line: no dot, no `://`, no interaction or webhook path (returned as it is, unscanned).
    [
      '{"level":30,"time":1764594000000,"app":"caf-confed-bot","component":"router","kind":"command","command":"team","interactionId":"1445678901234567890","guildId":"1100000000000000001","userId":"1200000000000000001","latencyMs":2,"outcome":"ok","msg":"interaction"}',
      '{"level":30,"time":1764594000000,"app":"caf-confed-bot","component":"router","kind":"command","command":"team","interactionId":"1445678901234567890","guildId":"1100000000000000001","userId":"1200000000000000001","latencyMs":2,"outcome":"ok","msg":"interaction"}',
    ],
    [`{"msg":"x","token":"${TOKEN}"}`, '{"msg":"x","token":"[redacted]"}'],
    ['proxy http://bot:hunter2@127.0.0.1:8080/api down', 'proxy http://[redacted]@127.0.0.1:8080/api down'],
  ])('GIVEN %s THEN %s', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });
});

describe('redactUrlCredentials', () => {
  test.each([
    ['http://bot:hunter2@127.0.0.1:8080/api', 'http://[redacted]@127.0.0.1:8080/api'],
    ['https://token@proxy.example/api/v10', 'https://[redacted]@proxy.example/api/v10'],
    ['libsql://admin:p%40ss@db.example:443/bot', 'libsql://[redacted]@db.example:443/bot'],
    // An unencoded @ in the password must not leave its tail behind.
    ['https://user:p@ss@host.example/x', 'https://[redacted]@host.example/x'],
    ['see HTTPS://A:B@H.example and http://c:d@e.example/', 'see HTTPS://[redacted]@H.example and http://[redacted]@e.example/'],
    ['http://127.0.0.1:8080/api', 'http://127.0.0.1:8080/api'],
    ['mail me at fan@example.com', 'mail me at fan@example.com'],
    ['http://host.example/path?from=a@b', 'http://host.example/path?from=a@b'],
  ])('GIVEN %s THEN %s', (input, expected) => {
    expect(redactUrlCredentials(input)).toBe(expected);
  });
});

describe('logger', () => {
  test('GIVEN a URL with credentials anywhere in a line THEN no password is printed and the line stays JSON', () => {
    const { log, lines } = capture();
    const url = 'http://bot:hunter2@127.0.0.1:8080/api';
    log
      .child({ upstream: url })
      .info({ apiUrl: url, nested: { list: [url, { deep: `GET ${url}/v10/gateway/bot` }] }, quote: 'a "quoted" @ value' }, `starting against ${url}`);
    log.error({ err: Object.assign(new Error(`connect ECONNREFUSED ${url}`), { url: `${url}/v10/users/@me` }) }, 'request failed');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('hunter2');
    const first = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({
      upstream: 'http://[redacted]@127.0.0.1:8080/api',
      apiUrl: 'http://[redacted]@127.0.0.1:8080/api',
      nested: { list: ['http://[redacted]@127.0.0.1:8080/api', { deep: 'GET http://[redacted]@127.0.0.1:8080/api/v10/gateway/bot' }] },
      quote: 'a "quoted" @ value',
      msg: 'starting against http://[redacted]@127.0.0.1:8080/api',
    });
    const second = JSON.parse(lines[1] ?? '{}') as { err: { url: string; message: string } };
    expect(second.err.url).toBe('http://[redacted]@127.0.0.1:8080/api/v10/users/@me');
  });

  test('GIVEN a bot token inside a message THEN the whole-line scrub removes it too', () => {
    const { log, lines } = capture();
    log.warn(`retrying with ${TOKEN}`);
    expect(lines.join('')).not.toContain(TOKEN);
  });

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
