// The default season with every shipped season loaded (Champions League 2024–25 and 2023–24,
// Confederation Cup 2023–24, African Football League 2023), through the real router: a fan command
// without `competition` shows the season in progress, else the one that finished last (by its last
// result, not by when it started: the AFL 2023 started after the Champions League 2023–24 but
// finished six months before it), else the newest.
import { type Interaction } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import type { CommandContext } from '../../src/discord/commands/types.js';
import type { MessagePayload } from '../../src/discord/render/limits.js';
import { createRouter } from '../../src/discord/router.js';
import { defaultEditSeason } from '../../src/discord/commands/edit-target.js';
import type { CatalogEntry, SeasonCatalog } from '../../src/domain/catalog.js';
import { defaultSeasonId } from '../../src/domain/default-season.js';
import { seasonProgress } from '../../src/domain/season-status.js';
import type { Season } from '../../src/domain/types.js';
import { createI18n } from '../../src/i18n/index.js';
import { readSeasonFile, seasonFilesIn } from '../../src/season/read.js';
import { sortNewestFirst } from '../../src/season-store.js';
import { fakeChatInput, makeCtx } from '../discord/commands/fakes.js';

const seasons = new Map(seasonFilesIn().map((file) => [readSeasonFile(file).season.id, readSeasonFile(file).season] as const));
const entries: CatalogEntry[] = sortNewestFirst(
  [...seasons.values()].map((s) => ({ id: s.id, competition: s.competition, label: s.label, updatedAt: null })),
  (id) => seasons.get(id),
);
const catalog: SeasonCatalog = { list: () => entries, get: (id) => seasons.get(id) };

const defaultAt = (iso: string): string | null => {
  const now = new Date(iso);
  const progress = (e: CatalogEntry) => seasonProgress(seasons.get(e.id) as Season, now);
  return defaultSeasonId(entries, (e) => progress(e).status, (e) => progress(e).lastResult);
};

describe('the default season among the shipped ones', () => {
  test('the catalog, newest first by first match day', () => {
    expect(entries.map((e) => e.id)).toEqual(['caf-cl-2024-25', 'caf-afl-2023', 'caf-cl-2023-24', 'caf-cc-2023-24']);
  });

  test.each([
    ['today: the Champions League 2024–25 is stale, the others finished; the last to finish is the Champions League 2023–24', '2026-12-01T12:00:00Z', 'caf-cl-2023-24'],
    ['August 2024: the Champions League 2024–25 in progress', '2024-08-30T12:00:00Z', 'caf-cl-2024-25'],
    ['June 2024: every 2023–24 season finished, the Champions League last (25 May)', '2024-06-10T12:00:00Z', 'caf-cl-2023-24'],
    ['3 November 2023: the AFL 2023 in progress (its semi-finals)', '2023-11-03T12:00:00Z', 'caf-afl-2023'],
  ])('%s', (_label, now, expected) => {
    expect(defaultAt(now)).toBe(expected);
  });

  test('without the last result the rule falls back on the catalog order (the first finished season listed)', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(defaultSeasonId(entries, (e) => seasonProgress(seasons.get(e.id) as Season, now).status)).toBe('caf-afl-2023');
  });

  test('/standings without competition shows the Champions League 2023–24, not the AFL 2023', async () => {
    const ctx: CommandContext = { ...makeCtx(seasons.get('caf-cc-2023-24') as Season, new Date('2026-12-01T12:00:00Z')), i18n: createI18n(), catalog };
    const { interaction, reply } = fakeChatInput('standings', {});
    await createRouter({ commands, ctx, log: ctx.log }).handle(interaction as unknown as Interaction);
    const payload = reply.mock.calls[0]?.[0] as MessagePayload;
    expect(payload.embeds.at(-1)?.footer?.text).toMatch(/^CAF Champions League 2023–24 · /);
  });

  test('/edit without a season edits the same default: the Champions League 2023–24, not the AFL 2023', () => {
    expect(defaultEditSeason(catalog, new Date('2026-12-01T12:00:00Z'))?.id).toBe('caf-cl-2023-24');
    expect(defaultEditSeason(catalog, new Date('2023-11-03T12:00:00Z'))?.id).toBe('caf-afl-2023');
  });
});
