// Fans are told, in one plain sentence above the footer, when a season's data stopped (stale) or when
// it has not started (upcoming), in their language. Table tests over the notice, then through the real
// router: the footer of a reply about such a season starts with the sentence.
import { type Interaction } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import type { CommandContext } from '../../src/discord/commands/types.js';
import type { MessagePayload } from '../../src/discord/render/limits.js';
import { noticeFor } from '../../src/discord/render/season-notice.js';
import { seasonFooter } from '../../src/discord/render/theme.js';
import { createRouter } from '../../src/discord/router.js';
import { seasonStatus } from '../../src/domain/season-status.js';
import { fromPackageRoot } from '../../src/package-root.js';
import { readSeasonFile } from '../../src/season/read.js';
import type { Match, Season } from '../../src/domain/types.js';
import { createI18n, type Language } from '../../src/i18n/index.js';
import { match, season, team } from '../domain/builders.js';
import { fakeChatInput, makeCtx } from '../discord/commands/fakes.js';
import { catalogOf, championsLeague } from '../discord/commands/two-seasons.js';

const i18n = createI18n();
const tr = (language: Language) => i18n.translator(language);
const at = (iso: string) => new Date(iso);

const played = (id: string, date: string, stage: Match['stage'] = 'group'): Match =>
  match({ id, stage, home: 'a', away: 'b', date, status: 'played', score: { home: 1, away: 0 } });
const scheduled = (id: string, date: string, stage: Match['stage'] = 'group'): Match =>
  match({ id, stage, home: 'a', away: 'b', date, status: 'scheduled' });

/** Results on 1 and 22 Sept 2024, then nothing: the final on 1 Dec was never recorded. */
const stopped = season({
  id: 'stopped',
  teams: [team('a', { name: 'Alpha' }), team('b', { name: 'Bravo' })],
  matches: [played('G1', '2024-09-01'), played('G2', '2024-09-22'), scheduled('F1', '2024-12-01', 'final')],
});
const undated = season({ id: 'undated', matches: [] });

describe('the notice', () => {
  test.each<[string, Season, string, Language, string | null]>([
    ['stale, English', stopped, '2026-12-01T00:00:00Z', 'en', "This season's data has not been updated since 22 September 2024."],
    ['stale, French', stopped, '2026-12-01T00:00:00Z', 'fr', "Les données de cette saison n'ont pas été mises à jour depuis le 22 septembre 2024."],
    ['stale, Portuguese', stopped, '2026-12-01T00:00:00Z', 'pt', 'Os dados desta temporada não são atualizados desde 22 de setembro de 2024.'],
    ['stale, Arabic', stopped, '2026-12-01T00:00:00Z', 'ar', 'لم تُحدَّث بيانات هذا الموسم منذ 22 سبتمبر 2024.'],
    ['22 days after the last result, the final still to come: a break, nothing to say', stopped, '2024-10-14T00:00:01Z', 'en', null],
    ['the final overdue by 22 days with no result: stale', stopped, '2024-12-23T00:00:01Z', 'en', "This season's data has not been updated since 22 September 2024."],
    ['21 days after the last result: in progress, nothing to say', stopped, '2024-10-13T00:00:00Z', 'en', null],
    ['upcoming, English', stopped, '2024-08-20T00:00:00Z', 'en', 'This season has not started yet: its first match is on 1 September 2024.'],
    ['upcoming, French', stopped, '2024-08-20T00:00:00Z', 'fr', "Cette saison n'a pas encore commencé : son premier match a lieu le 1 septembre 2024."],
    ['upcoming, Portuguese', stopped, '2024-08-20T00:00:00Z', 'pt', 'Esta temporada ainda não começou: o primeiro jogo é em 1 de setembro de 2024.'],
    ['upcoming, Arabic', stopped, '2024-08-20T00:00:00Z', 'ar', 'لم يبدأ هذا الموسم بعد: أول مباراة فيه يوم 1 سبتمبر 2024.'],
    ['upcoming with no dated match', undated, '2024-08-20T00:00:00Z', 'en', 'This season has not started yet.'],
    ['an end date passed: finished, nothing to say', { ...stopped, endDate: '2024-12-31' }, '2026-12-01T00:00:00Z', 'en', null],
    ['a finished real season: nothing to say', championsLeague, '2026-12-01T00:00:00Z', 'en', null],
  ])('%s', (_label, s, now, language, expected) => {
    expect(noticeFor(s, at(now), tr(language))).toBe(expected);
  });

  // The shipped seasons on the days fans would ask: a break before the group stage is not a stop.
  test.each<[string, string, string, string | null]>([
    ['Confederation Cup 2023–24 on 25 Nov 2023, group matches published for 26 Nov: in progress', 'caf-cc-2023-24', '2023-11-25T12:00:00Z', null],
    ['Champions League 2024–25 today (the dataset stopped in Sept 2024): stale', 'caf-cl-2024-25', '2026-12-01T12:00:00Z', "This season's data has not been updated since 22 September 2024."],
    ['Champions League 2024–25 on 20 Oct 2024, nothing left to play: stale', 'caf-cl-2024-25', '2024-10-20T12:00:00Z', "This season's data has not been updated since 22 September 2024."],
  ])('%s', (_label, id, now, expected) => {
    const shipped = readSeasonFile(fromPackageRoot('data', 'seasons', `${id}.json`)).season;
    expect(noticeFor(shipped, at(now), tr('en'))).toBe(expected);
    expect(seasonStatus(shipped, at(now))).toBe(expected === null ? 'in_progress' : 'stale');
  });

  test('a season the footer was not told the clock of (an announcement, a tool) carries no notice', () => {
    expect(seasonFooter(stopped, undefined, tr('en')).text).not.toContain('not been updated');
  });
});

const footerOf = (payload: MessagePayload): string => payload.embeds.at(-1)?.footer?.text ?? '';

const reply = async (name: string, options: Record<string, string>, ctx: CommandContext, locale = 'en-GB'): Promise<MessagePayload> => {
  const { interaction, reply: replied } = fakeChatInput(name, options, { locale });
  await createRouter({ commands, ctx, log: ctx.log }).handle(interaction as unknown as Interaction);
  const payload = replied.mock.calls[0]?.[0];
  if (payload === undefined) throw new Error(`/${name} did not reply`);
  return payload;
};

const contextAt = (now: string, ...seasons: Season[]): CommandContext => ({
  ...makeCtx(seasons[0] ?? stopped, at(now)),
  i18n: createI18n(),
  catalog: catalogOf(...seasons),
});

describe('replies about a stale or upcoming season', () => {
  test.each([
    ['fixtures', {}],
    ['team', { team: 'Alpha' }],
    ['standings', {}],
  ] as const)('/%s about a stale season: the footer starts with the sentence, then names the season', async (name, options) => {
    const payload = await reply(name, { competition: 'stopped', ...options }, contextAt('2026-12-01T00:00:00Z', stopped, championsLeague));
    const [first, second] = footerOf(payload).split('\n');
    expect(first).toBe("This season's data has not been updated since 22 September 2024.");
    expect(second).toMatch(/^Test cup 2023–24 · data updated 2024-06-01/);
  });

  test('in French, the same reply says it in French', async () => {
    const payload = await reply('fixtures', { competition: 'stopped' }, contextAt('2026-12-01T00:00:00Z', stopped), 'fr');
    expect(footerOf(payload).split('\n')[0]).toBe("Les données de cette saison n'ont pas été mises à jour depuis le 22 septembre 2024.");
  });

  test('the Champions League 2023–24 before its first match is upcoming; once played, finished: no notice', async () => {
    const before = await reply('fixtures', { competition: championsLeague.id }, contextAt('2023-08-01T00:00:00Z', championsLeague));
    expect(footerOf(before).split('\n')[0]).toBe('This season has not started yet: its first match is on 18 August 2023.');
    const after = await reply('fixtures', { competition: championsLeague.id }, contextAt('2026-12-01T00:00:00Z', championsLeague));
    expect(footerOf(after)).not.toContain('\n');
    expect(footerOf(after)).toMatch(/^CAF Champions League 2023–24 · /);
  });
});
