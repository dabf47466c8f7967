// Wording read from the format, not from CAF's stage codes: the constructed season with its
// semi-finals coded `last_4` and its final `grand_final` (names kept: "Semi-finals", "Final") is told
// as the CAF-coded one is — the final's winner wins the cup, its loser is runner-up, the final has no
// tie number, the groups send teams to "the next round" — in English and French.
import type { APIEmbed } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { renderPreview, renderRecap, type RenderedPost } from '../../src/discord/announcements/render.js';
import { commands } from '../../src/discord/commands/index.js';
import { roundBreakdown } from '../../src/discord/render/scorers.js';
import { seasonRounds } from '../../src/domain/calendar.js';
import { finalStage, stageAfterGroups } from '../../src/domain/format.js';
import type { Season } from '../../src/domain/types.js';
import { createI18n } from '../../src/i18n/index.js';
import { fromPackageRoot } from '../../src/package-root.js';
import { parseSeason } from '../../src/season/parse.js';
import { readSeasonFile } from '../../src/season/read.js';
import { seasonToFile } from '../../src/season/write.js';
import { QUERIES } from '../../src/cli/queries.js';
import { fakeChatInput, makeCtx, onlyPayload } from '../discord/commands/fakes.js';
import { allText } from '../discord/render/limits-check.js';

const caf = readSeasonFile(fromPackageRoot('test', 'fixtures', 'seasons', 'constructed-3-groups.json')).season;
const recoded = parseSeason(
  JSON.parse(JSON.stringify(seasonToFile(caf)).replaceAll('"semi_final"', '"last_4"').replaceAll('"final"', '"grand_final"')) as unknown,
  'recoded.json',
).season;
const league = readSeasonFile(fromPackageRoot('test', 'fixtures', 'seasons', 'constructed-league.json')).season;
const after = new Date('2025-06-01T12:00:00Z');
const i18n = createI18n();
const LOCALES = [
  ['en', 'en-GB'],
  ['fr', 'fr'],
] as const;

const run = async (season: Season, name: string, options: Record<string, string | number>, locale: string) => {
  const { interaction, reply } = fakeChatInput(name, options, { locale: locale as never });
  const command = commands.find((c) => c.data.name === name);
  if (command === undefined) throw new Error(name);
  await command.execute(interaction, makeCtx(season, after));
  return allText(onlyPayload(reply));
};
const postText = (post: RenderedPost): string =>
  post.messages
    .flat()
    .map((e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n'))
    .join('\n');

test('the recoded season parses with the same shape: its final is the last knockout round', () => {
  expect(recoded.format.stages.map((s) => s.code)).toEqual(['first_round', 'group', 'last_4', 'grand_final']);
  expect(finalStage(recoded)?.code).toBe('grand_final');
  expect(stageAfterGroups(recoded)).toBe('last_4');
});

describe.each(LOCALES)('%s', (language, locale) => {
  const tr = i18n.translator(language);
  const cup = tr.t('words.cup.other', { competition: tr.name('Constructed Cup') });

  test('/bracket: the final is named once, with no tie number, and its winner wins the cup', async () => {
    for (const season of [caf, recoded]) {
      const text = await run(season, 'bracket', {}, locale);
      expect(text).toContain(tr.t('words.tie.wins', { team: 'Sahara Sporting', cup }));
      expect(text).not.toMatch(/grand_final|last_4|Grand final|Last 4/i);
      expect(text).toContain(tr.t('bracket.tieTitle', { round: tr.t('words.stages.final'), home: 'Delta Wanderers', away: 'Sahara Sporting' }).split(' · ')[0] ?? '');
    }
  });

  test('/team: the final\'s loser is runner-up, not merely out', async () => {
    const text = await run(recoded, 'team', { team: 'delta-wanderers' }, locale);
    expect(text).toContain(tr.t('words.tie.runnersUp', { outcome: '' }).trim().replace(/:$/, '').trim());
    expect(text).not.toMatch(/grand_final|last_4/);
  });

  test('/standings says the group winners go through to the next round (the semi-finals), not the quarter-finals', async () => {
    for (const season of [caf, recoded]) {
      const text = await run(season, 'standings', {}, locale);
      expect(text).toContain(tr.t('standings.legend.throughNext', { mark: 'Q' }));
      expect(text).not.toContain(tr.t('standings.legend.through', { mark: 'Q' }));
    }
  });

  test('the final\'s preview has no tie number; the semi-finals\' has one per tie', () => {
    const final = postText(renderPreview(recoded, seasonRounds(recoded).find((r) => r.key === 'F') ?? seasonRounds(recoded)[0]!, tr));
    expect(final).not.toContain(tr.t('announcements.post.tiePrefix', { n: 1 }));
    expect(final).toContain(tr.t('words.stages.final'));
    const semis = postText(renderPreview(recoded, seasonRounds(recoded).find((r) => r.key === 'SF-L1')!, tr));
    expect(semis).toContain(tr.t('announcements.post.tiePrefix', { n: 2 }));
    expect(semis).not.toMatch(/last_4|Last 4/i);
  });

  test('the recap of the one-match final names the champion, with no aggregate section', () => {
    for (const season of [caf, recoded]) {
      const recap = postText(renderRecap(season, seasonRounds(season).find((r) => r.key === 'F')!, tr));
      expect(recap).toContain(tr.t('announcements.recap.championWins', { team: 'Sahara Sporting', season: tr.name(season.name) }));
      expect(recap).not.toContain(tr.t('announcements.recap.finalOnAggregate'));
      expect(recap.startsWith(`${tr.t('words.stages.final')} — `)).toBe(true);
    }
  });

  test('the recap of the group stage\'s last matchday says where the teams go', () => {
    const recap = postText(renderRecap(recoded, seasonRounds(recoded).find((r) => r.key === 'GS-MD6')!, tr));
    expect(recap).not.toMatch(/quarter|quarts/);
  });
});

test('/scorers: a key of the format is read as its stage\'s name, in the order the stages are played', () => {
  const en = i18n.translator('en');
  expect(roundBreakdown({ F: 1, SF: 2, MD7: 1, MD2: 1, PO: 1 }, en, league)).toBe('play-off, matchday 2, matchday 7, semi-finals ×2, final');
  expect(roundBreakdown({ F: 1, MD2: 2, SF: 1, R1: 1 }, en, caf)).toBe('first round, matchday 2 ×2, semi-finals, final');
  expect(roundBreakdown({ F: 1, PO: 1 }, en)).toBe('final, po');
});

test('the CLI: entry rounds and the final come from the format', () => {
  const teams = QUERIES['teams']?.(league, { args: [] });
  expect(teams?.text).toContain('Play-off');
  expect(teams?.text).toContain('League phase');
  expect(teams?.text).not.toMatch(/bye to round 2|first round/);
  const ties = QUERIES['ties']?.(recoded, { args: [], round: 'grand_final' }).json as { ties: { winner: string }[] };
  expect(ties.ties.map((t) => t.winner)).toEqual(['Sahara Sporting']);
});

test('a stage of another code wears the colour of the CAF stage its format makes it like', async () => {
  const { stageColour, STAGE_COLOURS, SEASON_COLOUR } = await import('../../src/discord/render/theme.js');
  expect(stageColour('grand_final', recoded)).toBe(STAGE_COLOURS.final);
  expect(stageColour('last_4', recoded)).toBe(STAGE_COLOURS.quarter_final);
  expect(stageColour('league', league)).toBe(STAGE_COLOURS.group);
  expect(stageColour('playoff', league)).toBe(STAGE_COLOURS.first_round);
  expect(stageColour('playoff')).toBe(SEASON_COLOUR);
  expect(stageColour('constructor', league)).toBe(SEASON_COLOUR);
});

test('ranking points: the recoded stages score as the CAF ones (the final by its place, "Semi-finals" by name)', async () => {
  const { bestAchievements } = await import('../../src/domain/ranking.js');
  const cafBest = bestAchievements(caf);
  expect(cafBest.get('sahara-sporting')).toBe('winners');
  expect(cafBest.get('delta-wanderers')).toBe('runnersUp');
  expect([...bestAchievements(recoded)].sort()).toEqual([...cafBest].sort());
});
