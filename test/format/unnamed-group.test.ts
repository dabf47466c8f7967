// A league phase: one group fans see without a letter (`"unnamed": true`), in a season whose stages
// use codes the house has no words for (`playoff`, `league`). Fans read the stage's name where a
// group letter would be, in every language; the CLI's JSON gives `group: null`; the season file
// accepts one unnamed group only.
import type { APIEmbed } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { renderFullTime } from '../../src/discord/announcements/render-results.js';
import { renderPreview, renderRecap, type RenderedPost } from '../../src/discord/announcements/render.js';
import { commands } from '../../src/discord/commands/index.js';
import { seasonRounds } from '../../src/domain/calendar.js';
import { UserError } from '../../src/domain/errors.js';
import { hasUnnamedGroup, shownGroup, shownGroupLabels, stageAfterGroups } from '../../src/domain/format.js';
import type { Season } from '../../src/domain/types.js';
import { createI18n, type Language } from '../../src/i18n/index.js';
import { fromPackageRoot } from '../../src/package-root.js';
import { parseSeason, SeasonFileError } from '../../src/season/parse.js';
import { readSeasonFile } from '../../src/season/read.js';
import { seasonToFile } from '../../src/season/write.js';
import { fakeChatInput, makeCtx, onlyPayload } from '../discord/commands/fakes.js';
import { allText } from '../discord/render/limits-check.js';

const league = readSeasonFile(fromPackageRoot('test', 'fixtures', 'seasons', 'constructed-league.json')).season;
const lettered = readSeasonFile(fromPackageRoot('test', 'fixtures', 'seasons', 'constructed-3-groups.json')).season;
const i18n = createI18n();
const postText = (post: RenderedPost): string =>
  post.messages
    .flat()
    .map((e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n'))
    .join('\n');
const roundOf = (season: Season, key: string) => {
  const round = seasonRounds(season).find((r) => r.key === key);
  if (round === undefined) throw new Error(key);
  return round;
};

/** What a group letter looks like in each language's text (the unnamed group's id is L). */
const LETTER: Readonly<Record<Language, RegExp>> = {
  en: /Group L\b/,
  fr: /Groupe L\b/,
  pt: /Grupo L\b/,
  ar: /المجموعة\s*\u2068?L/,
};
const LANGUAGES = ['en', 'fr', 'ar', 'pt'] as const;
const NEXT_ROUND: Readonly<Record<Language, string>> = { en: 'the next round', fr: 'le tour suivant', ar: 'الدور التالي', pt: 'eliminatória seguinte' };
const QUARTER_FINALS: Readonly<Record<Language, string>> = { en: 'quarter-finals', fr: 'quarts de finale', ar: 'ربع النهائي', pt: 'quartos de final' };
const LOCALE: Readonly<Record<Language, string>> = { en: 'en-GB', fr: 'fr', ar: 'ar', pt: 'pt-BR' };

describe('the format: one unnamed group', () => {
  test('the domain keeps its id; fans are offered no label', () => {
    expect(hasUnnamedGroup(league)).toBe(true);
    expect(shownGroup(league, 'L')).toBeNull();
    expect(shownGroupLabels(league)).toEqual([]);
    expect(hasUnnamedGroup(lettered)).toBe(false);
    expect(shownGroup(lettered, 'B')).toBe('B');
    expect(stageAfterGroups(league)).toBe('semi_final');
  });

  test('the season file: "unnamed" needs exactly one group; false reads as absent; the writer keeps it', () => {
    const file = JSON.parse(JSON.stringify(seasonToFile(league))) as { format: { stages: Record<string, unknown>[] } };
    expect(file.format.stages[1]).toMatchObject({ unnamed: true, groups: ['L'] });
    expect(parseSeason(file, 'league.json').season.format).toStrictEqual(league.format);

    const two = structuredClone(file);
    (two.format.stages[1] as { groups: string[] }).groups = ['L', 'M'];
    expect(() => parseSeason(two, 'two.json')).toThrow(SeasonFileError);
    expect(() => parseSeason(two, 'two.json')).toThrow(/unnamed group stage has exactly one group/);

    const letteredFile = JSON.parse(JSON.stringify(seasonToFile(lettered))) as { format: { stages: Record<string, unknown>[] } };
    (letteredFile.format.stages[1] as Record<string, unknown>)['unnamed'] = false;
    expect(parseSeason(letteredFile, 'false.json').season.format).toStrictEqual(lettered.format);
  });
});

describe.each(LANGUAGES)('fans never see a letter for the league phase (%s)', (language) => {
  const tr = i18n.translator(language);
  const after = new Date('2025-07-01T12:00:00Z');
  const during = new Date('2025-04-20T12:00:00Z');

  test.each([
    ['standings', {}, after],
    ['fixtures', { stage: 'league' }, after],
    ['fixtures', { stage: 'league', matchday: 10 }, after],
    ['next', {}, during],
    ['next', { team: 'cairo-falcons' }, during],
    ['team', { team: 'cairo-falcons' }, after],
    ['match', { team: 'cairo-falcons' }, after],
    ['schedule', {}, during],
  ] as const)('/%s %o', async (name, options, now) => {
    const { interaction, reply } = fakeChatInput(name, options, { locale: LOCALE[language] as never });
    const command = commands.find((c) => c.data.name === name);
    if (command === undefined) throw new Error(name);
    await command.execute(interaction, makeCtx(league, now));
    const text = allText(onlyPayload(reply));
    expect(text).not.toMatch(LETTER[language]);
    expect(text).not.toMatch(/\b(playoff|league)\b|undefined|words\./);
  });

  test('/standings is headed by the stage and says the teams go through to the next round, not the quarter-finals', async () => {
    const { interaction, reply } = fakeChatInput('standings', {}, { locale: LOCALE[language] as never });
    await commands.find((c) => c.data.name === 'standings')?.execute(interaction, makeCtx(league, after));
    const payload = onlyPayload(reply);
    expect(payload.embeds).toHaveLength(1);
    expect(payload.embeds[0]?.title).toBe('League phase');
    expect(payload.embeds[0]?.footer?.text).toContain(tr.t('standings.legend.throughNext', { mark: tr.name('Q') }));
    expect(allText(payload)).not.toContain(tr.t('standings.legend.through', { mark: tr.name('Q') }));
  });

  test('the preview and recap of a league matchday, and a full-time post, name the stage and no group', () => {
    const last = roundOf(league, 'LP-MD10');
    const preview = postText(renderPreview(league, roundOf(league, 'LP-MD9'), tr));
    const recap = postText(renderRecap(league, last, tr));
    const fullTime = postText(renderFullTime(league, last, last.matches[0]?.id ?? '', 'result', tr));
    for (const text of [preview, recap, fullTime]) {
      expect(text).toContain('League phase');
      expect(text).not.toMatch(LETTER[language]);
      expect(text).not.toMatch(/\b(playoff|league)\b|undefined/);
    }
    expect(recap).toContain(tr.t('announcements.recap.tableAfterUnnamed', { n: tr.number(10) }));
  });

  test('the recaps say who can no longer reach the next round (the semi-finals), never the quarter-finals', () => {
    // Matchday 8 settles every place (earlier matchdays' fates are costly to compute in a group of six).
    const recaps = ['LP-MD8', 'LP-MD9', 'LP-MD10']
      .map((key) => roundOf(league, key))
      .map((r) => postText(renderRecap(league, r, tr)))
      .join('\n');
    expect(recaps).toContain(NEXT_ROUND[language]);
    expect(recaps).not.toContain(QUARTER_FINALS[language]);
  });
});

describe.each(LANGUAGES)('a full-time post of a lettered group names the group as fans read it (%s)', (language) => {
  const tr = i18n.translator(language);
  test('its table is headed "Group A" in the language, not the bare letter', () => {
    const round = seasonRounds(lettered).find((r) => r.matches.some((m) => m.group !== null && m.score !== null));
    const match = round?.matches.find((m) => m.group !== null && m.score !== null);
    if (round === undefined || match === undefined || match.group === null) throw new Error('no played group match in the fixture');
    const post = renderFullTime(lettered, round, match.id, 'result', tr);
    const names = post.messages.flat().flatMap((e: APIEmbed) => (e.fields ?? []).map((f) => f.name));
    expect(names).toContain(tr.t('words.group', { group: tr.name(match.group) }));
    expect(names).not.toContain(match.group);
  });
});

describe('the group option of a season with an unnamed group', () => {
  test('is refused as a user mistake: there is nothing to pick, and no group is suggested', async () => {
    const { interaction } = fakeChatInput('standings', { group: 'L' });
    const error = await commands.find((c) => c.data.name === 'standings')?.execute(interaction, makeCtx(league)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('This season has no groups to pick: its table is a single league. Leave `group` empty.');
    expect((error as UserError).suggestions).toEqual([]);
  });
});
