// Every command, fed a stress season (200+ matches, very long and hostile names, long notes),
// must produce replies that respect every Discord limit, and page rather than drop fixtures.
import { expect, test } from 'vitest';
import { commands } from '../../../src/discord/commands/index.js';
import type { Command } from '../../../src/discord/commands/types.js';
import type { MessagePayload } from '../../../src/discord/render/limits.js';
import { allText, limitViolations } from '../render/limits-check.js';
import { hugeSeason } from '../render/season-builder.js';
import { fakeAutocomplete, fakeButton, fakeChatInput, makeCtx, onlyPayload } from './fakes.js';

const huge = hugeSeason();
const ctx = makeCtx(huge, new Date('2023-11-01T00:00:00Z'));
const command = (name: string): Command => commands.find((c) => c.data.name === name) as Command;

const run = async (name: string, options: Record<string, string | number>): Promise<MessagePayload> => {
  const { interaction, reply } = fakeChatInput(name, options);
  await command(name).execute(interaction, ctx);
  return onlyPayload(reply);
};

test.each([
  ['standings', {}],
  ['rankings', {}],
  ['scorers', { limit: 50 }],
  ['scorers', { team: 'club-5', stage: 'group' }],
  ['team', { team: 'club-0' }],
  ['team', { team: 'club-5' }],
  ['match', { team: 'club-5' }],
  ['match', { team: 'club-1', opponent: 'club-5' }],
  ['bracket', {}],
  ['schedule', {}],
  ['about', {}],
  ['fixtures', {}],
  ['fixtures', { team: 'club-2', when: 'all' }],
] as const)('/%s %j stays within every limit', async (name, options) => {
  const payload = await run(name, options);
  expect(limitViolations(payload)).toEqual([]);
  expect(allText(payload)).not.toContain('@everyone');
});

test('/fixtures: every page of the stress season is reachable by the buttons and within limits', async () => {
  let payload = await run('fixtures', { when: 'all' });
  let lines = 0;
  for (let guard = 0; guard < 200; guard++) {
    expect(limitViolations(payload)).toEqual([]);
    // One line per match names both teams (a wrapped kickoff line and "↳" outcome lines do not).
    lines += (payload.embeds[0]?.description ?? '').split('\n').filter((l) => !l.startsWith('↳') && / v |\*\*\d+–\d+\*\*/.test(l)).length;
    const next = payload.components[0]?.components.find((c) => 'label' in c && c.label === '▶');
    if (!next || !('custom_id' in next) || next.disabled) break;
    const { interaction, update } = fakeButton(next.custom_id);
    await command('fixtures').button?.(interaction, ctx);
    payload = onlyPayload(update);
  }
  expect(lines).toBe(huge.matches.length);
});

test('/fixtures: a team id too long for a custom_id still pages', async () => {
  const longId = `club-${'x'.repeat(120)}`;
  const s = { ...huge, teams: huge.teams.map((t) => (t.id === 'club-5' ? { ...t, id: longId } : t)), matches: huge.matches.map((m) => ({ ...m, home: m.home === 'club-5' ? longId : m.home, away: m.away === 'club-5' ? longId : m.away })) };
  const { interaction, reply } = fakeChatInput('fixtures', { team: longId, when: 'all' });
  await command('fixtures').execute(interaction, makeCtx(s));
  const first = onlyPayload(reply);
  expect(limitViolations(first)).toEqual([]);
  const next = first.components[0]?.components.find((c) => 'label' in c && c.label === '▶');
  expect(next && 'custom_id' in next ? next.custom_id : '').toMatch(/^fixtures:p:2:w=a,t=#\d+,c=[a-z0-9-]+$/);
  const button = fakeButton(next && 'custom_id' in next ? next.custom_id : '');
  await command('fixtures').button?.(button.interaction, makeCtx(s));
  expect(onlyPayload(button.update).embeds[0]?.title).toContain('Club 5');
});

test('autocomplete never offers more than 25 choices or over-long names', async () => {
  const { interaction, respond } = fakeAutocomplete('team', { name: 'team', value: 'club' });
  await command('team').autocomplete?.(interaction, ctx);
  const choices = respond.mock.calls[0]?.[0] ?? [];
  expect(choices.length).toBeGreaterThan(0);
  expect(choices.length).toBeLessThanOrEqual(25);
  expect(choices.every((c) => c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100)).toBe(true);
});
