// Which requests carry a nonce, as the stand-in records them: the bot's real discord.js client (from
// createClient) answers interactions and posts an announcement through the real sender. Discord documents
// nonce + enforce_nonce only for creating a channel message, not for interaction callbacks or webhook edits.
import { once } from 'node:events';
import { Events, MessageFlags, type Client, type Interaction } from 'discord.js';
import { startStandin, type RecordedRequest, type Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createClient } from '../../../src/discord/client.js';
import { createDiscordSender } from '../../../src/discord/announcements/sender.js';
import { silent } from '../../db/helpers.js';

const TOKEN = 'nonce-test-token';

let standin: Standin;
let client: Client;
let channelId: string;
let guildId: string;

/** How each test's interaction is answered, by the command name it is sent with. */
const answers = new Map<string, (i: Interaction) => Promise<void>>([
  ['reply', async (i) => void (i.isChatInputCommand() && (await i.reply({ content: 'Hello', flags: MessageFlags.Ephemeral })))],
  [
    'deferred',
    async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.editReply({ content: 'Edited' });
      await i.followUp({ content: 'More', flags: MessageFlags.Ephemeral });
    },
  ],
]);

beforeAll(async () => {
  standin = await startStandin({ log: silent, validTokens: [TOKEN] });
  const guild = standin.addGuild({ name: 'Nonce', channels: [{ name: 'matchday' }] });
  guildId = guild.id;
  channelId = guild.channelIds[0]!;
  client = createClient({ apiUrl: standin.apiUrl }, silent);
  client.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand()) void answers.get(i.commandName)?.(i);
  });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await standin?.close();
});

const bodyOf = (r: RecordedRequest): Record<string, unknown> => {
  const body = (r.body ?? {}) as { data?: Record<string, unknown> } & Record<string, unknown>;
  // An interaction callback wraps the message in `data`.
  return body.data ?? body;
};

const interactionRequests = (token: string): RecordedRequest[] =>
  standin.requests.filter((r) => r.path.includes(token) && r.method !== 'GET' && r.method !== 'DELETE');

describe('nonce on the wire', () => {
  test.each(['reply', 'deferred'])('GIVEN an interaction answered by %s THEN no callback, edit or follow-up carries a nonce', async (name) => {
    const ix = standin.sendInteraction({ kind: 'chatInput', name, channelId });
    await ix.callback;
    if (name === 'deferred') await ix.waitForFollowUps(1);
    // The stand-in records a request once it has answered it.
    const sent = await vi.waitFor(() => {
      const requests = interactionRequests(ix.token);
      expect(requests).toHaveLength(name === 'deferred' ? 3 : 1);
      return requests;
    });
    for (const request of sent) {
      expect(bodyOf(request)).not.toHaveProperty('nonce');
      // discord.js writes enforce_nonce: false into every message body it builds; never true here.
      expect(bodyOf(request)['enforce_nonce']).not.toBe(true);
    }
  });

  test('GIVEN an announcement post THEN each message carries its nonce with enforce_nonce', async () => {
    const send = createDiscordSender(client);
    const outcome = await send({
      guildId,
      channelId,
      nonce: 'abc123',
      messages: [[{ title: 'One' }], [{ title: 'Two' }]],
      content: null,
      roleId: null,
      sentMessageIds: [],
    });
    expect(outcome.kind).toBe('sent');
    const posts = standin.requestsTo('POST', `/channels/${channelId}/messages`);
    expect(posts.map((r) => [bodyOf(r)['nonce'], bodyOf(r)['enforce_nonce']])).toEqual([
      ['abc123', true],
      ['abc1231', true],
    ]);
  });
});
