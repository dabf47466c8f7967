import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { classifySendError } from '../../../src/discord/announcements/sender.js';
import { missingPermissionNames } from '../../../src/discord/announcements/channel-check.js';

const apiError = (code: number, status: number, message = 'x'): DiscordAPIError =>
  new DiscordAPIError({ code, message }, code, status, 'POST', 'https://discord.test/api/v10/channels/1/messages', { body: {} });

describe('classifySendError', () => {
  test.each([
    { name: '10003 Unknown Channel', err: apiError(10003, 404), kind: 'gone', code: '10003' },
    { name: '10004 Unknown Guild', err: apiError(10004, 404), kind: 'gone', code: '10004' },
    { name: '50001 Missing Access', err: apiError(50001, 403), kind: 'forbidden', code: '50001' },
    { name: '50013 Missing Permissions', err: apiError(50013, 403), kind: 'forbidden', code: '50013' },
    { name: '50008 non-text channel', err: apiError(50008, 400), kind: 'unsupported', code: '50008' },
    { name: '40058 forum channel', err: apiError(40058, 400), kind: 'unsupported', code: '40058' },
    { name: '50035 invalid form body', err: apiError(50035, 400), kind: 'failed', code: '50035' },
    { name: '200000 AutoMod', err: apiError(200000, 400), kind: 'failed', code: '200000' },
    { name: '20028 write rate limit', err: apiError(20028, 429), kind: 'retry', code: '20028' },
    { name: '401 Unauthorized', err: apiError(0, 401), kind: 'unauthorized', code: '0' },
    { name: 'a 5xx after the library retries', err: new HTTPError(502, 'Bad Gateway', 'POST', 'u', { body: {} }), kind: 'retry', code: '502' },
    { name: 'a timeout', err: Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), kind: 'retry', code: 'timeout' },
    { name: 'a refused connection', err: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), kind: 'retry', code: 'network' },
  ])('GIVEN $name THEN $kind', ({ err, kind, code }) => {
    expect(classifySendError(err)).toMatchObject({ kind, code });
  });

  test('GIVEN a surfaced RateLimitError THEN retry after its retry-after', () => {
    const err = new RateLimitError({
      timeToReset: 3000,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: 'u',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 3000,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(classifySendError(err)).toMatchObject({ kind: 'retry', code: '429', retryAfterMs: 3000 });
  });

  test('GIVEN parts already sent THEN the outcome keeps them', () => {
    expect(classifySendError(new HTTPError(500, 'x', 'POST', 'u', { body: {} }), ['m1'])).toMatchObject({ messageIds: ['m1'] });
  });
});

describe('missingPermissionNames', () => {
  test.each([
    { bits: 19456n, expected: [] },
    { bits: 1024n + 2048n, expected: ['Embed Links'] },
    { bits: 0n, expected: ['View Channel', 'Send Messages', 'Embed Links'] },
    { bits: 8n, expected: [] }, // Administrator implies everything
  ])('GIVEN $bits THEN missing $expected', ({ bits, expected }) => {
    expect(missingPermissionNames(bits)).toEqual(expected);
  });
});
