/** The wire format, checked with plain fetch: headers, error bodies, multipart, limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Standin } from '../src/server.js';
import type { GuildRecord } from '../src/types.js';
import { startQuietStandin } from './harness.js';

const AUTH = { authorization: 'Bot raw-token' };

describe('the stand-in REST API on the wire', () => {
  let standin: Standin;
  let guild: GuildRecord;
  let channelId: string;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${standin.apiUrl}/v10${path}`, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } });
  const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  beforeAll(async () => {
    standin = await startQuietStandin({
      routeRateLimits: [{ method: 'GET', pathPattern: '/guilds/:id/roles', limit: 2, windowSeconds: 60 }],
    });
    guild = standin.addGuild({ name: 'Wire' });
    channelId = standin.channelByName(guild.id, 'general')?.id ?? '';
  });

  afterAll(async () => {
    await standin?.close();
  });

  it('rejects a request without Authorization with 401 and Discord error JSON', async () => {
    const res = await fetch(`${standin.apiUrl}/v10/users/@me`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });

  it('sends per-route X-RateLimit headers on normal responses', async () => {
    const res = await api(`/channels/${channelId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe('50');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('49');
    expect(Number(res.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(0);
    expect(res.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{16}$/);
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
  });

  it('enforces a configured route bucket with a user-scoped 429', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api(`/guilds/${guild.id}/roles`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(standin.stats().routeLimited).toBe(1);
  });

  it('shapes injected 429s like Discord (route scope and global)', async () => {
    standin.injectFault({ pathPattern: '/users/@me', status: 429, retryAfterSeconds: 2.5 });
    const route = await api('/users/@me');
    expect(route.status).toBe(429);
    expect(Object.fromEntries(['retry-after', 'x-ratelimit-remaining', 'x-ratelimit-scope', 'x-ratelimit-global'].map((h) => [h, route.headers.get(h)]))).toEqual({
      'retry-after': '2.5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-scope': 'user',
      'x-ratelimit-global': null,
    });
    expect(await route.json()).toEqual({ message: 'You are being rate limited.', retry_after: 2.5, global: false });

    standin.injectFault({ pathPattern: '/users/@me', status: 429, retryAfterSeconds: 1, global: true });
    const global = await api('/users/@me');
    expect(global.headers.get('x-ratelimit-global')).toBe('true');
    expect(global.headers.get('x-ratelimit-scope')).toBe('global');
    expect(await global.json()).toMatchObject({ global: true, retry_after: 1 });
  });

  it('accepts multipart bodies with payload_json and files', async () => {
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'bracket', attachments: [{ id: 0, filename: 'bracket.png' }] }));
    form.append('files[0]', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'bracket.png');
    const res = await api(`/channels/${channelId}/messages`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const message = (await res.json()) as { content: string; attachments: { filename: string; size: number }[] };
    expect(message.content).toBe('bracket');
    expect(message.attachments).toEqual([expect.objectContaining({ filename: 'bracket.png', size: 4 })]);
    const recorded = standin.requests.at(-1);
    expect(recorded?.body).toMatchObject({ content: 'bracket' });
    expect(recorded?.files).toEqual([{ field: 'files[0]', filename: 'bracket.png', size: 4, contentType: 'image/png' }]);
  });

  it('computes who a message pings from allowed_mentions', async () => {
    const content = `@everyone <@${standin.tester.id}>`;
    const pinging = (await (await api(`/channels/${channelId}/messages`, json({ content }))).json()) as { mention_everyone: boolean; mentions: unknown[] };
    // The bot's default role has no Mention Everyone, so @everyone never pings; the user mention does.
    expect(pinging.mention_everyone).toBe(false);
    expect(pinging.mentions).toHaveLength(1);
    const silent = (await (await api(`/channels/${channelId}/messages`, json({ content, allowed_mentions: { parse: [] } }))).json()) as { mentions: unknown[] };
    expect(silent.mentions).toHaveLength(0);
  });

  it('validates commands like Discord (50035) on a bulk overwrite', async () => {
    const res = await api(`/applications/${standin.application.id}/commands`, {
      ...json([{ name: 'Bad Name', description: 'x' }]),
      method: 'PUT',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 50035, errors: { '0': { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } } });
  });

  it('answers unknown interactions with 10062 and 405 for a wrong method', async () => {
    const unknown = await fetch(`${standin.apiUrl}/v10/interactions/1/abc/callback`, json({ type: 4, data: { content: 'x' } }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 10062 });
    const wrongMethod = await api('/gateway/bot', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(standin.unknownRoutes.at(-1)).toMatchObject({ method: 'DELETE', path: '/gateway/bot' });
  });

  it('lists messages newest first and answers 403 50001 without View Channel', async () => {
    const list = (await (await api(`/channels/${channelId}/messages?limit=2`)).json()) as { id: string }[];
    expect(list).toHaveLength(2);
    expect(BigInt(list[0]?.id ?? 0)).toBeGreaterThan(BigInt(list[1]?.id ?? 0));
    standin.setBotPermissions(channelId, { deny: ['ViewChannel'] });
    const hidden = await api(`/channels/${channelId}`);
    expect(hidden.status).toBe(403);
    expect(await hidden.json()).toEqual({ message: 'Missing Access', code: 50001 });
  });
});
