import { ButtonStyle, ComponentType, DiscordAPIError, Events, MessageFlags, PermissionFlagsBits, type Client, type Interaction } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Standin } from '../src/server.js';
import type { GuildRecord } from '../src/types.js';
import { connectClient, startQuietStandin } from './harness.js';

const EPHEMERAL = 64;
const LOADING = 128;

describe('interactions between the stand-in and a real discord.js client', () => {
  let standin: Standin;
  let client: Client<true>;
  let guild: GuildRecord;
  let onInteraction: (i: Interaction) => Promise<void>;
  const handlerErrors: unknown[] = [];

  beforeAll(async () => {
    standin = await startQuietStandin();
    guild = standin.addGuild({ name: 'CAF Fans', channels: [{ name: 'general' }, { name: 'news', type: 5 }] });
    client = await connectClient(standin);
    client.on(Events.InteractionCreate, (i) => {
      onInteraction(i).catch((e: unknown) => handlerErrors.push(e));
    });
    await client.application.commands.set([
      {
        name: 'standings',
        description: 'Standings',
        options: [
          { type: 3, name: 'group', description: 'Group', autocomplete: true },
          { type: 4, name: 'matchday', description: 'Matchday' },
          { type: 7, name: 'channel', description: 'Channel' },
        ],
      },
      {
        name: 'subscribe',
        description: 'Subscriptions',
        options: [{ type: 1, name: 'add', description: 'Add', options: [{ type: 7, name: 'channel', description: 'Channel', required: true }] }],
      },
    ]);
  });

  beforeEach(() => {
    handlerErrors.length = 0;
  });

  afterAll(async () => {
    await client?.destroy();
    await standin?.close();
  });

  it('delivers a chat-input interaction with the fields discord.js exposes and records an ephemeral reply', async () => {
    let seen: Record<string, unknown> = {};
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      seen = {
        name: i.commandName,
        group: i.options.getString('group'),
        matchday: i.options.getInteger('matchday'),
        guildId: i.guildId,
        inGuild: i.inGuild(),
        canSend: i.appPermissions.has(PermissionFlagsBits.SendMessages),
        memberManageGuild: i.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
        context: i.context,
        ownerGuild: i.authorizingIntegrationOwners.guildId,
      };
      await i.reply({ content: 'Group A standings', flags: MessageFlags.Ephemeral });
    };
    const ix = standin.sendInteraction({ kind: 'chatInput', name: 'standings', options: { group: 'A', matchday: 3 } });
    const callback = await ix.callback;

    expect(callback).toEqual({ type: 4, data: expect.objectContaining({ content: 'Group A standings', flags: EPHEMERAL }) });
    expect(seen).toEqual({
      name: 'standings',
      group: 'A',
      matchday: 3,
      guildId: guild.id,
      inGuild: true,
      canSend: true,
      memberManageGuild: false,
      context: 0,
      ownerGuild: guild.id,
    });
    expect(ix.original()?.flags).toBe(EPHEMERAL);
    // Ephemeral replies are not part of the channel history.
    expect(standin.messages(String(ix.payload.channel_id))).toHaveLength(0);
  });

  it('records deferReply + editReply as a type-5 callback and a PATCH of @original', async () => {
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply({ content: 'Fixtures for matchday 3' });
    };
    const ix = standin.sendInteraction({ kind: 'chatInput', name: 'standings', options: { matchday: 3 }, memberPermissions: PermissionFlagsBits.ManageGuild });

    expect((await ix.callback).type).toBe(5);
    const original = await ix.waitForOriginal((m) => m.content !== '');
    expect(original.content).toBe('Fixtures for matchday 3');
    expect((original.flags ?? 0) & LOADING).toBe(0);
    expect(ix.edits()).toEqual([expect.objectContaining({ original: true, body: expect.objectContaining({ content: 'Fixtures for matchday 3' }) })]);
    expect(standin.requestsTo('PATCH', `/webhooks/${standin.application.id}/:token/messages/@original`)).toHaveLength(1);
    // A non-ephemeral reply is visible in the channel, marked as a webhook message.
    const inChannel = standin.messages(String(ix.payload.channel_id)).find((m) => m.id === original.id);
    expect(inChannel?.webhook_id).toBe(standin.application.id);
  });

  it('records follow-ups, and the first follow-up after a defer fills the thinking message', async () => {
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'first' });
      await i.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
    };
    const replied = standin.sendInteraction({ kind: 'chatInput', name: 'standings' });
    const [follow] = await replied.waitForFollowUps(1);
    expect(follow?.content).toBe('second');
    expect(follow?.flags).toBe(EPHEMERAL);
    expect(replied.original()?.content).toBe('first');

    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.followUp({ content: 'done' });
    };
    const deferred = standin.sendInteraction({ kind: 'chatInput', name: 'standings' });
    const [filled] = await deferred.waitForFollowUps(1);
    expect(filled?.id).toBe(deferred.original()?.id);
    expect(filled?.flags).toBe(EPHEMERAL);
  });

  it('resolves channel options and subcommands', async () => {
    const news = standin.channelByName(guild.id, 'news');
    let got: unknown[] = [];
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      const channel = i.options.getChannel('channel', true);
      got = [i.options.getSubcommand(), channel.id, channel.type];
      await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    };
    const ix = standin.sendInteraction({ kind: 'chatInput', name: 'subscribe', subcommand: 'add', options: { channel: news?.id ?? '' }, memberPermissions: PermissionFlagsBits.ManageGuild });
    await ix.callback;
    expect(got).toEqual(['add', news?.id, 5]);
  });

  it('answers autocomplete with type 8 choices', async () => {
    onInteraction = async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused();
      await i.respond(['A', 'B', 'C'].filter((g) => g.startsWith(typed.toUpperCase())).map((g) => ({ name: `Group ${g}`, value: g })));
    };
    const ix = standin.sendInteraction({ kind: 'autocomplete', name: 'standings', focused: 'group', options: { group: 'b' } });
    expect(await ix.callback).toEqual({ type: 8, data: { choices: [{ name: 'Group B', value: 'B' }] } });
  });

  it('lets a button update the message it is on (type 7)', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) {
        await i.reply({
          content: 'Page 1',
          components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Next', customId: 'page:2' }] }],
        });
      } else if (i.isButton()) {
        await i.update({ content: `Page ${i.customId.split(':')[1]}` });
      }
    };
    const command = standin.sendInteraction({ kind: 'chatInput', name: 'standings' });
    const message = await command.waitForOriginal();
    const click = standin.sendInteraction({ kind: 'button', customId: 'page:2', message: message.id });
    expect((await click.callback).type).toBe(7);
    expect(click.original()?.id).toBe(message.id);
    expect(standin.messages(message.channel_id).find((m) => m.id === message.id)?.content).toBe('Page 2');
  });

  it('refuses a second initial response with 40060', async () => {
    let second: unknown;
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'one' });
      // Bypass discord.js' own guard to reach the API twice.
      second = await client.rest
        .post(`/interactions/${i.id}/${i.token}/callback`, { body: { type: 4, data: { content: 'two' } }, auth: false })
        .catch((e: unknown) => e);
    };
    const ix = standin.sendInteraction({ kind: 'chatInput', name: 'standings' });
    await ix.callback;
    await standin.waitFor(() => second, 2000, 'the second callback');
    expect(second).toBeInstanceOf(DiscordAPIError);
    expect((second as DiscordAPIError).code).toBe(40060);
  });

  it('delivers DM interactions with a user and no member', async () => {
    let seen: unknown[] = [];
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      seen = [i.inGuild(), i.guildId, i.user.id, i.context];
      await i.reply({ content: 'Use this in a server', flags: MessageFlags.Ephemeral });
    };
    await standin.sendInteraction({ kind: 'chatInput', name: 'standings', guildId: null }).callback;
    expect(seen).toEqual([false, null, standin.tester.id, 1]);
  });
});

describe('the interaction deadline', () => {
  it('answers a callback after the deadline with 10062 Unknown interaction', async () => {
    // Deadline 0 ms: every callback is late, so the test does not depend on timing.
    const standin = await startQuietStandin({ interactionDeadlineMs: 0, callbackTimeoutMs: 200 });
    standin.addGuild();
    const client = await connectClient(standin);
    try {
      let error: unknown;
      client.on(Events.InteractionCreate, (i) => {
        if (i.isChatInputCommand()) i.reply({ content: 'too late' }).catch((e: unknown) => (error = e));
      });
      const ix = standin.sendInteraction({ kind: 'chatInput', name: 'anything' });
      await expect(ix.callback).rejects.toThrow(/no callback/);
      await standin.waitFor(() => error, 2000, 'the rejected reply');
      expect((error as DiscordAPIError).code).toBe(10062);
      expect(standin.stats().lateCallbacks).toBe(1);
    } finally {
      await client.destroy();
      await standin.close();
    }
  });
});
