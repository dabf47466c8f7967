import { DiscordAPIError, HTTPError, REST, RESTEvents, Routes, type Client, type RateLimitData, type TextChannel } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Standin } from '../src/server.js';
import type { GuildRecord } from '../src/types.js';
import { TOKEN, capturingLogger, connectClient, startQuietStandin } from './harness.js';

describe('REST behaviour and fault injection seen through discord.js', () => {
  let standin: Standin;
  let client: Client<true>;
  let guild: GuildRecord;
  let logLines: ReturnType<typeof capturingLogger>['lines'];
  const channelNamed = async (name: string) => {
    const id = standin.channelByName(guild.id, name)?.id ?? '';
    return (await client.channels.fetch(id)) as TextChannel;
  };

  beforeAll(async () => {
    const captured = capturingLogger();
    logLines = captured.lines;
    standin = await startQuietStandin({ log: captured.log });
    guild = standin.addGuild({ channels: [{ name: 'general' }, { name: 'locked' }, { name: 'no-embeds' }] });
    client = await connectClient(standin, { rest: { retries: 3, timeout: 2_000 } });
  });

  afterEach(() => standin.clearFaults());

  afterAll(async () => {
    await client?.destroy();
    await standin?.close();
  });

  it('creates one message for two sends with the same nonce and enforceNonce', async () => {
    const channel = await channelNamed('general');
    const first = await channel.send({ content: 'Matchday 1 kicks off', nonce: 'md1-general', enforceNonce: true });
    const second = await channel.send({ content: 'Matchday 1 kicks off', nonce: 'md1-general', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(standin.messages(channel.id).filter((m) => m.nonce === 'md1-general')).toHaveLength(1);
    const posts = standin.requestsTo('POST', `/channels/${channel.id}/messages`).filter((r) => (r.body as { nonce?: string }).nonce === 'md1-general');
    expect(posts.map((r) => [r.status, r.deduplicated])).toEqual([
      [200, false],
      [200, true],
    ]);
  });

  it('retries an injected 429 (after Retry-After) and the send succeeds', async () => {
    const channel = await channelNamed('general');
    const limited: RateLimitData[] = [];
    const onLimited = (data: RateLimitData) => limited.push(data);
    client.rest.on(RESTEvents.RateLimited, onLimited);
    const fault = standin.injectFault({ method: 'POST', pathPattern: '/channels/:id/messages', status: 429, retryAfterSeconds: 0.05, times: 1 });
    try {
      const sent = await channel.send('after a rate limit');
      expect(sent.content).toBe('after a rate limit');
    } finally {
      client.rest.off(RESTEvents.RateLimited, onLimited);
    }
    expect(fault.hits).toBe(1);
    const statuses = standin.requestsTo('POST', `/channels/${channel.id}/messages`).slice(-2).map((r) => [r.status, r.cause]);
    expect(statuses).toEqual([
      [429, 'fault'],
      [200, null],
    ]);
    expect(limited.some((d) => d.scope === 'user' && !d.global)).toBe(true);
  });

  it('surfaces 403 Missing Permissions (50013) when the bot lacks Send Messages', async () => {
    const channel = await channelNamed('locked');
    standin.setBotPermissions(channel.id, { deny: ['SendMessages'] });
    const error = await channel.send('hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50013);
    expect((error as DiscordAPIError).status).toBe(403);
    expect(standin.messages(channel.id)).toHaveLength(0);
  });

  it('refuses an embed-only message without Embed Links, and drops the embed when there is content', async () => {
    const channel = await channelNamed('no-embeds');
    standin.setBotPermissions(channel.id, { deny: ['EmbedLinks'] });
    const embedOnly = await channel.send({ embeds: [{ title: 'Standings' }] }).catch((e: unknown) => e);
    expect((embedOnly as DiscordAPIError).code).toBe(50013);
    const mixed = await channel.send({ content: 'Standings', embeds: [{ title: 'Standings' }] });
    expect(mixed.embeds).toHaveLength(0);
  });

  it('retries two injected 500s and then succeeds (same body each time)', async () => {
    const channel = await channelNamed('general');
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${channel.id}/messages`, status: 500, times: 2 });
    const sent = await channel.send({ content: 'survives 500s', nonce: 'n-500', enforceNonce: true });
    expect(sent.content).toBe('survives 500s');
    const attempts = standin.requestsTo('POST', `/channels/${channel.id}/messages`).filter((r) => (r.body as { nonce?: string }).nonce === 'n-500');
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((r) => JSON.stringify(r.body))).size).toBe(1);
  });

  it('gives up after retries with HTTPError when 5xx persists', async () => {
    const channel = await channelNamed('general');
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${channel.id}/messages`, status: 502, times: Infinity });
    const before = standin.requestsTo('POST', `/channels/${channel.id}/messages`).length;
    const error = await channel.send('never').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).status).toBe(502);
    // retries: 3 → four attempts in total.
    expect(standin.requestsTo('POST', `/channels/${channel.id}/messages`).length - before).toBe(4);
  });

  it('keeps one message when a slow Discord makes the REST client time out and resend the same nonce', async () => {
    const channel = await channelNamed('general');
    const rest = new REST({ api: standin.apiUrl, timeout: 150, retries: 3 }).setToken(TOKEN);
    // The first POST is answered only after the client gave up (timeout 150 ms); it still creates the message.
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${channel.id}/messages`, delayMs: 400 });
    const sent = (await rest.post(Routes.channelMessages(channel.id), {
      body: { content: 'slow kickoff', nonce: 'slow-1', enforce_nonce: true },
    })) as { id: string };
    const posts = () => standin.requestsTo('POST', `/channels/${channel.id}/messages`).filter((r) => (r.body as { nonce?: string }).nonce === 'slow-1');
    await standin.waitFor(() => posts().length === 2, 3_000, 'the delayed first POST to finish');
    expect(standin.messages(channel.id).filter((m) => m.nonce === 'slow-1').map((m) => m.id)).toEqual([sent.id]);
    expect(posts().filter((r) => r.deduplicated)).toHaveLength(1);
  });

  it('maps 404 faults to Unknown Channel (10003) by default', async () => {
    const channel = await channelNamed('general');
    standin.injectFault({ pathPattern: `/channels/${channel.id}/messages`, status: 404 });
    const error = await channel.send('gone').catch((e: unknown) => e);
    expect((error as DiscordAPIError).code).toBe(10003);
  });

  it('refuses over-limit payloads with 50035 and empty messages with 50006', async () => {
    const channel = await channelNamed('general');
    const tooLong = await channel.send('x'.repeat(2001)).catch((e: unknown) => e);
    expect((tooLong as DiscordAPIError).code).toBe(50035);
    expect((tooLong as DiscordAPIError).message).toContain('content[BASE_TYPE_MAX_LENGTH]');
    const fields = Array.from({ length: 7 }, (_, i) => ({ name: `Team ${i}`, value: 'y'.repeat(1000) }));
    const tooBig = await channel.send({ embeds: [{ title: 'Scorers', fields }] }).catch((e: unknown) => e);
    expect((tooBig as DiscordAPIError).code).toBe(50035);
    const empty = await client.rest.post(`/channels/${channel.id}/messages`, { body: { content: '   ' } }).catch((e: unknown) => e);
    expect((empty as DiscordAPIError).code).toBe(50006);
  });

  it('records unknown routes, answers 404 code 0 and logs a warning', async () => {
    const error = await client.rest.get('/guilds/1/audit-logs-nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(404);
    expect((error as DiscordAPIError).code).toBe(0);
    expect(standin.unknownRoutes).toContainEqual(expect.objectContaining({ method: 'GET', path: '/guilds/1/audit-logs-nope' }));
    expect(logLines.some((l) => l.level === 40 && l.msg.includes('GET /guilds/1/audit-logs-nope'))).toBe(true);
  });

  it('never logs the bot token', () => {
    expect(JSON.stringify(logLines)).not.toContain('standin-test-token');
  });
});

describe('the optional global rate limit', () => {
  it('answers the excess with global 429s that discord.js waits out', async () => {
    const standin = await startQuietStandin({ globalRateLimit: 3 });
    standin.addGuild();
    const client = await connectClient(standin);
    try {
      const globals: RateLimitData[] = [];
      client.rest.on(RESTEvents.RateLimited, (d) => globals.push(d));
      // GET /gateway/bot already used one slot of the window; five more overflow it.
      const users = await Promise.all(Array.from({ length: 5 }, () => client.rest.get('/users/@me')));
      expect(users).toHaveLength(5);
      expect(standin.stats().globalLimited).toBeGreaterThan(0);
      const limited = standin.requests.find((r) => r.cause === 'global');
      expect(limited?.status).toBe(429);
      expect(globals.some((d) => d.global)).toBe(true);
    } finally {
      await client.destroy();
      await standin.close();
    }
  });
});
