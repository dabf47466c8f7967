import { describe, expect, test } from 'vitest';
import { fixturesReply, type FixturesQuery } from '../../src/discord/commands/fixtures-query.js';
import type { MessagePayload } from '../../src/discord/render/limits.js';
import { FIXTURE_LINE_MAX, displayLength, fixtureLines, listNames } from '../../src/discord/render/match-format.js';
import { noteText, renderStandings } from '../../src/discord/render/standings.js';
import { escapeText } from '../../src/discord/render/text.js';
import { fateText } from '../../src/discord/render/words.js';
import { indexSeason } from '../../src/domain/season-index.js';
import { computeGroupTables } from '../../src/domain/standings.js';
import { computeTies } from '../../src/domain/ties.js';
import type { Match, Season } from '../../src/domain/types.js';
import { FSI, LRI, PDI } from '../../src/i18n/bidi.js';
import { createI18n, type Language } from '../../src/i18n/index.js';
import { RESOURCES, type ResourceTree } from '../../src/i18n/resources.js';
import { readSeasonFile } from '../../src/season/read.js';
import { allText, limitViolations } from '../discord/render/limits-check.js';
import { calendarEntry, match, miniSeason, season as emptySeason } from '../discord/render/season-builder.js';

// /standings and /fixtures in French, Arabic and Portuguese: within Discord's limits, no English
// sentence of ours left, no direction override, and in Arabic every Latin name and score isolated
// (FSI…PDI) and every table line kept left to right (LRI…PDI). English itself is pinned, byte for
// byte, by test/discord/render/{standings,fixtures}.test.ts and the crawl test.

const i18n = createI18n();
const TRANSLATED = ['fr', 'ar', 'pt'] as const;
const NOW = new Date('2024-06-01T12:00:00Z');
const real = readSeasonFile().season;

/** The sections this work put in the resource files. */
const SECTIONS = ['words', 'standings', 'fixtures', 'paging', 'footer'] as const;

const strings = (tree: ResourceTree | string | undefined): string[] =>
  tree === undefined ? [] : typeof tree === 'string' ? [tree] : Object.values(tree).flatMap(strings);

/**
 * Runs of English words our templates say ("on away goals", "result not published"): each template
 * cut at its placeholders and punctuation, kept where at least two words remain. A one-word run
 * ("page", "Final") can be the same word in another language, so it proves nothing.
 */
const ENGLISH_RUNS: readonly string[] = [
  ...new Set(
    SECTIONS.flatMap((section) => strings(RESOURCES.en[section]))
      .flatMap((text) => text.split(/\{\{[^}]*\}\}|[():;,·.`]/))
      .map((run) => run.trim())
      .filter((run) => run.split(/\s+/).filter((w) => /^[A-Za-z-]+$/.test(w)).length >= 2),
  ),
].sort((a, b) => b.length - a.length);

const englishLeft = (text: string): string[] => ENGLISH_RUNS.filter((run) => text.includes(run));

const standingsIn = (language: Language, s: Season = real): MessagePayload =>
  renderStandings(s, computeGroupTables(s), indexSeason(s).teamName, i18n.translator(language));

const fixturesIn = (language: Language, query: FixturesQuery, page = 1, s: Season = real, now = NOW): MessagePayload =>
  fixturesReply(s, query, page, now, { tr: i18n.translator(language), clientLocale: null });

const pageCount = (payload: MessagePayload): number => {
  const label = payload.components[0]?.components[1];
  const text = label && 'label' in label ? (label.label ?? '') : '';
  return text === '' ? 1 : Number(text.split('/')[1]);
};

/** Every page of a /fixtures view. */
const allPages = (language: Language, query: FixturesQuery, s: Season = real): MessagePayload[] => {
  const first = fixturesIn(language, query, 1, s);
  return [first, ...Array.from({ length: pageCount(first) - 1 }, (_, i) => fixturesIn(language, query, i + 2, s))];
};

const QUERIES: readonly FixturesQuery[] = [
  { when: 'all' },
  { when: 'results' },
  { when: 'all', team: 'rs-berkane' },
  { when: 'all', stage: 'group', group: 'B' },
  { when: 'all', stage: 'group', matchday: 3 },
];

/** Everything a reply in this language shows, every /fixtures page included. */
const everything = (language: Language): { payloads: MessagePayload[]; text: string } => {
  const payloads = [standingsIn(language), ...QUERIES.flatMap((q) => allPages(language, q))];
  return { payloads, text: payloads.map(allText).join('\n') };
};

/** Text outside code blocks (the table lines inside are checked on their own). */
const outsideCode = (text: string): string => text.replace(/```[\s\S]*?```/g, '');

describe.each(TRANSLATED.map((l) => [l] as const))('%s', (language) => {
  const { payloads, text } = everything(language);

  test('every page stays within every Discord limit', () => {
    for (const payload of payloads) expect(limitViolations(payload)).toEqual([]);
  });

  test('no English run of our templates is left, nor any of the domain’s English notes', () => {
    const english = computeGroupTables(real).flatMap((t) => t.notes);
    expect(english.length).toBeGreaterThan(0);
    for (const note of english) expect(text).not.toContain(escapeText(note));
    expect(ENGLISH_RUNS.length).toBeGreaterThan(40);
    expect(englishLeft(text)).toEqual([]);
    // And the check can fail: the English reply is full of them.
    expect(englishLeft(everything('en').text).length).toBeGreaterThan(10);
  });

  test('no direction override, Western digits, kickoffs as Discord timestamps', () => {
    expect(text).not.toMatch(/[\u202A-\u202E]/);
    expect(text).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/);
    expect(text).toMatch(/<t:\d+:f>/);
  });

  test('a fixture line fits a phone in this language too (the teams wrap to their own line instead)', () => {
    const lines = payloads.slice(1).flatMap((p) => (p.embeds[0]?.description ?? '').split('\n'));
    const listed = lines.filter((l) => l !== '' && !/^(\*\*|__|↳)/.test(l));
    expect(listed.length).toBeGreaterThan(100);
    expect(listed.filter((l) => displayLength(l) > FIXTURE_LINE_MAX)).toEqual([]);
  });

  test('the pager says its page in the language', () => {
    const label = fixturesIn(language, { when: 'all' }).components[0]?.components[1];
    const expected = { fr: 'page 1/', ar: 'صفحة 1/', pt: 'página 1/' }[language];
    expect(label && 'label' in label ? label.label : '').toContain(expected);
  });
});

describe('French and Portuguese say it as fans say it', () => {
  test.each([
    ['fr', ['Groupe A', 'J  G  N  P BP BC'], ['Finale, match retour', 'Phase de groupes, 3e journée', 'au cumul', 'qualifié']],
    ['pt', ['Grupo A', 'J  V  E  D GM GS'], ['Final, segunda mão', 'Fase de grupos, jornada 3', 'no agregado', 'apurado']],
  ] as const)('%s', (language, standings, fixtures) => {
    const table = allText(standingsIn(language));
    for (const word of standings) expect(table).toContain(word);
    const all = QUERIES.flatMap((q) => allPages(language, q)).map(allText).join('\n');
    for (const word of fixtures) expect(all).toContain(word);
  });

  test('a date without a time is in words of the language; English keeps its short form', () => {
    const s = { ...emptySeason(), calendar: [calendarEntry('draw', { kind: 'draw', stage: null, matchday: null, round: 'Draw', startDate: '2023-07-25', endDate: '2023-07-25' })] };
    const said = (l: Language) => fixturesIn(l, { when: 'upcoming' }, 1, s, new Date('2023-07-20T12:00:00Z')).embeds[0]?.description;
    expect(said('en')).toBe('No matches are known yet: the draw is on Tue 25 Jul 2023 (see /schedule).');
    expect(said('fr')).toBe("Aucun match n'est encore connu : le tirage au sort a lieu le 25 juillet 2023 (voir /schedule).");
    expect(said('pt')).toContain('25 de julho de 2023');
    expect(said('ar')).toContain('25 يوليو 2023');
  });
});

describe('standings notes from facts', () => {
  test.each([
    ['the real season', real],
    ['the mini season', miniSeason()],
  ] as const)('in English they are the domain’s own sentences, byte for byte (%s)', (_, s) => {
    const tables = computeGroupTables(s);
    expect(tables.some((t) => t.notes.length > 0)).toBe(true);
    for (const table of tables) {
      expect(table.noteFacts?.map((fact) => noteText(fact, indexSeason(s).teamName))).toEqual(table.notes);
    }
  });

  test('in French, a tiebreak note names the criterion as fans do', () => {
    const notes = computeGroupTables(real).flatMap((t) => (t.noteFacts ?? []).map((f) => noteText(f, indexSeason(real).teamName, i18n.translator('fr'))));
    expect(notes.join('\n')).toMatch(/départagés par (la différence de buts|les points en confrontations directes|les buts marqués)/);
  });
});

describe('plurals come from the language’s plural forms', () => {
  const fate = (l: Language, n: number) => fateText('Zamalek', 'through', n, i18n.translator(l));
  test('French: one journée, several journées', () => {
    expect(fate('fr', 1)).toBe('Zamalek est qualifié à une journée de la fin');
    expect(fate('fr', 2)).toBe('Zamalek est qualifié à 2 journées de la fin');
  });
  test('Arabic: one, two, few (3–10) and many (11–99) each have their form', () => {
    // Zamalek is الزمالك in Arabic (data/clubs.json names.ar): Arabic script, so no isolate around it.
    const forms = [1, 2, 3, 11].map((n) => fate('ar', n)?.replace('الزمالك', 'Z'));
    expect(forms).toEqual(['تأهل Z قبل جولة واحدة من النهاية', 'تأهل Z قبل جولتين من النهاية', 'تأهل Z قبل 3 جولات من النهاية', 'تأهل Z قبل 11 جولة من النهاية']);
  });
});

describe('Arabic lays out Latin names, scores and tables correctly', () => {
  const { payloads, text } = everything('ar');
  const teamNames = [...new Set(real.teams.flatMap((t) => [t.name, t.shortName ?? t.name]).flatMap((n) => [n, escapeText(n)]))];
  /** Removes every isolated run, longest names first so a name inside a longer one is not counted twice. */
  const withoutIsolates = (t: string): string => t.replace(new RegExp(`${FSI}[^${PDI}]*${PDI}`, 'g'), '');

  test('every Latin club name outside a table sits inside FSI…PDI', () => {
    const prose = outsideCode(text);
    const isolated = [...prose.matchAll(new RegExp(`${FSI}([^${PDI}]*)${PDI}`, 'g'))].map((m) => m[1]);
    expect(isolated).toContain('USM Alger');
    const rest = withoutIsolates(prose);
    expect(teamNames.filter((name) => name.length > 2 && rest.includes(name))).toEqual([]);
  });

  test('a club with an Arabic name (data/clubs.json) is called by it outside the tables, not isolated; the tables keep the printed name', () => {
    const prose = outsideCode(text);
    for (const arabic of ['الزمالك', 'نهضة بركان', 'النادي الإفريقي']) {
      expect(prose).toContain(arabic);
      expect(prose).not.toContain(`${FSI}${arabic}`);
    }
    const tables = text.split('```').filter((_, i) => i % 2 === 1).join('\n');
    expect(tables).toContain('Zamalek');
    expect(tables).toContain('RS Berkane');
    expect(tables).not.toMatch(/[\u0600-\u06FF]/);
    // A fixture line: the Arabic name where the data has one, the Latin one isolated beside it.
    const line = outsideCode(allText(fixturesIn('ar', { team: 'zamalek', when: 'results' })))
      .split('\n')
      .find((l) => l.includes('الزمالك') && l.includes(`${FSI}Modern Future${PDI}`));
    expect(line).toBeDefined();
    // The preposition is a word of its own ("لصالح"), so it reads right before an Arabic name too, never "لـالزمالك".
    const zamalek = outsideCode(allText(fixturesIn('ar', { team: 'zamalek', when: 'results' })));
    expect(zamalek).toContain('فوز إداري لصالح الزمالك');
    expect(zamalek).not.toMatch(/لـ[\u0600-\u06FF]/);
    expect(outsideCode(text)).not.toMatch(/لـ[\u0600-\u06FF]/);
  });

  test('every score outside a table sits inside FSI…PDI (a bare "2–1" would read "1–2")', () => {
    const prose = outsideCode(text);
    expect(prose).toContain(`**${FSI}1–0${PDI}**`);
    expect(withoutIsolates(prose)).not.toMatch(/\d+–\d+/);
  });

  test('every line of a standings table is wrapped in LRI…PDI, and the column key is an Arabic line of its own', () => {
    const standings = payloads[0]!;
    for (const embed of standings.embeds) {
      const description = embed.description ?? '';
      const table = /```\n([\s\S]*?)\n```/.exec(description)?.[1] ?? '';
      const lines = table.split('\n');
      expect(lines.length).toBeGreaterThan(4);
      for (const line of lines) {
        expect(line.codePointAt(0)).toBe(0x2066);
        expect(line.codePointAt(line.length - 1)).toBe(0x2069);
        expect(line.slice(1, -1)).not.toMatch(/[\u2066-\u2069]/);
      }
      const after = description.split('```')[2]?.split('\n').filter((l) => l !== '') ?? [];
      expect(after[0]).toMatch(/^[^\n]*الفريق[^\n]*النقاط$/);
    }
    expect(LRI).toBe('\u2066');
  });

  test('headings are Arabic lines of their own', () => {
    const first = payloads[0]!.embeds[0]!;
    expect(first.title).toBe(`المجموعة ${FSI}A${PDI}`);
    const fixtures = fixturesIn('ar', { when: 'results' }).embeds[0]!;
    expect(fixtures.description?.split('\n')[0]).toBe('**النهائي، مباراة الإياب**');
  });
});

describe('a tie decided on penalties, in every language', () => {
  const base = miniSeason();
  const leg = (id: string, n: 1 | 2, home: string, away: string, extra: Partial<Match>): Match =>
    match(id, home, away, { stage: 'semi_final', group: null, matchday: null, tie: 7, leg: n, date: `2024-04-2${n}`, ...extra });
  const mini: Season = {
    ...base,
    matches: [
      ...base.matches,
      leg('SF7-L1', 1, 'rs-berkane', 'zamalek', { score: { home: 1, away: 0 } }),
      leg('SF7-L2', 2, 'zamalek', 'rs-berkane', { score: { home: 1, away: 0 }, extraTime: true, penalties: { home: 4, away: 3 } }),
    ],
  };
  const ties = new Map(computeTies(mini).flatMap((t) => t.legs.map((l) => [l.id, t] as const)));
  const penalties = mini.matches.find((m) => m.penalties !== null);
  test('en (unchanged)', () => {
    const lines = fixtureLines(penalties!, listNames(mini.teams, indexSeason(mini).teamName), ties.get(penalties!.id), { competition: mini.competition });
    expect(lines).toEqual(['Mon 22 Apr 2024 · Zamalek **1–0** (a.e.t., 4–3 pens) RS Berkane', '↳ Zamalek through on penalties (4–3 in the shoot-out, 1–1 on aggregate)']);
  });
  test.each([
    ['fr', 'tirs au but'],
    ['pt', 'grandes penalidades'],
    ['ar', 'ركلات الترجيح'],
  ] as const)('%s', (language, words) => {
    expect(penalties).toBeDefined();
    const tr = i18n.translator(language);
    const lines = fixtureLines(penalties!, listNames(mini.teams, indexSeason(mini).teamName), ties.get(penalties!.id), { competition: mini.competition, tr });
    expect(lines.join('\n')).toContain(words);
    expect(englishLeft(lines.join('\n'))).toEqual([]);
  });
});
