import type { Interaction } from 'discord.js';
import { describe, expect, test, vi } from 'vitest';
import { createLanguageStore } from '../../src/db/languages.js';
import { fixtures } from '../../src/discord/commands/fixtures.js';
import { standings } from '../../src/discord/commands/standings.js';
import type { CommandContext } from '../../src/discord/commands/types.js';
import type { MessagePayload } from '../../src/discord/render/limits.js';
import { createRouter } from '../../src/discord/router.js';
import { FSI, LRI, PDI } from '../../src/i18n/bidi.js';
import { createI18n } from '../../src/i18n/index.js';
import { silentLogger } from '../../src/log.js';
import { makeTestDb } from '../db/helpers.js';
import { makeCtx } from '../discord/commands/fakes.js';
import type { Season } from '../../src/domain/types.js';
import { hugeSeason, miniSeason } from '../discord/render/season-builder.js';

// /standings and /fixtures through the real router, with a real SQLite language store: the router
// resolves the reply's language once (user choice → server choice → client locale → server locale →
// English) and the commands answer in it, buttons and their errors included.

const GUILD = '1100000000000000001';
const FAN = '1000000000000000002';

const setup = (season: Season = miniSeason()) => {
  const { db } = makeTestDb();
  const languages = createLanguageStore(db);
  const log = silentLogger();
  const ctx: CommandContext = { ...makeCtx(season, new Date('2023-12-01T12:00:00Z')), i18n: createI18n(), languages };
  const router = createRouter({ commands: [standings, fixtures], ctx, log });

  interface Ask {
    readonly locale?: string;
    readonly guildLocale?: string | null;
    readonly command?: string;
    readonly options?: Readonly<Record<string, string | number>>;
    /** A paging button's custom_id instead of a slash command. */
    readonly button?: string;
  }

  /** One interaction through the router; what the user was shown (reply, update or private error). */
  const run = async (ask: Ask): Promise<{ payload: MessagePayload; ephemeral: boolean }> => {
    const state = { replied: false };
    const answer = vi.fn(async (_payload: MessagePayload & { flags?: unknown }) => {
      state.replied = true;
    });
    const isButton = ask.button !== undefined;
    const interaction = {
      id: '1200000000000000042',
      commandName: ask.command ?? 'standings',
      customId: ask.button,
      createdTimestamp: Date.now(),
      user: { id: FAN },
      guildId: GUILD,
      locale: ask.locale ?? 'en-US',
      guildLocale: ask.guildLocale ?? 'en-US',
      client: { shard: null },
      isAutocomplete: () => false,
      isChatInputCommand: () => !isButton,
      isButton: () => isButton,
      isStringSelectMenu: () => false,
      isRepliable: () => true,
      get replied() {
        return state.replied;
      },
      deferred: false,
      options: {
        getString: (name: string) => (ask.options?.[name] === undefined ? null : String(ask.options[name])),
        getInteger: (name: string) => (ask.options?.[name] === undefined ? null : Number(ask.options[name])),
      },
      reply: answer,
      update: answer,
      editReply: vi.fn(),
      followUp: answer,
    };
    await router.handle(interaction as unknown as Interaction);
    expect(answer).toHaveBeenCalledTimes(1);
    const payload = answer.mock.calls[0]![0];
    return { payload, ephemeral: payload.flags !== undefined };
  };
  return { run, languages };
};

const text = (payload: MessagePayload): string =>
  [payload.content ?? '', ...payload.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])].join('\n');

describe('the reply language, through the router', () => {
  test('a client in French (no choice stored) gets /standings in French', async () => {
    const { run } = setup();
    const { payload } = await run({ locale: 'fr', options: { group: 'A' } });
    expect(payload.embeds[0]?.title).toBe('Groupe A');
    expect(text(payload)).toContain('Équipe');
    expect(text(payload)).toContain('données mises à jour le');
  });

  test('a client in pt-BR gets /fixtures in Portuguese (the African/European spelling)', async () => {
    const { run } = setup();
    const { payload } = await run({ locale: 'pt-BR', command: 'fixtures', options: { when: 'all' } });
    expect(payload.embeds[0]?.title).toBe('Jogos e resultados · toda a época');
    expect(text(payload)).toContain('Fase de grupos, jornada 1');
  });

  test('a stored Arabic choice wins over a French client: /standings in Arabic, table lines LTR-isolated', async () => {
    const { run, languages } = setup();
    languages.setUser(FAN, 'ar', Date.now());
    const { payload } = await run({ locale: 'fr', options: { group: 'A' } });
    expect(payload.embeds[0]?.title).toBe(`المجموعة ${FSI}A${PDI}`);
    const tableLine = payload.embeds[0]?.description?.split('\n')[1] ?? '';
    expect(tableLine.codePointAt(0)).toBe(LRI.codePointAt(0));
    expect(tableLine.endsWith(PDI)).toBe(true);
  });

  test('a server set to Arabic answers a French client in Arabic; an English client with no choice stays English', async () => {
    const { run, languages } = setup();
    expect((await run({ locale: 'en-GB', command: 'fixtures', options: { when: 'all' } })).payload.embeds[0]?.title).toBe('Fixtures and results · whole season');
    languages.setServer(GUILD, 'ar', '1000000000000000001', Date.now());
    const { payload } = await run({ locale: 'fr', command: 'fixtures', options: { when: 'all' } });
    expect(payload.embeds[0]?.title).toBe('المباريات والنتائج · الموسم كاملًا');
  });

  test('a locale we do not speak falls back to the server locale, then English', async () => {
    const { run } = setup();
    expect((await run({ locale: 'de', guildLocale: 'fr', options: { group: 'A' } })).payload.embeds[0]?.title).toBe('Groupe A');
    expect((await run({ locale: 'de', guildLocale: 'ja', options: { group: 'A' } })).payload.embeds[0]?.title).toBe('Group A');
  });
});

describe('paging buttons and their errors, through the router', () => {
  test('an old button answers privately in the reply language, naming the command as the French picker shows it', async () => {
    const { run } = setup();
    const { payload, ephemeral } = await run({ locale: 'fr', button: 'fixtures:x:1' });
    expect(ephemeral).toBe(true);
    expect(payload.content).toContain("Ce bouton vient d'une ancienne version du bot. Relancez /matchs.");
  });

  test('a button for a team no longer in the data says so in Portuguese', async () => {
    const { run } = setup();
    const { payload } = await run({ locale: 'pt-BR', button: 'fixtures:p:1:w=a,t=no-such-club' });
    expect(payload.content).toContain('Essa equipa já não está nos dados. Volte a usar /jogos.');
  });

  test('a page button updates the message in the clicker’s language, pager label included', async () => {
    const { run } = setup(hugeSeason());
    const { payload } = await run({ locale: 'pt-BR', button: 'fixtures:p:2:w=a' });
    expect(payload.embeds[0]?.title).toBe('Jogos e resultados · toda a época');
    const label = payload.components[0]?.components[1];
    expect(label && 'label' in label ? label.label : '').toMatch(/^página 2\/\d+$/);
  });

  test('an empty list names the option and choice as a French picker shows them', async () => {
    const { run } = setup();
    const { payload } = await run({ locale: 'fr', command: 'fixtures', options: { when: 'upcoming', team: 'ghost-fc' } });
    expect(payload.embeds[0]?.description).toBe('Plus aucun match à venir pour ces filtres. Essayez `quand: Tous`.');
  });
});
