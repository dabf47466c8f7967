import { describe, expect, test } from 'vitest';
import { bracket } from '../../src/discord/commands/bracket.js';
import { match as matchCommand } from '../../src/discord/commands/match.js';
import { scorers as scorersCommand } from '../../src/discord/commands/scorers.js';
import { team as teamCommand } from '../../src/discord/commands/team.js';
import type { CommandContext } from '../../src/discord/commands/types.js';
import { renderBracket } from '../../src/discord/render/bracket.js';
import type { MessagePayload } from '../../src/discord/render/limits.js';
import { tiesByMatch } from '../../src/discord/render/match-format.js';
import { renderMatch, renderMatchChoice } from '../../src/discord/render/match.js';
import { renderScorers } from '../../src/discord/render/scorers.js';
import { renderTeam, type TeamView } from '../../src/discord/render/team.js';
import { createRouter } from '../../src/discord/router.js';
import { computeScorers, type ScorerStage } from '../../src/domain/scorers.js';
import { indexSeason } from '../../src/domain/season-index.js';
import { computeGroupTable } from '../../src/domain/standings.js';
import { bracketStages, computeTies } from '../../src/domain/ties.js';
import type { Season, TeamId } from '../../src/domain/types.js';
import { FSI, PDI } from '../../src/i18n/bidi.js';
import { createI18n, type Language, type Translator } from '../../src/i18n/index.js';
import { RESOURCES, type ResourceTree } from '../../src/i18n/resources.js';
import { readSeasonFile } from '../../src/season/read.js';
import { silentLogger } from '../../src/log.js';
import { fakeButton, fakeChatInput, makeCtx } from '../discord/commands/fakes.js';
import { allText, limitViolations } from '../discord/render/limits-check.js';
import { finalSeason, miniSeason } from '../discord/render/season-builder.js';

// /team, /match (its buttons and the words around its sources), /scorers and /bracket in French,
// Arabic and Portuguese: within Discord's limits, no English sentence of ours left, no direction
// override, Latin names isolated in Arabic. English is pinned byte for byte by
// test/discord/render/{cards,scorers}.test.ts, test/discord/commands/commands.test.ts and the crawl test.

const i18n = createI18n();
const TRANSLATED = ['fr', 'ar', 'pt'] as const;
const real = readSeasonFile().season;
const index = indexSeason(real);
const ties = computeTies(real);
const byMatch = tiesByMatch(ties);

const strings = (tree: ResourceTree | string | undefined): string[] =>
  tree === undefined ? [] : typeof tree === 'string' ? [tree] : Object.values(tree).flatMap(strings);

const words = RESOURCES.en.words as ResourceTree;
const OURS = [
  ...(['bracket', 'scorers', 'team', 'match'] as const).flatMap((s) => strings(RESOURCES.en[s])),
  ...strings((words as Record<string, ResourceTree>)['round']),
  ...strings((words as Record<string, ResourceTree>)['goal']),
  ...Object.entries(words).filter(([k]) => k.startsWith('unattributed')).flatMap(([, v]) => strings(v)),
];

/** Runs of at least two English words of our templates, cut at placeholders and punctuation. */
const ENGLISH_RUNS: readonly string[] = [
  ...new Set(
    OURS.flatMap((text) => text.split(/\{\{[^}]*\}\}|[():;,·.`…*🏆⚠️]/u))
      .map((run) => run.trim())
      .filter((run) => run.split(/\s+/).filter((w) => /^[A-Za-z'-]+$/.test(w)).length >= 2),
  ),
].sort((a, b) => b.length - a.length);

/** Data that stays as the sources give it (venues, referees, qualifying methods, association names, citations). */
const dataTexts = (s: Season): string[] => [
  ...s.matches.flatMap((m) => [m.venue, m.referee, ...m.sources]),
  ...s.teams.flatMap((t) => [t.qualifyingMethod, t.association, ...t.aliases]),
  ...s.associations.flatMap((a) => [a.name, a.shortName]),
].filter((x): x is string => typeof x === 'string' && x.length > 0);

const DATA = dataTexts(real).sort((a, b) => b.length - a.length);

const englishLeft = (text: string): string[] => {
  let rest = text;
  for (const data of DATA) rest = rest.split(data).join('');
  return ENGLISH_RUNS.filter((run) => rest.includes(run));
};

const teamView = (s: Season, id: TeamId, tr: Translator): TeamView => {
  const idx = indexSeason(s);
  const team = idx.teamById.get(id);
  if (!team) throw new Error(id);
  return {
    season: s,
    team,
    association: idx.associationByName.get(team.association) ?? null,
    teamName: idx.teamName,
    matches: idx.matchesOf(id),
    ties: computeTies(s).filter((t) => t.teams.includes(id)),
    groupTable: team.group === null ? null : computeGroupTable(s, team.group),
    scorers: { proper: computeScorers(s, { team: id, stage: 'proper' }), qualifying: computeScorers(s, { team: id, stage: 'qualifying' }) },
    tr,
  };
};

const STAGES: readonly ScorerStage[] = ['proper', 'qualifying', 'group', 'quarter_final', 'semi_final', 'final'];
/** Dates across the season, so the bracket shows draws, waiting stages, played ties and the champion. */
const BRACKET_DATES = ['2023-09-01', '2024-02-01', '2024-03-20', '2024-04-10', '2024-05-05', '2024-06-01'].map((d) => new Date(`${d}T12:00:00Z`));

/** Every reply of the four commands over the real season, in one language. */
const everything = (language: Language): MessagePayload[] => {
  const tr = i18n.translator(language);
  const teams = real.teams.map((t) => renderTeam(teamView(real, t.id, tr)));
  const matches = real.matches.map((m) =>
    renderMatch(
      { season: real, match: m, tie: byMatch.get(m.id) ?? null, teamName: index.teamName, now: new Date('2024-06-01'), tr },
      { matches: index.matchesOf(m.home), idFor: (id) => `match:m:${id}` },
    ),
  );
  const choices = real.teams.slice(0, 12).map((t) =>
    renderMatchChoice({ season: real, matches: index.matchesOf(t.id), ties: byMatch, teamName: index.teamName, heading: t.name, idFor: (id) => `match:m:${id}`, tr }),
  );
  const scorers = [
    ...STAGES.map((stage) => renderScorers({ season: real, table: computeScorers(real, { stage, limit: 15 }), teamName: index.teamName, heading: 'x', stage: null, limit: 15 }, tr)),
    renderScorers({ season: real, table: computeScorers(real, { stage: 'proper', limit: 50 }), teamName: index.teamName, heading: 'x', stage: null, limit: 50 }, tr),
    renderScorers({ season: real, table: computeScorers(real, { stage: 'proper', limit: 1 }), teamName: index.teamName, heading: 'x', stage: null, limit: 1 }, tr),
  ];
  const brackets = BRACKET_DATES.map((now) => renderBracket(real, bracketStages(real, now), index.teamName, tr));
  const mini = miniSeason();
  const final = finalSeason();
  const small = [
    ...mini.teams.map((t) => renderTeam(teamView(mini, t.id, tr))),
    ...final.teams.map((t) => renderTeam(teamView(final, t.id, tr))),
    ...[mini, final].flatMap((s) => {
      const idx = indexSeason(s);
      const tm = tiesByMatch(computeTies(s));
      return s.matches.map((m) => renderMatch({ season: s, match: m, tie: tm.get(m.id) ?? null, teamName: idx.teamName, now: new Date('2024-06-01'), tr }));
    }),
    renderBracket(final, bracketStages(final, new Date('2024-06-01')), indexSeason(final).teamName, tr),
  ];
  return [...teams, ...matches, ...choices, ...scorers, ...brackets, ...small];
};

const buttonLabels = (payload: MessagePayload): string[] =>
  payload.components.flatMap((row) => row.components.map((c) => ('label' in c ? (c.label ?? '') : '')));

const textOf = (payloads: readonly MessagePayload[]): string => payloads.map((p) => [allText(p), ...buttonLabels(p)].join('\n')).join('\n');

const english = textOf(everything('en'));

describe.each(TRANSLATED.map((l) => [l] as const))('%s', (language) => {
  const payloads = everything(language);
  const text = textOf(payloads);

  test('every reply stays within every Discord limit, button labels included', () => {
    for (const payload of payloads) expect(limitViolations(payload)).toEqual([]);
    for (const label of payloads.flatMap(buttonLabels)) expect(label.length).toBeLessThanOrEqual(80);
  });

  test('no English run of our templates is left (data from the sources aside)', () => {
    expect(ENGLISH_RUNS.length).toBeGreaterThan(60);
    expect(englishLeft(text)).toEqual([]);
    // And the check can fail: the English replies are full of them.
    expect(englishLeft(english).length).toBeGreaterThan(40);
  });

  test('no direction override, Western digits', () => {
    expect(text).not.toMatch(/[\u202A-\u202E]/);
    expect(text).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/);
  });
});

describe('the football words fans use', () => {
  const said = (l: Language) => textOf(everything(l));
  test.each([
    ['fr', ['match retour', 'Quart de finale, confrontation', 'tirs au but', 'journée', 'Phase à élimination directe', 'Fin du match', 'Buts']],
    ['pt', ['segunda mão', 'Quartos de final, confronto', 'grandes penalidades', 'jornada', 'golos', 'Final do jogo', 'Golos']],
    ['ar', ['مباراة الإياب', 'ربع النهائي', 'ركلات الترجيح', 'الجولة', 'الهدافون · المسابقة الرئيسية', 'نهاية المباراة', 'الأهداف']],
  ] as const)('%s', (language, expected) => {
    const text = said(language);
    for (const word of expected) expect(text).toContain(word);
  });
});

describe('Arabic keeps Latin names and scores as units', () => {
  const tr = i18n.translator('ar');
  test('a match card isolates both clubs, the score and the scorers', () => {
    const m = real.matches.find((x) => x.status === 'played' && x.score !== null && x.goals.some((g) => g.player !== null));
    if (!m) throw new Error('no played match with a scorer');
    const payload = renderMatch({ season: real, match: m, tie: byMatch.get(m.id) ?? null, teamName: index.teamName, now: new Date('2024-06-01'), tr });
    const embed = payload.embeds[0];
    const home = index.teamName(m.home);
    expect(embed?.title).toContain(`${FSI}${home}${PDI}`);
    const scorer = m.goals.find((g) => g.player !== null)?.player ?? '';
    const goals = embed?.fields?.find((f) => f.name === 'الأهداف')?.value ?? '';
    expect(goals).toContain(`${FSI}${scorer}`);
    expect(goals).toContain(`**${FSI}`);
  });

  test('every team card: the knockout opponent and the tie outcome are isolated', () => {
    const zamalek = real.teams.find((t) => real.champion === t.id) ?? real.teams[0];
    if (!zamalek) throw new Error('no team');
    const description = renderTeam(teamView(real, zamalek.id, tr)).embeds[0]?.description ?? '';
    expect(description).toMatch(/\*\*البطل\*\*/);
    expect(description).toMatch(new RegExp(`ضد ${FSI}[^${PDI}]+${PDI}`));
    // The result letters are Arabic letters, not W/D/L.
    expect(description).not.toMatch(/`[WDL]`/);
    expect(description).toMatch(/`[فتخ]`/);
  });

  test('the team card is titled with the club as Arabic fans know it where the data has the name, else the printed name isolated; its Arabic alias is not isolated', () => {
    const card = (id: string) => renderTeam(teamView(real, id, tr)).embeds[0];
    expect(card('zamalek')?.title).toBe('الزمالك');
    expect(card('rs-berkane')?.title).toBe('نهضة بركان');
    expect(card('usm-alger')?.title).toBe(`${FSI}USM Alger${PDI}`);
    expect(card('zamalek')?.fields?.find((f) => f.value.includes('Zamalek SC'))?.value).toContain(`${PDI}، الزمالك`);
    expect(renderTeam(teamView(real, 'zamalek', i18n.translator('fr'))).embeds[0]?.title).toBe('Zamalek');
  });

  test('scorer lines isolate player and club', () => {
    const payload = renderScorers({ season: real, table: computeScorers(real, { stage: 'proper', limit: 5 }), teamName: index.teamName, heading: 'x', stage: null, limit: 5 }, tr);
    const first = computeScorers(real, { stage: 'proper', limit: 5 }).rows[0];
    expect(payload.embeds[0]?.description).toContain(`**${FSI}${first?.player}${PDI}** (${FSI}${index.teamName(first?.team ?? '')}${PDI})`);
  });
});

describe('plurals and sentences', () => {
  test('more sources: French one and other, Arabic two and few', () => {
    expect(i18n.translator('fr').t('match.moreSources', { count: 1 })).toBe('et 1 autre source');
    expect(i18n.translator('fr').t('match.moreSources', { count: 3 })).toBe('et 3 autres sources');
    expect(i18n.translator('ar').t('match.moreSources', { count: 2 })).toBe('ومصدران آخران');
    expect(i18n.translator('ar').t('match.moreSources', { count: 4 })).toBe('و4 مصادر أخرى');
  });

  test('a team card in French: the group line says place, points and fate in French', () => {
    const fr = i18n.translator('fr');
    const final = finalSeason();
    const description = renderTeam(teamView(final, 'zamalek', fr)).embeds[0]?.description ?? '';
    expect(description).not.toContain(' v ');
    expect(description).toMatch(/Finale\*\* contre /);
  });
});

// Through the real router: the client's locale picks the language when no one chose one.
describe('through the router', () => {
  const ctx = (): CommandContext => ({ ...makeCtx(real), i18n: createI18n() });
  const send = async (commandName: string, options: Record<string, string | number>, locale: string) => {
    const { interaction, reply } = fakeChatInput(commandName, options);
    Object.assign(interaction, { locale, guildLocale: null });
    const router = createRouter({ commands: [teamCommand, matchCommand, scorersCommand, bracket], ctx: ctx(), log: silentLogger() });
    await router.handle(interaction);
    return reply.mock.calls[0]?.[0] as MessagePayload & { content?: string };
  };

  test('a French client gets /team, /scorers, /bracket and /match in French', async () => {
    expect((await send('team', { team: 'zamalek' }, 'fr')).embeds[0]?.fields?.map((f) => f.name)).toContain('Rang CAF');
    expect((await send('scorers', {}, 'fr')).embeds[0]?.title).toBe('Meilleurs buteurs · phase finale');
    expect((await send('bracket', {}, 'fr')).embeds[0]?.title).toBe('Phase à élimination directe');
    expect((await send('match', { team: 'zamalek', opponent: 'rs-berkane' }, 'fr')).embeds[0]?.description).toMatch(/^Choisissez un match :/);
  });

  test('a Brazilian Portuguese client gets Portuguese, an English one English', async () => {
    expect((await send('bracket', {}, 'pt-BR')).embeds[0]?.title).toBe('Fase a eliminar');
    expect((await send('bracket', {}, 'en-US')).embeds[0]?.title).toBe('Knockout stage');
  });

  test('the UserErrors of /match are in the reply’s language', async () => {
    const same = await send('match', { team: 'zamalek', opponent: 'zamalek' }, 'fr');
    expect(same.content).toContain('Choisissez deux clubs différents.');
    const pt = await send('match', { team: 'zamalek', opponent: 'zamalek' }, 'pt-BR');
    expect(pt.content).toContain('Escolha dois clubes diferentes.');
  });

  test('a user who chose Arabic gets Arabic whatever the client says, the clubs isolated in the error', async () => {
    const { interaction, reply } = fakeChatInput('match', { team: 'zamalek', opponent: 'usm-alger' });
    Object.assign(interaction, { locale: 'fr', guildLocale: null });
    // The language store as the router reads it: this user chose Arabic.
    const languages = { choicesFor: () => ({ user: 'ar', server: null }) } as unknown as CommandContext['languages'];
    const router = createRouter({ commands: [matchCommand], ctx: { ...ctx(), languages }, log: silentLogger() });
    await router.handle(interaction);
    const content = (reply.mock.calls[0]?.[0] as { content?: string }).content ?? '';
    // Zamalek has an Arabic name in data/clubs.json (Arabic script: no isolate); USM Alger has none.
    expect(content).toContain(`لم يلتقِ الزمالك و${FSI}USM Alger${PDI} هذا الموسم.`);
  });

  test('a /match button answers in the language, and its error names the command as the client knows it', async () => {
    const tr = i18n.translator('fr');
    const { interaction, update } = fakeButton('match:m:QF1-L2:zamalek:rs-berkane');
    await matchCommand.button?.(interaction, { ...makeCtx(real), tr });
    const payload = update.mock.calls[0]?.[0] as MessagePayload;
    expect(payload.embeds[0]?.fields?.map((f) => f.name)).toContain('Sources');
    const gone = fakeButton('match:m:GONE-1:zamalek');
    Object.assign(gone.interaction, { locale: 'fr' });
    await expect(matchCommand.button?.(gone.interaction, { ...makeCtx(real), tr })).rejects.toThrow(/^Ce match n'est plus dans les données\. Relancez \/match\.$/);
  });
});
