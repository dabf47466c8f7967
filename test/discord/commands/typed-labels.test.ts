import { describe, expect, test } from 'vitest';
import { commands } from '../../../src/discord/commands/index.js';
import { UserError } from '../../../src/domain/errors.js';
import { miniSeason } from '../render/season-builder.js';
import { fakeChatInput, makeCtx, onlyPayload } from './fakes.js';

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
