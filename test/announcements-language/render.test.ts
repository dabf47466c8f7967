import type { APIEmbed } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { seasonRounds } from '../../src/domain/calendar.js';
import type { Season } from '../../src/domain/types.js';
import type { PlanningRound } from '../../src/domain/announcements.js';
import { fitsDiscordLimits, renderMoved, renderPreview, renderRecap, renderTestMessage, type RenderedPost } from '../../src/discord/announcements/render.js';
import { createI18n, type Language } from '../../src/i18n/index.js';
import { RESOURCES } from '../../src/i18n/resources.js';
import { readSeasonFile } from '../../src/season/read.js';
import { goal, match, season as makeSeason, team } from '../domain/builders.js';

// Every announcement post in French, Arabic and Portuguese: within Discord's limits, no English
// sentence of the post resources left, no U+202E, Latin names isolated and table lines LRI…PDI in Arabic.

const i18n = createI18n();
const { season } = readSeasonFile();
const OTHERS: readonly Language[] = ['fr', 'ar', 'pt'];

const text = (post: RenderedPost): string =>
  post.messages
    .flat()
    .map((e: APIEmbed) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n'))
    .join('\n');

/** The literal pieces (6+ letters long, with a space) of the English announcement texts: none may show in another language. */
const englishPieces = (() => {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const piece of node.split(/\{\{[^}]+\}\}/)) {
        const trimmed = piece.replace(/^[\s:;,.()·—*]+|[\s:;,.()·—*]+$/g, '');
        if (trimmed.length >= 6 && /[a-z]{3,} [a-z]/i.test(trimmed)) out.add(trimmed);
      }
    } else if (node !== null && typeof node === 'object') {
      for (const value of Object.values(node)) walk(value);
    }
  };
  const en = RESOURCES.en as Record<string, unknown>;
  walk(en.announcements);
  walk((en.words as Record<string, unknown>).status);
  return [...out];
})();

const round = (s: Season, key: string): PlanningRound => {
  const r = seasonRounds(s).find((x) => x.key === key);
  if (!r) throw new Error(`no round ${key}`);
  return r;
};

const posts = (language: Language): [string, RenderedPost][] => {
  const tr = i18n.translator(language);
  return [
    ...(['GS-MD1', 'GS-MD2', 'GS-MD6', 'QF-L2', 'F-L2', 'R1-L1'] as const).flatMap((key): [string, RenderedPost][] => [
      [`${key} preview`, renderPreview(season, round(season, key), tr)],
      [`${key} recap`, renderRecap(season, round(season, key), tr)],
    ]),
    [
      'moved',
      renderMoved(season, round(season, 'GS-MD1'), [
        { matchId: round(season, 'GS-MD1').matches[0]!.id, before: null, after: { id: 'x', kickoff: null, date: '2023-11-27', state: 'on' } },
        { matchId: round(season, 'GS-MD1').matches[1]!.id, before: { id: 'y', kickoff: '2023-11-26T13:00:00Z', date: '2023-11-26', state: 'on' }, after: { id: 'y', kickoff: null, date: null, state: 'postponed' } },
      ], tr),
    ],
    ['test', renderTestMessage({ leads: ['24h', '1h'], recap: true, roleId: null }, tr)],
  ];
};

test('GIVEN the English posts THEN the check has pieces to find, and finds them there', () => {
  expect(englishPieces.length).toBeGreaterThan(20);
  const english = posts('en').map(([, post]) => text(post)).join('\n');
  expect(englishPieces.filter((piece) => english.includes(piece)).length).toBeGreaterThan(5);
});

describe.each(OTHERS)('announcement posts in %s', (language) => {
  const all = posts(language);

  test('GIVEN every kind of post THEN each fits Discord’s limits, has no U+202E and no English sentence of the post texts', () => {
    for (const [name, post] of all) {
      expect(fitsDiscordLimits(post), name).toBe(true);
      const body = text(post);
      expect(body, name).not.toContain('\u202e');
      for (const piece of englishPieces) expect(body, `${name}: "${piece}"`).not.toContain(piece);
      expect(body, name).not.toMatch(/\bMatchday\b|— preview|— results|Who goes through|\bTie \d/);
    }
  });

  test('GIVEN matchday 1 THEN the title names the matchday as fans say it', () => {
    const title = renderPreview(season, round(season, 'GS-MD1'), i18n.translator(language)).messages[0]?.[0]?.title;
    expect(title).toBe({ fr: 'Phase de groupes · Journée 1 — avant-match', ar: 'دور المجموعات · الجولة 1 — تقديم', pt: 'Fase de grupos · Jornada 1 — antevisão', en: '' }[language]);
  });
});

describe('Arabic layout', () => {
  const tr = i18n.translator('ar');

  test('GIVEN a recap with a group table THEN every table line is LRI…PDI, the Latin headings explained below, club names FSI…PDI', () => {
    const post = renderRecap(season, round(season, 'GS-MD2'), tr);
    const fields = post.messages.flat().flatMap((e) => e.fields ?? []);
    const table = fields.find((f) => f.value.startsWith('```'));
    expect(table).toBeDefined();
    const lines = table!.value.split('```')[1]!.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(line).toMatch(/^\u2066.*\u2069$/);
    expect(table!.value.split('```')[2]).toContain('المركز');
    // Club names: a Latin one FSI…PDI; Zamalek by its Arabic name (data/clubs.json names.ar), not isolated.
    expect(text(post)).toContain('\u2068Abu Salim\u2069');
    expect(text(post)).toContain('الزمالك');
    expect(text(post)).not.toContain('\u2068الزمالك');
  });

  test('GIVEN the final’s second leg THEN the winner and the competition are isolated in the Arabic sentence', () => {
    const body = text(renderRecap(season, round(season, 'F-L2'), tr));
    expect(body).toContain('🏆 البطل');
    expect(body).toMatch(/\u2068[^\u2069]+\u2069/);
  });
});

describe('limits in the longest language', () => {
  const longName = `${'Very Long Club Name '.repeat(15)}FC`;
  const teams = Array.from({ length: 80 }, (_, i) => team(`t${i}`, { name: `${longName} ${i}` }));
  const big = makeSeason({
    teams,
    matches: Array.from({ length: 40 }, (_, i) =>
      match({
        id: `R1-T${i + 1}-L1`,
        stage: 'first_round',
        tie: i + 1,
        leg: 1,
        home: `t${2 * i}`,
        away: `t${2 * i + 1}`,
        date: '2023-08-18',
        kickoff: null,
        venue: 'Somewhere Stadium',
        status: 'played',
        score: { home: 3, away: 2 },
        penalties: { home: 4, away: 3 },
        extraTime: true,
        goals: Array.from({ length: 5 }, (_, g) => goal(g < 3 ? `t${2 * i}` : `t${2 * i + 1}`, `Player With A Long Name ${g}`)),
      }),
    ),
  });

  test.each(['en', 'fr', 'ar', 'pt'] as const)('GIVEN 40 ties with 300-character names in %s THEN preview and recap split within every limit, no tie lost', (language) => {
    const tr = i18n.translator(language);
    for (const post of [renderPreview(big, round(big, 'R1-L1'), tr), renderRecap(big, round(big, 'R1-L1'), tr)]) {
      expect(fitsDiscordLimits(post)).toBe(true);
      expect(post.messages.length).toBeGreaterThan(1);
      const body = text(post);
      for (let i = 1; i <= 40; i++) expect(body).toContain(tr.t('announcements.post.tiePrefix', { n: i }));
    }
  });
});
