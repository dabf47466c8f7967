// /privacy through the real router (the error boundary) with the real command list, on a real SQLite
// database: what it says depends on what is stored, and it is private.
import { MessageFlags, type Interaction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OpenedDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { createLanguageStore } from '../../src/db/languages.js';
import { commands } from '../../src/discord/commands/index.js';
import { PRIVACY_TEXT, renderPrivacy } from '../../src/discord/commands/privacy.js';
import type { CommandContext } from '../../src/discord/commands/types.js';
import { createRouter } from '../../src/discord/router.js';
import { createLogger } from '../../src/log.js';
import { fakeChatInput } from '../discord/commands/fakes.js';
import { makeTestDb } from '../db/helpers.js';
import { sqliteOperations } from '../../src/db/store/operations.js';

const GUILD = '1100000000000000001';
const OTHER_GUILD = '1100000000000000002';
const USER = '1000000000000000007';
const NOW = Date.parse('2024-02-01T00:00:00Z');

let opened: OpenedDatabase;
beforeEach(() => {
  opened = makeTestDb();
});
afterEach(() => opened.close());

const setup = (opts: { withDatabase?: boolean } = {}) => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'info', format: 'json', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const languages = createLanguageStore(opened.db);
  const ctx = {
    log,
    now: () => new Date(NOW),
    ...(opts.withDatabase === false
      ? {}
      : { languages, announcements: { db: sqliteOperations(opened.db), send: async () => ({ kind: 'sent' as const, messageIds: [] }), lateWindowMs: 0 } }),
  } as unknown as CommandContext;
  const router = createRouter({ commands, ctx, log });
  /** Runs /privacy as USER in `guildId` (null: a DM) and returns the one reply. */
  const ask = async (guildId: string | null) => {
    const { interaction, reply } = fakeChatInput('privacy');
    Object.defineProperty(interaction, 'guildId', { value: guildId });
    await router.handle(interaction as unknown as Interaction);
    expect(reply).toHaveBeenCalledTimes(1);
    return reply.mock.calls[0]![0] as { content: string; flags?: number; allowedMentions?: unknown };
  };
  return { ask, languages, lines };
};

const subscribe = (guildId: string, channelId: string) =>
  setSubscription(opened.db, { guildId, channelId, roleId: null, leadsMs: [3_600_000], recap: true }, NOW);

describe('/privacy', () => {
  test('is registered, once, as a command of the explicit list', () => {
    expect(commands.filter((c) => c.data.name === 'privacy')).toHaveLength(1);
    expect(commands.find((c) => c.data.name === 'privacy')!.data.toJSON().description).toBe(PRIVACY_TEXT.description);
  });

  test('GIVEN a user with a language choice in a server with two announcement channels THEN a private reply says so, and how to delete each', async () => {
    const { ask, languages, lines } = setup();
    languages.setUser(USER, 'fr', NOW);
    subscribe(GUILD, '1200000000000000001');
    subscribe(GUILD, '1200000000000000002');
    subscribe(OTHER_GUILD, '1200000000000000003');

    const answer = await ask(GUILD);
    expect(answer.flags).toBe(MessageFlags.Ephemeral);
    expect(answer.allowedMentions).toEqual({ parse: [] });
    expect(answer.content.length).toBeLessThanOrEqual(2000);
    // The user chose French: the summary is in French (the client is en-US, so the commands keep their English names).
    expect(answer.content).toContain('• Votre identifiant et la langue choisie (Français), jusqu\'à `/language reset`.');
    // This server's channels only, not the other server's.
    expect(answer.content).toContain("• 2 salons d'annonces : les identifiants du serveur et des salons");
    expect(answer.content).toContain('• `/language reset` oublie votre choix de langue.');
    expect(answer.content).toContain("• Aucune langue de serveur n'est choisie");
    expect(answer.content).toContain('`/announcements off` arrête les messages ; retirer le bot supprime les réglages du serveur et ses messages 30 jours plus tard');
    expect(answer.content).toContain("publiées par l'opérateur de ce bot");
    // The router's one line for it: an ordinary, successful interaction.
    expect(lines.filter((l) => l.msg === 'interaction')).toMatchObject([{ command: 'privacy', outcome: 'ok', userId: USER, guildId: GUILD }]);
  });

  test('GIVEN the user reset their language THEN /privacy says nothing is stored about them', async () => {
    const { ask, languages } = setup();
    languages.setUser(USER, 'ar', NOW);
    const arabic = (await ask(GUILD)).content;
    expect(arabic).toContain('(العربية)');
    expect(arabic).toContain('ما يحتفظ به هذا البوت');
    expect(arabic).not.toMatch(/[\u202A-\u202E]/);
    expect(languages.clearUser(USER)).toBe(true);
    const after = (await ask(GUILD)).content;
    expect(after).toContain('• Nothing stored: a language you choose with `/language set`');
    expect(after).not.toContain('العربية');
    expect(after).toContain('• No announcement channels are set up here.');
  });

  test('GIVEN a server language chosen by an admin THEN /privacy names it, apart from the user\'s own (none)', async () => {
    const { ask, languages } = setup();
    languages.setServer(GUILD, 'pt', '1000000000000000009', NOW);
    const content = (await ask(GUILD)).content;
    // The server's language is Portuguese, so the summary is in Portuguese.
    expect(content).toContain('• A língua do servidor (Português) e o id do administrador que a escolheu, até `/language reset scope:server`.');
    expect(content).toContain('• Nada: uma língua escolhida com `/language set`');
    // Another server's /privacy does not show it (and is in English).
    expect((await ask(OTHER_GUILD)).content).toContain('• No server language is set');
  });

  test('GIVEN a direct message THEN no server section', async () => {
    const { ask } = setup();
    subscribe(GUILD, '1200000000000000001');
    const content = (await ask(null)).content;
    expect(content).toContain(PRIVACY_TEXT.inDm);
    expect(content).not.toContain(PRIVACY_TEXT.aboutServer);
    expect(content).not.toContain('announcement channel');
  });

  test('GIVEN a bot without a database (a bare context) THEN it still answers, in general terms', async () => {
    const { ask } = setup({ withDatabase: false });
    const content = (await ask(GUILD)).content;
    expect(content).toContain(PRIVACY_TEXT.yourLanguageUnknown);
    expect(content).toContain(PRIVACY_TEXT.serverChannelsUnknown);
  });

  test.each([
    { facts: { inGuild: true, userLanguage: null, channels: 1 }, has: '• 1 announcement channel:' },
    { facts: { inGuild: true, userLanguage: 'English', channels: 0 }, has: '(English)' },
    { facts: { inGuild: false, userLanguage: undefined, channels: undefined }, has: PRIVACY_TEXT.inDm },
  ])('renderPrivacy($facts) contains "$has" and stays within one message', ({ facts, has }) => {
    const text = renderPrivacy(facts);
    expect(text).toContain(has);
    expect(text.length).toBeLessThanOrEqual(2000);
  });
});
