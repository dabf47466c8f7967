import { MessageFlags } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { decodeQuery, defaultWhen, encodeQuery, parsePageId } from '../../../src/discord/commands/fixtures-query.js';
import type { FixturesQuery } from '../../../src/discord/commands/fixtures-query.js';
import { commands } from '../../../src/discord/commands/index.js';
import { matchButtonId, parseMatchButtonId } from '../../../src/discord/commands/match.js';
import type { Command } from '../../../src/discord/commands/types.js';
import { UserError } from '../../../src/domain/errors.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { allText, limitViolations } from '../render/limits-check.js';
import { miniSeason } from '../render/season-builder.js';
import { fakeAutocomplete, fakeButton, fakeChatInput, makeCtx, onlyPayload } from './fakes.js';

const command = (name: string): Command => {
  const found = commands.find((c) => c.data.name === name);
  if (!found) throw new Error(name);
  return found;
};

const run = async (name: string, options: Record<string, string | number> = {}, ctx = makeCtx(miniSeason())) => {
  const { interaction, reply } = fakeChatInput(name, options);
  await command(name).execute(interaction, ctx);
  const payload = onlyPayload(reply);
  expect(limitViolations(payload)).toEqual([]);
  return payload;
};

const buttons = (payload: { components: { components: unknown[] }[] }) =>
  payload.components.flatMap((r) => r.components) as { custom_id: string; label: string; disabled?: boolean }[];

describe('/fixtures', () => {
  test('with no option after the season: results, newest round first, public (no ephemeral flag)', async () => {
    const payload = await run('fixtures');
    expect(payload.embeds[0]?.title).toBe('Results · newest first');
    expect(payload.embeds[0]?.description?.split('\n')[0]).toBe('**Quarter-finals, second legs**');
    expect('flags' in payload && (payload as { flags?: number }).flags === MessageFlags.Ephemeral).toBe(false);
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  test('with no option mid-season: what is still to come, soonest first, with relative times', async () => {
    const payload = await run('fixtures', {}, makeCtx(miniSeason(), new Date('2023-12-05T00:00:00Z')));
    expect(payload.embeds[0]?.title).toBe('Upcoming fixtures · whole season');
    expect(payload.embeds[0]?.description).toContain('<t:1702234800:R>');
  });

  test('a team typed past autocomplete is resolved again (aliases, accents, case)', async () => {
    const payload = await run('fixtures', { team: 'academie soar' });
    expect(payload.embeds[0]?.title).toBe('Fixtures and results · Académie SOAR');
  });

  test('an unknown team is a UserError with suggestions', async () => {
    const { interaction } = fakeChatInput('fixtures', { team: 'Zamalekk FC United' });
    const error = await command('fixtures').execute(interaction, makeCtx(miniSeason())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/No team matches/);
  });

  test('stage, group, matchday and when filter together', async () => {
    const payload = await run('fixtures', { stage: 'group', group: 'A', matchday: 2, when: 'results' });
    expect(payload.embeds[0]?.title).toBe('Results · Group stage · Group A · Matchday 2');
    expect(payload.embeds[0]?.description?.split('\n').filter((l) => l.includes(' v ') || l.includes('**2'))).toHaveLength(2);
  });

  test('paging: ▶ carries page and filters; the button handler updates the message with that page', async () => {
    const real = readSeasonFile().season;
    const ctx = makeCtx(real);
    const first = await run('fixtures', { when: 'all' }, ctx);
    const next = buttons(first).find((b) => b.label === '▶');
    expect(next?.custom_id).toBe(`fixtures:p:2:w=a,c=${real.id}`);
    const { interaction, update } = fakeButton(next?.custom_id ?? '');
    await command('fixtures').button?.(interaction, ctx);
    const second = onlyPayload(update);
    expect(limitViolations(second)).toEqual([]);
    expect(buttons(second).find((b) => b.label.startsWith('page'))?.label).toMatch(/^page 2\/\d+$/);
    expect(second.embeds[0]?.description).not.toBe(first.embeds[0]?.description);
  });

  test('a team filter survives paging', () => {
    expect(parsePageId('fixtures:p:3:w=r,t=rs-berkane,s=QF,g=B,m=6')).toEqual({
      page: 3,
      query: { when: 'results', team: 'rs-berkane', stage: 'quarter_final', group: 'B', matchday: 6 },
    });
  });

  test.each(['fixtures:p:x:w=r', 'fixtures:p:1:w=z', 'fixtures:p:1:w=r,s=XX', 'fixtures:p:1:w=r,m=9', 'fixtures:p:1:w=r,t=Bad Id', 'other:p:1:w=r'])(
    'an unreadable button id %s is a UserError, not a crash',
    async (customId) => {
      const { interaction } = fakeButton(customId);
      await expect(command('fixtures').button?.(interaction, makeCtx(miniSeason()))).rejects.toBeInstanceOf(UserError);
    },
  );

  test.each<FixturesQuery>([{ when: 'all' }, { when: 'upcoming', team: 'zamalek', stage: 'group', group: 'A', matchday: 3 }])('encode/decode round-trip %j', (q) => {
    expect(decodeQuery(encodeQuery(q))).toEqual(q);
  });

  test('the default when: filters → all; none → upcoming or, after the season, results', () => {
    const s = miniSeason();
    expect(defaultWhen(s, { team: 'zamalek' }, new Date('2024-06-01'))).toBe('all');
    expect(defaultWhen(s, {}, new Date('2023-11-01'))).toBe('upcoming');
    expect(defaultWhen(s, {}, new Date('2024-06-01'))).toBe('results');
  });
});

describe('autocomplete', () => {
  test.each([
    ['fixtures', 'team', 'berk', ['rs-berkane']],
    ['team', 'team', 'RSB', ['rs-berkane']],
    ['match', 'opponent', 'academie', ['soar']],
    ['scorers', 'team', 'zamalk', ['zamalek']],
  ])('/%s %s "%s" → %j', async (name, option, typed, ids) => {
    const { interaction, respond } = fakeAutocomplete(name, { name: option, value: typed });
    await command(name).autocomplete?.(interaction, makeCtx(miniSeason()));
    expect(respond).toHaveBeenCalledTimes(1);
    expect((respond.mock.calls[0]?.[0] ?? []).map((c) => c.value)).toEqual(ids);
  });

  test('nothing typed: at most 25 choices, group-stage clubs first, names ≤ 100', async () => {
    const real = readSeasonFile().season;
    const { interaction, respond } = fakeAutocomplete('team', { name: 'team', value: '' });
    await command('team').autocomplete?.(interaction, makeCtx(real));
    const choices = respond.mock.calls[0]?.[0] ?? [];
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
    expect(choices[0]?.name).toMatch(/\(.+\)$/);
    const groupTeams = real.teams.filter((t) => t.group !== null).map((t) => t.id);
    expect(choices.slice(0, groupTeams.length).every((c) => groupTeams.includes(c.value))).toBe(true);
  });
});

describe('/match', () => {
  test('one match fits: its detail, no picker', async () => {
    const payload = await run('match', { team: 'usm-alger', opponent: 'zamalek' });
    expect(payload.embeds[0]?.title).toBe('Zamalek v USM Alger');
    expect(payload.components).toEqual([]);
  });

  test('several fit: a picker; a click shows the match and keeps the picker', async () => {
    const ctx = makeCtx(miniSeason());
    const choice = await run('match', { team: 'zamalek', opponent: 'rs-berkane' }, ctx);
    expect(buttons(choice).map((b) => b.custom_id)).toEqual(['match:s:2023-24:GA-MD1-1:zamalek:rs-berkane', 'match:s:2023-24:QF1-L1:zamalek:rs-berkane', 'match:s:2023-24:QF1-L2:zamalek:rs-berkane']);
    const { interaction, update } = fakeButton('match:s:2023-24:QF1-L2:zamalek:rs-berkane');
    await command('match').button?.(interaction, ctx);
    const detail = onlyPayload(update);
    expect(detail.embeds[0]?.title).toBe('RS Berkane 2–1 Zamalek');
    expect(buttons(detail).filter((b) => b.disabled).map((b) => b.custom_id)).toEqual(['match:s:2023-24:QF1-L2:zamalek:rs-berkane']);
  });

  test('teams that never met, or the same team twice, are UserErrors', async () => {
    const s = miniSeason();
    for (const options of [{ team: 'ghost-fc', opponent: 'zamalek' }, { team: 'zamalek', opponent: 'zamalek' }]) {
      const { interaction } = fakeChatInput('match', options);
      await expect(command('match').execute(interaction, makeCtx(s))).rejects.toBeInstanceOf(UserError);
    }
  });

  test('a button for a match no longer in the data is a UserError', async () => {
    const { interaction } = fakeButton('match:m:GONE-1:zamalek');
    await expect(command('match').button?.(interaction, makeCtx(miniSeason()))).rejects.toBeInstanceOf(UserError);
  });

  test('button ids fit in 100 characters, dropping the query when they would not', () => {
    expect(matchButtonId('caf-cl-2023-24', 'QF1-L1', 'zamalek', null)).toBe('match:s:caf-cl-2023-24:QF1-L1:zamalek');
    expect(matchButtonId('caf-cl-2023-24', 'QF1-L1', 'x'.repeat(90), null)).toBe('match:s:caf-cl-2023-24:QF1-L1');
    expect(parseMatchButtonId('match:s:caf-cl-2023-24:QF1-L1')).toEqual({ season: 'caf-cl-2023-24', matchId: 'QF1-L1', team: null, opponent: null });
    // A button drawn before seasons were carried: the default season.
    expect(parseMatchButtonId('match:m:QF1-L1:zamalek')).toEqual({ season: null, matchId: 'QF1-L1', team: 'zamalek', opponent: null });
    expect(parseMatchButtonId('match:s:__proto__:QF1-L1')).toBeNull();
  });
});

describe('the other commands reply with one well-formed payload', () => {
  test.each([
    ['standings', {}, 'Group A'],
    ['standings', { group: 'A' }, 'Group A'],
    ['rankings', {}, 'CAF association ranking (5-year)'],
    ['scorers', {}, 'Top scorers · competition proper'],
    ['scorers', { team: 'rs-berkane', stage: 'quarter_final', limit: 1 }, 'Top scorers · Quarter-finals · RS Berkane'],
    ['team', { team: 'RS Berkane' }, 'RS Berkane'],
    ['bracket', {}, 'Knockout stage'],
    ['schedule', {}, 'Season calendar'],
    ['about', {}, 'About: CAF Confederation Cup 2023–24'],
  ] as const)('/%s %j → "%s"', async (name, options, title) => {
    const payload = await run(name, options);
    expect(payload.embeds[0]?.title).toBe(title);
  });

  test('/scorers limit caps the rows', async () => {
    const payload = await run('scorers', { limit: 1 });
    expect(payload.embeds[0]?.description?.split('\n')).toHaveLength(1);
  });

  test('/about shows the data version and uptime from the context', async () => {
    const payload = await run('about');
    const fields = payload.embeds[0]?.fields ?? [];
    expect(fields.find((f) => f.name === 'Data version')?.value).toBe('`0123456789ab` · imported <t:1717228800:f>');
    expect(fields.find((f) => f.name === 'Bot version')?.value).toBe('`0.1.0-test`');
    expect(fields.find((f) => f.name === 'Uptime')?.value).toMatch(/^1h 30m|1h 29m$/);
  });

  test('/team with an unknown club is a UserError', async () => {
    const { interaction } = fakeChatInput('team', { team: 'Real Madrid' });
    await expect(command('team').execute(interaction, makeCtx(miniSeason()))).rejects.toBeInstanceOf(UserError);
  });
});

test('hostile data renders without pings, through every command', async () => {
  const s = miniSeason();
  const hostile = { ...s, teams: s.teams.map((t) => (t.id === 'zamalek' ? { ...t, name: '@everyone <@&1> **x**' } : t)) };
  for (const [name, options] of [
    ['fixtures', { when: 'all' }],
    ['standings', {}],
    ['team', { team: 'zamalek' }],
    ['match', { team: 'zamalek' }],
    ['bracket', {}],
    ['scorers', {}],
  ] as const) {
    const text = allText(await run(name, options, makeCtx(hostile)));
    expect(text, name).not.toContain('@everyone');
    expect(text, name).not.toMatch(/(?<!\\)<@&/);
  }
});
