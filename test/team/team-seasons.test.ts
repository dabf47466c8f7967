// /team across seasons: without `competition`, the card lists every loaded season the club played (the
// season shown first, then the others newest first) with the stage it reached and its record; with
// `competition`, only that season. Through the real router with the shipped Confederation Cup 2023–24.
import { type Interaction } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import type { CommandContext } from '../../src/discord/commands/types.js';
import type { MessagePayload } from '../../src/discord/render/limits.js';
import { teamSeasonLine, teamSeasonRecord } from '../../src/discord/render/team-seasons.js';
import { createRouter } from '../../src/discord/router.js';
import type { Season } from '../../src/domain/types.js';
import { createI18n } from '../../src/i18n/index.js';
import { readSeasonFile, seasonFilesIn } from '../../src/season/read.js';
import { sortNewestFirst } from '../../src/season-store.js';
import { leg, season, team } from '../domain/builders.js';
import { fakeChatInput, makeCtx } from '../discord/commands/fakes.js';
import { catalogOf, championsLeague, confederationCup } from '../discord/commands/two-seasons.js';

const SAGRADA = 'sagrada-esperanca';

/** A later season Sagrada played: a first-round tie won 1-0, 3-0, then a second-round tie lost 0-1, 1-1. */
const later: Season = season({
  id: 'later-cup',
  competition: 'Later Cup',
  label: '2025-26',
  teams: [team(SAGRADA, { name: 'Sagrada Esperança' }), team('x', { name: 'Xenon FC' }), team('y', { name: 'Yotta FC' })],
  matches: [
    leg('first_round', 1, 1, 'x', SAGRADA, [0, 1], { date: '2025-08-16' }),
    leg('first_round', 1, 2, SAGRADA, 'x', [3, 0], { date: '2025-08-23' }),
    leg('second_round', 1, 1, 'y', SAGRADA, [1, 0], { date: '2025-09-13' }),
    leg('second_round', 1, 2, SAGRADA, 'y', [1, 1], { date: '2025-09-20' }),
  ],
});

const NOW = new Date('2026-12-01T12:00:00Z');
const i18n = createI18n();

const context = (...seasons: Season[]): CommandContext => ({ ...makeCtx(seasons[0] ?? confederationCup, NOW), i18n, catalog: catalogOf(...seasons) });

const teamCard = async (options: Record<string, string>, ctx: CommandContext, locale = 'en-GB') => {
  const { interaction, reply } = fakeChatInput('team', options, { locale });
  await createRouter({ commands, ctx, log: ctx.log }).handle(interaction as unknown as Interaction);
  const payload = reply.mock.calls[0]?.[0] as MessagePayload | undefined;
  if (payload === undefined) throw new Error('/team did not reply');
  const embed = payload.embeds[0];
  return { embed, seasons: embed?.fields?.find((f) => f.name === 'Seasons' || f.name === 'Saisons')?.value ?? null };
};

describe('the record of a club in one season', () => {
  test.each([
    ['Confederation Cup 2023–24: out in the group stage', { season: confederationCup, team: SAGRADA }, { won: 3, drawn: 2, lost: 3, scored: 6, conceded: 3, reached: 'group', champion: false }],
    ['a later season: out in the second round', { season: later, team: SAGRADA }, { won: 2, drawn: 1, lost: 1, scored: 5, conceded: 2, reached: 'second_round', champion: false }],
    ['the champions', { season: confederationCup, team: 'zamalek' }, { reached: 'final', champion: true }],
  ])('%s', (_label, entry, expected) => {
    expect(teamSeasonRecord(entry)).toMatchObject(expected);
  });

  test('one line: the competition and season, the stage reached, the record', () => {
    expect(teamSeasonLine({ season: confederationCup, team: SAGRADA })).toBe('**CAF Confederation Cup 2023–24** · Group stage · W3 D2 L3, goals 6–3');
    expect(teamSeasonLine({ season: confederationCup, team: 'zamalek' })).toMatch(/^\*\*CAF Confederation Cup 2023–24\*\* · 🏆 Champions · W\d+ D\d+ L\d+, goals \d+–\d+$/);
  });
});

describe('/team across the loaded seasons', () => {
  test('without competition: the season shown first, then the others the club played, newest first; seasons it did not play are left out', async () => {
    const { embed, seasons } = await teamCard({ team: 'sagrada esperança' }, context(later, championsLeague, confederationCup));
    // The default season (the most recently finished, the Champions League) lacks the club: the newest
    // season it plays in is shown (stale here, so the footer says so first).
    expect(embed?.footer?.text.split('\n')[1]).toMatch(/^Later Cup 2025–26 · /);
    expect(seasons?.split('\n')).toEqual(['**Later Cup 2025–26** · Second round · W2 D1 L1, goals 5–2', '**CAF Confederation Cup 2023–24** · Group stage · W3 D2 L3, goals 6–3']);
  });

  test('the server default shown first even when another season is newer', async () => {
    const ctx = { ...context(later, confederationCup), guildSeason: () => confederationCup.id };
    const { interaction, reply } = fakeChatInput('team', { team: 'sagrada' }, { guildId: '200000000000000001' });
    await createRouter({ commands, ctx, log: ctx.log }).handle(interaction as unknown as Interaction);
    const value = (reply.mock.calls[0]?.[0] as MessagePayload).embeds[0]?.fields?.find((f) => f.name === 'Seasons')?.value;
    expect(value?.split('\n').map((l) => l.split(' · ')[0])).toEqual(['**CAF Confederation Cup 2023–24**', '**Later Cup 2025–26**']);
  });

  test('with competition: only that season, no seasons field', async () => {
    const { embed, seasons } = await teamCard({ team: 'sagrada', competition: confederationCup.id }, context(later, confederationCup));
    expect(seasons).toBeNull();
    expect(embed?.footer?.text).toMatch(/^CAF Confederation Cup 2023–24 · /);
  });

  test('a club in one loaded season only: no seasons field', async () => {
    const { seasons } = await teamCard({ team: 'zamalek' }, context(later, championsLeague, confederationCup));
    expect(seasons).toBeNull();
  });

  test('in French: the field, the stage and the record in French; the default (finished) season first', async () => {
    const { seasons } = await teamCard({ team: 'sagrada' }, context(later, confederationCup), 'fr');
    expect(seasons?.split('\n')).toEqual(['**CAF Confederation Cup 2023–24** · Phase de groupes · V3 N2 D3, buts 6–3', '**Later Cup 2025–26** · Deuxième tour · V2 N1 D1, buts 5–2']);
  });
});

describe('/team across seasons, kept', () => {
  const payloadOf = async (ctx: CommandContext, options: Record<string, string> = { team: 'sagrada' }) => {
    const { interaction, reply } = fakeChatInput('team', options);
    await createRouter({ commands, ctx, log: ctx.log }).handle(interaction as unknown as Interaction);
    return reply.mock.calls[0]?.[0] as MessagePayload;
  };

  test('GIVEN the same card asked twice THEN one payload; with competition too; another season seen at another instant THEN a new card that says so', async () => {
    const catalog = catalogOf(later, confederationCup);
    const at = (now: Date): CommandContext => ({ ...makeCtx(later, now), i18n, catalog });
    const first = await payloadOf(at(NOW));
    expect(await payloadOf(at(NOW))).toBe(first);
    const withCompetition = await payloadOf(at(NOW), { team: 'sagrada', competition: later.id });
    expect(await payloadOf(at(NOW), { team: 'sagrada', competition: later.id })).toBe(withCompetition);
    // Between the later season's first and second round: it is shown as it was then (the second round
    // drawn, not played), a card of its own.
    const midway = await payloadOf(at(new Date('2025-08-30T12:00:00Z')));
    expect(midway).not.toBe(first);
    const seasonsField = (p: MessagePayload) => p.embeds[0]?.fields?.find((f) => f.name === 'Seasons')?.value.split('\n');
    expect(seasonsField(midway)).toContain('**Later Cup 2025–26** · Second round · W2 D0 L0, goals 4–0');
    expect(seasonsField(first)).toContain('**Later Cup 2025–26** · Second round · W2 D1 L1, goals 5–2');
    expect(await payloadOf(at(NOW))).toBe(first);
  });
});

describe('/team sagrada esperança with the shipped seasons', () => {
  // Every data/seasons file, newest first as the catalog lists them.
  const files = new Map(seasonFilesIn().map((file) => [readSeasonFile(file).season.id, readSeasonFile(file).season] as const));
  const shipped = sortNewestFirst(
    [...files.values()].map((s) => ({ id: s.id, competition: s.competition, label: s.label, updatedAt: null })),
    (id) => files.get(id),
  ).map((e) => files.get(e.id) as Season);

  test('the default (Champions League 2023–24) lacks the club: the Champions League 2024–25 (stale, told first in the footer), then the Confederation Cup 2023–24', async () => {
    expect(shipped.map((s) => s.id)).toEqual(expect.arrayContaining(['caf-cl-2024-25', 'caf-cc-2023-24', 'caf-cl-2023-24', 'caf-afl-2023']));
    const { embed, seasons } = await teamCard({ team: 'sagrada esperança' }, context(...shipped));
    expect(seasons?.split('\n')).toEqual([
      '**CAF Champions League 2024–25** · Second round · W3 D0 L1, goals 7–2',
      '**CAF Confederation Cup 2023–24** · Group stage · W3 D2 L3, goals 6–3',
    ]);
    expect(embed?.footer?.text.split('\n')).toEqual([
      "This season's data has not been updated since 22 September 2024.",
      expect.stringMatching(/^CAF Champions League 2024–25 · data updated 2024-10-05 · /),
    ]);
  });

  test('with competition: only the Confederation Cup 2023–24', async () => {
    const { seasons, embed } = await teamCard({ team: 'sagrada esperança', competition: 'caf-cc-2023-24' }, context(...shipped));
    expect(seasons).toBeNull();
    expect(embed?.footer?.text).toMatch(/^CAF Confederation Cup 2023–24 · /);
  });
});

describe('/team in a knockout-only season (the African Football League 2023)', () => {
  const files = new Map(seasonFilesIn().map((file) => [readSeasonFile(file).season.id, readSeasonFile(file).season] as const));
  const shipped = sortNewestFirst(
    [...files.values()].map((s) => ({ id: s.id, competition: s.competition, label: s.label, updatedAt: null })),
    (id) => files.get(id),
  ).map((e) => files.get(e.id) as Season);

  test('Wydad AC: entered in the quarter-finals, reached the final; the Champions League 2023–24 (the default) first', async () => {
    const afl = await teamCard({ team: 'wydad', competition: 'caf-afl-2023' }, context(...shipped));
    expect(afl.embed?.fields?.find((f) => f.name === 'Entry')?.value).toBe('Quarter-finals');
    const { seasons } = await teamCard({ team: 'wydad' }, context(...shipped));
    expect(seasons?.split('\n')).toEqual([
      '**CAF Champions League 2023–24** · Group stage · W4 D1 L3, goals 7–5',
      '**African Football League 2023** · Final · W4 D0 L1, goals 7–3',
    ]);
  });
});
