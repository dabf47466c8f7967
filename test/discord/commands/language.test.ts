import { MessageFlags, PermissionFlagsBits, PermissionsBitField, type Interaction } from 'discord.js';
import { describe, expect, test, vi } from 'vitest';
import { createLanguageStore } from '../../../src/db/languages.js';
import { language } from '../../../src/discord/commands/language.js';
import type { CommandContext } from '../../../src/discord/commands/types.js';
import { createRouter } from '../../../src/discord/router.js';
import { FSI, PDI } from '../../../src/i18n/bidi.js';
import { createI18n } from '../../../src/i18n/index.js';
import { silentLogger } from '../../../src/log.js';
import { makeTestDb } from '../../db/helpers.js';

// /language set|show|reset through the real router (the error boundary), against a real SQLite
// database with the real migrations; the interaction is a structural fake of what the command reads.

const GUILD = '1100000000000000001';
const ADMIN = '1000000000000000001';
const FAN = '1000000000000000002';

interface Ask {
  readonly user?: string;
  readonly sub: 'set' | 'show' | 'reset';
  readonly options?: Readonly<Record<string, string>>;
  /** The Discord client's language (interaction.locale). */
  readonly locale?: string;
  readonly guildLocale?: string | null;
  readonly inGuild?: boolean;
  readonly manageServer?: boolean;
}

const setup = () => {
  const { db } = makeTestDb();
  const languages = createLanguageStore(db);
  const log = silentLogger();
  const ctx = { log, now: () => new Date('2024-05-01T00:00:00Z'), i18n: createI18n(), languages } as unknown as CommandContext;
  const router = createRouter({ commands: [language], ctx, log });

  /** Runs one /language interaction and returns the (ephemeral) text it replied with. */
  const run = async (ask: Ask): Promise<{ content: string; flags: unknown }> => {
    const inGuild = ask.inGuild ?? true;
    const state = { replied: false };
    const reply = vi.fn(async (_payload: { content: string; flags?: unknown }) => {
      state.replied = true;
    });
    const interaction = {
      id: '1200000000000000042',
      commandName: 'language',
      createdTimestamp: Date.now(),
      user: { id: ask.user ?? FAN },
      guildId: inGuild ? GUILD : null,
      locale: ask.locale ?? 'en-US',
      guildLocale: inGuild ? (ask.guildLocale ?? 'en-US') : null,
      memberPermissions: inGuild ? new PermissionsBitField(ask.manageServer ? PermissionFlagsBits.ManageGuild : PermissionFlagsBits.SendMessages) : null,
      inGuild: () => inGuild,
      isAutocomplete: () => false,
      isChatInputCommand: () => true,
      isButton: () => false,
      isStringSelectMenu: () => false,
      isRepliable: () => true,
      get replied() {
        return state.replied;
      },
      deferred: false,
      options: {
        getSubcommand: () => ask.sub,
        getString: (name: string) => ask.options?.[name] ?? null,
      },
      reply,
      editReply: vi.fn(),
      followUp: vi.fn(),
    };
    await router.handle(interaction as unknown as Interaction);
    expect(reply).toHaveBeenCalledTimes(1);
    const payload = reply.mock.calls[0]![0];
    return { content: payload.content, flags: payload.flags };
  };
  return { run, languages };
};

describe('/language set', () => {
  test('GIVEN a fan whose client is in English WHEN they set French THEN the reply is already French, private, and stored', async () => {
    const { run, languages } = setup();
    const reply = await run({ sub: 'set', options: { language: 'fr' } });
    expect(reply.content).toBe('Désormais, je vous réponds en français, sur tous les serveurs et en message privé.');
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(languages.choicesFor(FAN, GUILD)).toEqual({ user: 'fr', server: null });
  });

  test('GIVEN Arabic chosen WHEN the fan asks /language show THEN it answers in Arabic, with Latin command names isolated', async () => {
    const { run } = setup();
    await run({ sub: 'set', options: { language: 'ar' } });
    const { content } = await run({ sub: 'show' });
    expect(content.split('\n')[0]).toBe('أجيبك باللغة **العربية**: لأنك اخترتها.');
    expect(content).toContain(`${FSI}\`/language set\`${PDI}`);
    expect(content).not.toMatch(/[\u202A-\u202E]/);
  });

  test('GIVEN a member without Manage Server WHEN they set the server language THEN they are refused in their language and nothing is stored', async () => {
    const { run, languages } = setup();
    const { content } = await run({ sub: 'set', options: { language: 'ar', scope: 'server' }, locale: 'fr' });
    expect(content).toBe(
      'Seuls les membres ayant la permission **Gérer le serveur** peuvent choisir la langue de ce serveur. Pour choisir la vôtre, laissez `portée` vide.',
    );
    expect(languages.choicesFor(FAN, GUILD).server).toBeNull();
  });

  test('GIVEN DMs WHEN someone sets a server language THEN they are told to run it in a server', async () => {
    const { run } = setup();
    const { content } = await run({ sub: 'set', options: { language: 'pt', scope: 'server' }, inGuild: false, manageServer: true });
    expect(content).toBe("A server's language is chosen in that server: run this command there, not in DMs.");
  });

  test('GIVEN an admin sets the server to Arabic THEN a member whose client is in French is answered in Arabic', async () => {
    const { run } = setup();
    const set = await run({ user: ADMIN, sub: 'set', options: { language: 'ar', scope: 'server' }, manageServer: true });
    expect(set.content).toMatch(/^لغة هذا الخادم الآن: العربية\./);
    const { content } = await run({ user: FAN, sub: 'show', locale: 'fr' });
    expect(content.split('\n')).toEqual([
      'أجيبك باللغة **العربية**: لأن هذا الخادم اختارها.',
      'اختيارك: لا شيء.',
      'اختيار هذا الخادم: العربية.',
      // The client is French, so the commands named are the ones its picker shows.
      `${FSI}\`/langue choisir\`${PDI} يختار لغة لك (أو للخادم، مع صلاحية إدارة الخادم)؛ ${FSI}\`/langue oublier\`${PDI} ينسى الاختيار.`,
    ]);
  });

  test('GIVEN a language off the list (a forged payload) THEN a user error, nothing stored', async () => {
    const { run, languages } = setup();
    const { content } = await run({ sub: 'set', options: { language: '__proto__' }, locale: 'pt-BR' });
    expect(content).toBe('Escolha um dos valores propostos para `idioma`.');
    expect(languages.choicesFor(FAN, GUILD).user).toBeNull();
  });
});

describe('/language show: what is in effect, and why', () => {
  test.each([
    ['a French client', { locale: 'fr' }, 'Je vous réponds en **français** : votre application Discord est en français.'],
    ['a Brazilian Portuguese client', { locale: 'pt-BR' }, 'Respondo-lhe em **português**: a sua aplicação Discord está em português.'],
    ['a British English client', { locale: 'en-GB' }, 'I answer you in **English**: your Discord app is in English.'],
    ['a German client in a French server', { locale: 'de', guildLocale: 'fr' }, 'Je vous réponds en **français** : ce serveur est en français sur Discord.'],
    [
      'a German client in a German server',
      { locale: 'de', guildLocale: 'de' },
      'I answer you in **English**: no one chose a language and your Discord app is in a language I do not speak, so English.',
    ],
  ] as const)('%s', async (_label, where, first) => {
    const { run } = setup();
    const { content } = await run({ sub: 'show', ...where });
    expect(content.split('\n')[0]).toBe(first);
  });
});

describe('/language reset', () => {
  test('GIVEN a fan who chose Portuguese WHEN they reset THEN their client language applies again, and a second reset says there was nothing', async () => {
    const { run, languages } = setup();
    await run({ sub: 'set', options: { language: 'pt' }, locale: 'fr' });
    expect((await run({ sub: 'reset', locale: 'fr' })).content).toBe(
      'Votre choix est oublié. Je vous réponds maintenant en français : votre application Discord est en français.',
    );
    expect(languages.choicesFor(FAN, GUILD).user).toBeNull();
    expect((await run({ sub: 'reset', locale: 'fr' })).content).toMatch(/^Vous n'aviez pas choisi de langue\./);
  });

  test("GIVEN a server choice WHEN an admin resets with scope:server THEN it is forgotten; a fan cannot", async () => {
    const { run, languages } = setup();
    await run({ user: ADMIN, sub: 'set', options: { language: 'fr', scope: 'server' }, manageServer: true });
    await run({ user: FAN, sub: 'reset', options: { scope: 'server' } });
    expect(languages.choicesFor(FAN, GUILD).server).toBe('fr');
    const { content } = await run({ user: ADMIN, sub: 'reset', options: { scope: 'server' }, manageServer: true });
    expect(content).toBe("This server's choice is forgotten. I now answer you in English: your Discord app is in English.");
    expect(languages.choicesFor(FAN, GUILD).server).toBeNull();
  });
});

describe('the language choices table', () => {
  test('GIVEN a value that is not a language or an id that is not a snowflake THEN the database refuses it', () => {
    const { db } = makeTestDb();
    const store = createLanguageStore(db);
    expect(() => store.setUser(FAN, 'de' as never, 0)).toThrow(/CHECK constraint failed/);
    expect(() => store.setServer('abc', 'fr', ADMIN, 0)).toThrow(/CHECK constraint failed/);
    store.setServer(GUILD, 'fr', ADMIN, 0);
    store.setServer(GUILD, 'pt', ADMIN, 1);
    expect(store.choicesFor(FAN, GUILD)).toEqual({ user: null, server: 'pt' });
    expect(store.choicesFor(FAN, null)).toEqual({ user: null, server: null });
  });
});
