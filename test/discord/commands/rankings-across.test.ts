// /rankings across-seasons:true through the router with both shipped seasons loaded: every loaded
// season counts (whichever competition is picked), within Discord's limits, in the reply's language.
import type { Interaction } from 'discord.js';
import { expect, test } from 'vitest';
import { commands } from '../../../src/discord/commands/index.js';
import type { CommandContext } from '../../../src/discord/commands/types.js';
import type { MessagePayload } from '../../../src/discord/render/limits.js';
import { createRouter } from '../../../src/discord/router.js';
import { createI18n } from '../../../src/i18n/index.js';
import { createLogger } from '../../../src/log.js';
import { limitViolations } from '../render/limits-check.js';
import { fakeChatInput, makeCtx, type FakeOrigin } from './fakes.js';
import { catalogOf, championsLeague as cl, confederationCup as cc } from './two-seasons.js';

const context = (): CommandContext => ({
  ...makeCtx(cc, new Date('2024-06-01T12:00:00Z')),
  i18n: createI18n(),
  catalog: catalogOf(cl, cc),
});

const slash = async (options: Record<string, string | number | boolean>, origin: FakeOrigin = {}) => {
  const { interaction, reply } = fakeChatInput('rankings', options, origin);
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', format: 'json', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  await createRouter({ commands, ctx: { ...context(), log }, log }).handle(interaction as Interaction);
  expect(lines.find((l) => 'outcome' in l)).toMatchObject({ outcome: 'ok' });
  const payload = reply.mock.calls[0]?.[0] as MessagePayload;
  expect(limitViolations(payload)).toEqual([]);
  return payload;
};

const table = (payload: MessagePayload): string => payload.embeds[0]?.description ?? '';
const legend = (payload: MessagePayload): string => payload.embeds.at(-1)?.description ?? '';

test.each<Record<string, string>>([{}, { competition: 'caf-cc-2023-24' }, { competition: 'caf-cl-2023-24' }])(
  'across-seasons with %o: both seasons count, Egypt first with 7 + 7 → 70',
  async (extra) => {
    const payload = await slash({ 'across-seasons': true, ...extra });
    expect(payload.embeds[0]?.title).toBe('Association points across seasons');
    expect(table(payload)).toMatch(/^\s+1 EGY\s+Egypt\s+7\s+7\s+70$/m);
    expect(legend(payload)).toMatch(/\*\*1\*\* CAF Champions League 2023–24: × 5\n\*\*2\*\* CAF Confederation Cup 2023–24: × 5/);
  },
);

test('across-seasons:false keeps the one-season ranking', async () => {
  const payload = await slash({ 'across-seasons': false });
  expect(payload.embeds[0]?.title).toBe('CAF association ranking (5-year)');
});

test('in Arabic: the translated title and the comparison sentence, table lines kept left to right', async () => {
  const payload = await slash({ 'across-seasons': true }, { locale: 'ar' });
  expect(payload.embeds[0]?.title).toBe('نقاط الاتحادات عبر المواسم');
  expect(legend(payload)).toContain('لا يمكن التحقق منه بها');
  expect(table(payload)).toContain('\u2066');
});
