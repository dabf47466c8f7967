// A season no source prints totals for (the openfootball imports): printedTotals is null in the file,
// in the database and in the CLI's stats JSON, and fans read "not published" in /about, in their language.
import { type Interaction } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { openDatabase } from '../../src/db/client.js';
import { importSeason } from '../../src/db/import.js';
import { loadSeason } from '../../src/db/season-repo.js';
import { commands } from '../../src/discord/commands/index.js';
import type { CommandContext } from '../../src/discord/commands/types.js';
import type { MessagePayload } from '../../src/discord/render/limits.js';
import { createRouter } from '../../src/discord/router.js';
import { computeStats } from '../../src/domain/stats.js';
import type { Season } from '../../src/domain/types.js';
import { createI18n } from '../../src/i18n/index.js';
import { fromPackageRoot } from '../../src/package-root.js';
import { readSeasonFile } from '../../src/season/read.js';
import { catalogOf } from '../discord/commands/two-seasons.js';
import { makeCtx } from '../discord/commands/fakes.js';
import { fakeChatInput } from '../discord/commands/fakes.js';

const file = (id: string) => fromPackageRoot('data', 'seasons', `${id}.json`);
const season = (id: string): Season => readSeasonFile(file(id)).season;

const statsJson = (id: string) => {
  let stdout = '';
  const code = runCli(['stats', '--file', file(id), '--json'], { env: { ...process.env, SEASON_FILE: '' }, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } });
  return { code, json: JSON.parse(stdout) as { printedTotals: unknown; reconciliation: unknown[] } };
};

describe('printed totals', () => {
  test.each([
    ['caf-cl-2023-24', null],
    ['caf-cl-2024-25', null],
    ['caf-afl-2023', null],
    ['caf-cc-2023-24', { matches: 60, goals: 131, groupMatches: 48, groupGoals: 106 }],
  ])('%s: the CLI stats JSON prints %j', async (id, expected) => {
    const { code, json } = await statsJson(id);
    expect(code).toBe(0);
    expect(json.printedTotals).toEqual(expected);
    expect(json.reconciliation).toHaveLength(expected === null ? 0 : 3);
  });

  test('the file says why in its gaps; the domain reconciles nothing', () => {
    const cl = season('caf-cl-2024-25');
    expect(cl.printedTotals).toBeNull();
    expect(cl.gaps.find((g) => g.subject === 'printedTotals')?.text).toMatch(/prints no match or goal totals/);
    expect(computeStats(cl).reconciliation).toEqual([]);
  });

  test('null survives the database: no row stored, null loaded', () => {
    const { db, close } = openDatabase(':memory:');
    try {
      const { season: afl, hash } = readSeasonFile(file('caf-afl-2023'));
      importSeason(db, afl, hash);
      expect(loadSeason(db, 'caf-afl-2023').printedTotals).toBeNull();
      const { season: cc, hash: ccHash } = readSeasonFile(file('caf-cc-2023-24'));
      importSeason(db, cc, ccHash);
      expect(loadSeason(db, 'caf-cc-2023-24').printedTotals).toMatchObject({ matches: 60, goals: 131 });
    } finally {
      close();
    }
  });
});

describe('/about says the totals are not published', () => {
  const totalsOf = async (id: string, locale: string) => {
    const ctx: CommandContext = { ...makeCtx(season('caf-cc-2023-24'), new Date('2026-12-01T12:00:00Z')), i18n: createI18n(), catalog: catalogOf(season('caf-cl-2023-24'), season('caf-cc-2023-24')) };
    const { interaction, reply } = fakeChatInput('about', { competition: id }, { locale });
    await createRouter({ commands, ctx, log: ctx.log }).handle(interaction as unknown as Interaction);
    const payload = reply.mock.calls[0]?.[0] as MessagePayload;
    return payload.embeds[0]?.fields?.filter((f) => /Totals|Totaux/.test(f.name)).map((f) => f.value) ?? [];
  };

  test.each([
    ['en-GB', 'Not published: no source prints totals for this season, so there is nothing to check our counts against.'],
    ['fr', 'Non publiés : aucune source ne donne de totaux pour cette saison, rien ne permet donc de vérifier nos comptes.'],
  ])('Champions League 2023–24 in %s', async (locale, sentence) => {
    expect(await totalsOf('caf-cl-2023-24', locale)).toEqual([sentence]);
  });

  test('the Confederation Cup 2023–24 still checks its counts against the seed', async () => {
    const [first] = await totalsOf('caf-cc-2023-24', 'en-GB');
    expect(first).toMatch(/^• /);
  });
});
