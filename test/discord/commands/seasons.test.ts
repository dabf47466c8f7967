// Every fan command chooses a season: its `competition` option (autocomplete over the catalog), else
// the server's default, else the season in progress, else the most recently finished. Through the real
// router with two real seasons (Confederation Cup and Champions League 2023–24).
import { MessageFlags, type Interaction } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { commands } from '../../../src/discord/commands/index.js';
import { parseMatchButtonId } from '../../../src/discord/commands/match.js';
import type { CommandContext } from '../../../src/discord/commands/types.js';
import type { MessagePayload } from '../../../src/discord/render/limits.js';
import { createRouter } from '../../../src/discord/router.js';
import { createI18n } from '../../../src/i18n/index.js';
import { createLogger } from '../../../src/log.js';
import { limitViolations } from '../render/limits-check.js';
import { fakeAutocomplete, fakeButton, fakeChatInput, makeCtx, type FakeOrigin } from './fakes.js';
import { catalogOf, championsLeague as cl, confederationCup as cc } from './two-seasons.js';

const AFTER_BOTH = new Date('2024-06-01T12:00:00Z');
const GUILD = '200000000000000001';

const context = (overrides: Partial<CommandContext> = {}, now = AFTER_BOTH): CommandContext => ({
  ...makeCtx(cc, now),
  i18n: createI18n(),
  catalog: catalogOf(cl, cc),
  ...overrides,
});

/** One interaction through the router: the payloads the user saw and the router's summary line. */
const route = async (interaction: unknown, ctx: CommandContext) => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', format: 'json', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  await createRouter({ commands, ctx: { ...ctx, log }, log }).handle(interaction as Interaction);
  return { summary: lines.find((l) => 'outcome' in l) };
};

const slash = async (name: string, options: Record<string, string | number> = {}, ctx = context(), origin: FakeOrigin = {}) => {
  const { interaction, reply } = fakeChatInput(name, options, origin);
  const { summary } = await route(interaction, ctx);
  const payload = reply.mock.calls[0]?.[0] as MessagePayload & { content?: string; flags?: number };
  return { payload, summary };
};

const ok = async (name: string, options: Record<string, string | number> = {}, ctx = context(), origin: FakeOrigin = {}) => {
  const { payload, summary } = await slash(name, options, ctx, origin);
  expect(summary).toMatchObject({ outcome: 'ok' });
  expect(limitViolations(payload)).toEqual([]);
  return payload;
};

const footer = (payload: MessagePayload): string => payload.embeds.at(-1)?.footer?.text ?? '';
const text = (payload: MessagePayload): string =>
  payload.embeds.map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n')).join('\n');
const groupClubs = (season: typeof cl, group: string): string[] =>
  season.teams.filter((t) => t.group === group).map((t) => t.shortName ?? t.name);

describe('/about competition:', () => {
  test('shows the chosen season’s own data version, not the default season’s', async () => {
    const versions = new Map([
      [cc.id, { hash: 'cccccccccccc0000', importedAt: new Date('2024-06-01T08:00:00Z') }],
      [cl.id, { hash: 'c1c1c1c1c1c10000', importedAt: new Date('2024-10-05T08:00:00Z') }],
    ]);
    const ctx = context({ dataVersion: (id) => (id === undefined ? (versions.get(cc.id) ?? null) : (versions.get(id) ?? null)) });
    expect(text(await ok('about', { competition: cl.id }, ctx))).toContain('c1c1c1c1c1c1');
    expect(text(await ok('about', { competition: cl.id }, ctx))).not.toContain('cccccccccccc');
    expect(text(await ok('about', { competition: cc.id }, ctx))).toContain('cccccccccccc');
  });
});

describe('/standings competition:', () => {
  test('the Champions League group B: its four clubs, and a footer naming the competition, season and data date', async () => {
    const payload = await ok('standings', { competition: cl.id, group: 'B' });
    const table = text(payload);
    expect(groupClubs(cl, 'B')).toHaveLength(4);
    for (const club of ['Wydad', 'Simba', 'ASEC', 'Jwaneng']) expect(table).toContain(club);
    for (const club of groupClubs(cc, 'B')) expect(table).not.toContain(club);
    expect(footer(payload)).toMatch(new RegExp(`^CAF Champions League 2023–24 · data updated ${cl.asOf} · sources: /about · `));
  });

  test('a title typed in full (no pick from the list) is the same season; case and dash do not matter', async () => {
    const picked = await ok('standings', { competition: cl.id, group: 'B' });
    const typed = await ok('standings', { competition: 'caf champions league 2023-24', group: 'B' });
    expect(text(typed)).toBe(text(picked));
  });

  test('the Confederation Cup group B is another table', async () => {
    const payload = await ok('standings', { competition: cc.id, group: 'B' });
    expect(text(payload)).toContain('Zamalek');
    expect(text(payload)).not.toContain('Wydad');
    expect(footer(payload)).toMatch(/^CAF Confederation Cup 2023–24 · data updated /);
  });

  test('an unknown competition is a private refusal naming the seasons there are', async () => {
    const { payload, summary } = await slash('standings', { competition: 'Premier League 1992' });
    expect(summary).toMatchObject({ outcome: 'user_error' });
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    expect(payload.content).toContain('No competition or season matches "Premier League 1992"');
    expect(payload.content).toContain('CAF Champions League 2023–24');
    expect(payload.content).toContain('CAF Confederation Cup 2023–24');
  });

  test('the refusal is in the reply language (a French client), the option named as its picker shows it', async () => {
    const { payload } = await slash('standings', { competition: 'ligue des nations' }, context(), { locale: 'fr' });
    expect(payload.content).toContain('Aucune compétition ni saison ne correspond à « ligue des nations »');
    expect(payload.content).toContain('`compétition`');
  });

  test('a refused value is echoed escaped and cut, and pings no one', async () => {
    const { payload } = await slash('standings', { competition: `**Ligue** <@123456789012345678> @everyone ${'x'.repeat(80)}` });
    expect(payload.allowedMentions).toEqual({ parse: [] });
    expect(payload.content).toContain('\\*\\*Ligue\\*\\*');
    expect(payload.content).not.toContain('x'.repeat(41));
  });

  test('a forged value that is no id and no title (prototype member, mention) is refused, never looked up', async () => {
    for (const value of ['__proto__', 'constructor', '@everyone']) {
      const { summary } = await slash('standings', { competition: value });
      expect(summary).toMatchObject({ outcome: 'user_error' });
    }
  });
});

describe('without the option', () => {
  test('after both seasons: the most recently finished (its last result: the Champions League final on 25 May, the Confederation Cup\'s on 19 May), whatever the catalog order', async () => {
    expect(footer(await ok('standings', {}, context({ catalog: catalogOf(cl, cc) })))).toMatch(/^CAF Champions League/);
    expect(footer(await ok('standings', {}, context({ catalog: catalogOf(cc, cl) })))).toMatch(/^CAF Champions League/);
  });

  test('a season in progress comes before a newer one that has not started', async () => {
    // 1 August 2023: neither has started; 20 August: both have; a constructed case where only one has:
    // the Confederation Cup with its matches a year later stands for a newer season still upcoming.
    const later = { ...cc, id: 'caf-cc-later', champion: null, matches: [] };
    const ctx = context({ catalog: catalogOf(later, cl) }, new Date('2023-08-20T23:00:00Z'));
    expect(footer(await ok('fixtures', {}, ctx))).toMatch(/^CAF Champions League/);
  });

  test("the server's default comes first; a default no longer loaded falls back to the rule", async () => {
    const ctx = context({ catalog: catalogOf(cl, cc), guildSeason: (guildId) => (guildId === GUILD ? cc.id : 'gone-2019-20') });
    expect(footer(await ok('standings', {}, ctx, { guildId: GUILD }))).toMatch(/^CAF Confederation Cup/);
    expect(footer(await ok('standings', {}, ctx, { guildId: '200000000000000002' }))).toMatch(/^CAF Champions League/);
    // The option still wins over the server's default.
    expect(footer(await ok('standings', { competition: cl.id }, ctx, { guildId: GUILD }))).toMatch(/^CAF Champions League/);
  });

  test('a context with one season (no catalog) shows that season', async () => {
    const payload = await ok('standings', {}, { ...makeCtx(cc, AFTER_BOTH), i18n: createI18n() });
    expect(footer(payload)).toMatch(/^CAF Confederation Cup 2023–24 · data updated /);
  });
});

describe('every fan command takes competition:', () => {
  const FAN = ['fixtures', 'standings', 'scorers', 'team', 'match', 'next', 'bracket', 'schedule', 'rankings', 'about'] as const;

  test.each(FAN)('/%s declares an optional autocomplete competition option, localised in French and Portuguese', (name) => {
    const json = commands.find((c) => c.data.name === name)?.data.toJSON();
    const option = json?.options?.find((o) => o.name === 'competition') as
      | { required?: boolean; autocomplete?: boolean; name_localizations?: Record<string, string>; description_localizations?: Record<string, string> }
      | undefined;
    expect(option).toBeDefined();
    expect(option?.required ?? false).toBe(false);
    expect(option?.autocomplete).toBe(true);
    expect(option?.name_localizations).toMatchObject({ fr: 'compétition', 'pt-BR': 'competição' });
    expect(Object.keys(option?.description_localizations ?? {})).toEqual(expect.arrayContaining(['fr', 'pt-BR']));
  });

  test.each([
    ['fixtures', { when: 'results' }],
    ['scorers', {}],
    ['team', { team: 'Al Ahly SC' }],
    ['match', { team: 'Al Ahly SC', opponent: 'Esperance' }],
    ['next', {}],
    ['bracket', {}],
    ['schedule', {}],
    ['rankings', {}],
    ['about', {}],
  ] as const)('/%s competition:caf-cl-2023-24 answers from the Champions League', async (name, options) => {
    const payload = await ok(name, { ...options, competition: cl.id }, context({ catalog: catalogOf(cc, cl) }));
    expect(footer(payload)).toMatch(/^CAF Champions League 2023–24 · data updated /);
  });

  test('/team resolves the club in the chosen season only', async () => {
    const { summary } = await slash('team', { team: 'Al Ahly SC', competition: cc.id }, context({ catalog: catalogOf(cc, cl) }));
    expect(summary).toMatchObject({ outcome: 'user_error' });
    expect(text(await ok('team', { team: 'al ahly sc', competition: cl.id }))).toContain('Al Ahly');
  });

  test('without competition, a club the default season lacks is shown in the newest season it plays in', async () => {
    // The Champions League is the default here; Zamalek played the Confederation Cup, Al Ahly the Champions League.
    const payload = await ok('next', { team: 'zamalek' });
    expect(footer(payload)).toMatch(/^CAF Confederation Cup 2023–24 · /);
    expect(footer(await ok('team', { team: 'al ahly sc' }))).toMatch(/^CAF Champions League 2023–24 · /);
    // A club no season knows is still refused, with the default season's suggestions.
    expect((await slash('team', { team: 'qqqqzzzz' })).summary).toMatchObject({ outcome: 'user_error' });
  });
});

describe('autocomplete', () => {
  const choicesFor = async (name: string, focused: { name: string; value: string }, others: Record<string, string> = {}, ctx = context()) => {
    const { interaction, respond } = fakeAutocomplete(name, focused, others);
    await route(interaction, ctx);
    return respond.mock.calls[0]?.[0] ?? [];
  };

  test('competition: the catalog newest first, named "<competition> <label>" with an en dash, valued by season id', async () => {
    expect(await choicesFor('standings', { name: 'competition', value: '' })).toEqual([
      { name: 'CAF Champions League 2023–24', value: cl.id },
      { name: 'CAF Confederation Cup 2023–24', value: cc.id },
    ]);
  });

  test('competition: filtered by every word typed (accents, case, either dash)', async () => {
    expect((await choicesFor('fixtures', { name: 'competition', value: 'champ 2023-24' })).map((c) => c.value)).toEqual([cl.id]);
    expect((await choicesFor('about', { name: 'competition', value: 'CONFÉDÉRATION' })).map((c) => c.value)).toEqual([cc.id]);
    expect(await choicesFor('about', { name: 'competition', value: 'serie a' })).toEqual([]);
  });

  test('at most 25 choices from a large catalog', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...cl, id: `caf-cl-${1990 + i}`, competition: 'CAF Champions League' }));
    const choices = await choicesFor('standings', { name: 'competition', value: '' }, {}, context({ catalog: catalogOf(...many) }));
    expect(choices).toHaveLength(25);
    expect(choices[0]?.value).toBe('caf-cl-1990');
  });

  test("team: the clubs of the season the competition option names (picked, or typed so far), else the default's first, then the other seasons'", async () => {
    const clubs = async (others: Record<string, string>) => (await choicesFor('team', { name: 'team', value: 'ahly' }, others)).map((c) => c.value);
    const ahly = cl.teams.find((t) => t.name === 'Al Ahly SC')?.id;
    expect(await clubs({ competition: cl.id })).toContain(ahly);
    expect(await clubs({ competition: 'CAF Champions' })).toContain(ahly);
    expect(await clubs({ competition: cc.id })).not.toContain(ahly);
    const zamalek = async (others: Record<string, string>) => (await choicesFor('match', { name: 'opponent', value: 'zamalek' }, others)).map((c) => c.value);
    expect(await zamalek({ competition: cc.id })).toEqual(['zamalek']);
    expect(await zamalek({ competition: cl.id })).toEqual([]);
    // Without competition the default (Champions League) has no Zamalek: the Confederation Cup's is offered.
    expect(await zamalek({})).toEqual(['zamalek']);
  });
});

describe('buttons keep the season they were drawn for', () => {
  test('/fixtures paging carries the season: page 2 of the Champions League is still the Champions League', async () => {
    const ctx = context({ catalog: catalogOf(cc, cl) });
    const first = await ok('fixtures', { when: 'all', competition: cl.id }, ctx);
    const next = first.components.flatMap((row) => row.components).find((c) => 'label' in c && c.label === '▶') as { custom_id: string } | undefined;
    expect(next?.custom_id).toBe(`fixtures:p:2:w=a,c=${cl.id}`);
    const { interaction, update } = fakeButton(next?.custom_id ?? '');
    expect((await route(interaction, ctx)).summary).toMatchObject({ outcome: 'ok' });
    expect(footer(update.mock.calls[0]?.[0] as MessagePayload)).toMatch(/^CAF Champions League/);
  });

  test('a button for a season no longer loaded is a private "run it again"', async () => {
    const { interaction, reply } = fakeButton('fixtures:p:2:w=a,c=caf-cl-1999-00');
    expect((await route(interaction, context())).summary).toMatchObject({ outcome: 'user_error' });
    expect((reply.mock.calls[0]?.[0] as { content: string }).content).toBe('That season is no longer in the data. Run /fixtures again.');
  });

  test('/match picker buttons carry the season; an old button without one shows the default season', async () => {
    const ctx = context({ catalog: catalogOf(cc, cl) });
    const picker = await ok('match', { team: 'Al Ahly SC', competition: cl.id }, ctx);
    const ids = picker.components.flatMap((row) => row.components).map((c) => (c as { custom_id?: string; options?: { value: string }[] }).custom_id ?? '');
    const parsed = ids.map(parseMatchButtonId).filter((p) => p !== null);
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.every((p) => p.season === cl.id)).toBe(true);
    const legacy = fakeButton(`match:m:${cc.matches.find((m) => m.stage === 'final')?.id}`);
    expect((await route(legacy.interaction, context())).summary).toMatchObject({ outcome: 'ok' });
    expect(footer(legacy.update.mock.calls[0]?.[0] as MessagePayload)).toMatch(/^CAF Champions League/);
  });
});

describe('the footer in each language', () => {
  test.each([
    ['en', `CAF Champions League 2023–24 · data updated 2024-10-05 · sources: /about`],
    ['fr', 'CAF Champions League 2023–24 · données mises à jour le 5 octobre 2024 · sources : /about'],
    ['pt', 'CAF Champions League 2023–24 · dados atualizados em 5 de outubro de 2024 · fontes: /about'],
  ] as const)('%s', async (language, expected) => {
    const languages = { choicesFor: () => ({ user: language, server: null }) } as unknown as CommandContext['languages'];
    const payload = await ok('standings', { competition: cl.id, group: 'B' }, context({ ...(languages ? { languages } : {}) }));
    expect(footer(payload).startsWith(`${expected} · `)).toBe(true);
  });

  test('ar: the title isolated (Latin in a right-to-left line), the date in words', async () => {
    const languages = { choicesFor: () => ({ user: 'ar', server: null }) } as unknown as CommandContext['languages'];
    const payload = await ok('standings', { competition: cl.id, group: 'B' }, context({ ...(languages ? { languages } : {}) }));
    expect(footer(payload)).toMatch(/^\u2068CAF Champions League 2023–24\u2069 · آخر تحديث للبيانات 5 أكتوبر 2024 · /);
  });
});
