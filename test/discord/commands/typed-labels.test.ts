import { describe, expect, test } from 'vitest';
import { commands } from '../../../src/discord/commands/index.js';
import { UserError } from '../../../src/domain/errors.js';
import { miniSeason } from '../render/season-builder.js';
import { fakeAutocomplete, fakeChatInput, makeCtx, onlyPayload } from './fakes.js';

// stage and group are autocomplete on the season's format, so Discord sends what a fan typed when
// they did not pick a suggestion: the bot reads a code, or the name in the fan's own language.

const execute = async (name: string, options: Record<string, string>, locale: string) => {
  const command = commands.find((c) => c.data.name === name);
  if (command === undefined) throw new Error(name);
  const { interaction, reply } = fakeChatInput(name, options, { guildId: null, locale });
  await command.execute(interaction, makeCtx(miniSeason()));
  return onlyPayload(reply);
};

describe('a typed stage or group name in the fan language', () => {
  test.each([
    ['standings', { group: 'Grupo B' }, 'pt-BR', 'standings', 'B'],
    ['standings', { group: 'groupe b' }, 'fr', 'standings', 'B'],
    ['standings', { group: 'Group B' }, 'en-US', 'standings', 'B'],
    ['standings', { group: 'b' }, 'en-US', 'standings', 'B'],
  ])('/%s %o (%s) shows that group', async (name, options, locale) => {
    const payload = await execute(name, options, locale);
    const text = JSON.stringify(payload.embeds);
    expect(text).toMatch(/B/);
    expect(text).not.toMatch(/Grupo A|Groupe A|Group A\b/);
  });

  test.each([
    [{ stage: 'Phase de groupes' }, 'fr', /Phase de groupes/],
    [{ stage: 'fase de grupos' }, 'pt-BR', /Fase de grupos/],
    [{ stage: 'group' }, 'en-US', /Group stage/],
  ])('/fixtures %o (%s) filters on that stage', async (options, locale, title) => {
    const payload = await execute('fixtures', options, locale);
    expect(payload.embeds[0]?.title).toMatch(title);
  });

  test('a name from another language is refused with the choices in the fan language', async () => {
    const command = commands.find((c) => c.data.name === 'standings');
    const { interaction } = fakeChatInput('standings', { group: 'Grupo B' }, { guildId: null, locale: 'fr' });
    const error = await command?.execute(interaction, makeCtx(miniSeason())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
  });
});

describe('/scorers stage: the season\'s parts, then its format\'s stages', () => {
  const scorers = commands.find((c) => c.data.name === 'scorers');

  test('autocomplete offers the competition proper, the qualifying rounds, then every stage in order', async () => {
    const { interaction, respond } = fakeAutocomplete('scorers', { name: 'stage', value: '' });
    await scorers?.autocomplete?.(interaction, makeCtx(miniSeason()));
    const values = (respond.mock.calls[0]?.[0] ?? []).map((c) => c.value);
    expect(values.slice(0, 2)).toEqual(['proper', 'qualifying']);
    expect(values.slice(2)).toEqual(miniSeason().format.stages.map((s) => s.code));
  });

  test('autocomplete in French narrows by the French names', async () => {
    const { interaction, respond } = fakeAutocomplete('scorers', { name: 'stage', value: 'prélim' }, {}, { locale: 'fr' });
    await scorers?.autocomplete?.(interaction, makeCtx(miniSeason()));
    expect(respond.mock.calls[0]?.[0]).toEqual([{ name: 'Tours préliminaires', value: 'qualifying' }]);
  });

  test.each([
    [{ stage: 'Tours préliminaires' }, 'fr', /tours préliminaires/],
    [{ stage: 'qualifying' }, 'en-US', /qualifying rounds/],
    [{ stage: 'Quarts de finale' }, 'fr', /Quarts de finale/],
    [{}, 'en-US', /competition proper/],
  ])('/scorers %o (%s) reads that part', async (options, locale, heading) => {
    const payload = await execute('scorers', options, locale);
    expect(payload.embeds[0]?.title).toMatch(heading);
  });

  test('a stage the season lacks is refused', async () => {
    const { interaction } = fakeChatInput('scorers', { stage: 'play_off' }, { guildId: null, locale: 'en-US' });
    const error = await scorers?.execute(interaction, makeCtx(miniSeason())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
  });
});
