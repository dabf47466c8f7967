import { once } from 'node:events';
import { DiscordAPIError, Events, HTTPError, RateLimitError, type APIEmbed, type Client } from 'discord.js';
import { startStandin, type Standin } from 'discord-standin';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { partNonce } from '../../../src/db/outbox.js';
import { createClient } from '../../../src/discord/client.js';
import { classifySendError, createDiscordSender, type OutgoingPost } from '../../../src/discord/announcements/sender.js';
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

// The real discord.js client (as the bot builds it) against the stand-in: what actually goes over the wire.
describe('createDiscordSender', () => {
  const silent = pino({ level: 'silent' });
  let standin: Standin;
  let client: Client;
  let channelId: string;
  const NONCE = 'a1b2c3d4e5f6a1b2c3d4e5f6';
  const parts = (n: number): APIEmbed[][] => Array.from({ length: n }, (_, i) => [{ title: `Part ${i + 1}` }]);
  const post = (over: Partial<OutgoingPost> = {}): OutgoingPost => ({
    guildId: '',
    channelId,
    nonce: NONCE,
    messages: parts(3),
    content: null,
    roleId: null,
    sentMessageIds: [],
    ...over,
  });
  const postsTo = (id: string) => standin.requestsTo('POST', `/channels/${id}/messages`);

  beforeAll(async () => {
    standin = await startStandin({ log: silent });
    client = createClient({ apiUrl: standin.apiUrl }, silent);
    const ready = once(client, Events.ClientReady);
    await client.login('sender-test-token');
    await ready;
  });
  afterAll(async () => {
    await client?.destroy();
    await standin?.close();
  });
  afterEach(() => standin.clearFaults());
  const freshChannel = (): string => {
    const guild = standin.addGuild({ channels: [{ name: 'matchday' }] });
    channelId = standin.channelByName(guild.id, 'matchday')!.id;
    return channelId;
  };

  test('GIVEN a post split in three THEN three messages, each part with its own nonce; a resend creates nothing new', async () => {
    freshChannel();
    const send = createDiscordSender(client);
    const first = await send(post());
    expect(first.kind).toBe('sent');
    const ids = first.messageIds;
    expect(new Set(ids).size).toBe(3);
    expect(standin.messages(channelId).map((m) => [m.embeds[0]?.title, m.nonce])).toEqual([
      ['Part 1', partNonce(NONCE, 0)],
      ['Part 2', partNonce(NONCE, 1)],
      ['Part 3', partNonce(NONCE, 2)],
    ]);
    expect(new Set(postsTo(channelId).map((r) => (r.body as { nonce: string }).nonce)).size).toBe(3);
    // A retry of the whole post (the outcome was lost): Discord hands back the same three messages.
    const again = await send(post());
    expect(again).toEqual({ kind: 'sent', messageIds: ids });
    expect(standin.messages(channelId)).toHaveLength(3);
  });

  test('GIVEN the first part already sent THEN only the rest go out, with their own nonces', async () => {
    freshChannel();
    const outcome = await createDiscordSender(client)(post({ sentMessageIds: ['111'] }));
    expect(outcome.kind).toBe('sent');
    expect(outcome.messageIds[0]).toBe('111');
    expect(standin.messages(channelId).map((m) => m.nonce)).toEqual([partNonce(NONCE, 1), partNonce(NONCE, 2)]);
  });

  test('GIVEN a request that never answers THEN it is abandoned at the deadline, and the retry with the same nonce makes one message', async () => {
    freshChannel();
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${channelId}/messages`, delayMs: 1_500 });
    const send = createDiscordSender(client, { requestTimeoutMs: 200 });
    const started = Date.now();
    const outcome = await send(post({ messages: parts(1) }));
    expect(outcome).toMatchObject({ kind: 'retry', code: 'timeout', messageIds: [] });
    expect(Date.now() - started).toBeLessThan(1_000);
    // The hung request still lands late (as on Discord); the retry carries the same nonce.
    await standin.waitFor(() => standin.messages(channelId).length === 1, 5_000, 'the delayed post');
    const retry = await send(post({ messages: parts(1) }));
    expect(retry.kind).toBe('sent');
    expect(standin.messages(channelId)).toHaveLength(1);
    expect(retry.messageIds).toEqual([standin.messages(channelId)[0]!.id]);
  });

  test('GIVEN a 429 with Retry-After 60 THEN the sender gives up at once and reports the wait', async () => {
    freshChannel();
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${channelId}/messages`, status: 429, retryAfterSeconds: 60, times: 1 });
    const started = Date.now();
    const outcome = await createDiscordSender(client, { requestTimeoutMs: 5_000 })(post({ messages: parts(1) }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(outcome).toMatchObject({ kind: 'retry', code: '429' });
    expect(outcome.kind === 'retry' && outcome.retryAfterMs).toBeGreaterThanOrEqual(59_000);
  });

  test('GIVEN the dispatcher stopping THEN the send is abandoned at once', async () => {
    freshChannel();
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${channelId}/messages`, delayMs: 3_000 });
    const stop = new AbortController();
    const pending = createDiscordSender(client)(post({ messages: parts(1) }), { signal: stop.signal });
    setTimeout(() => stop.abort(), 50);
    expect(await pending).toMatchObject({ kind: 'retry', code: 'aborted' });
  });
});
