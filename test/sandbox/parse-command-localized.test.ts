import { describe, expect, test } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { parseCommandLine, toInteractionData, type CommandDefinition } from '../../src/sandbox/parse-command.js';
import { GUILD } from './fixtures.js';

// The sandbox reads commands as the bot registers them, localisations included: a French fan types
// /classement, a Portuguese one /jogos fase:"Fase de grupos". The interaction carries the default
// (English) names, as Discord's does whatever language the command was typed in. An autocomplete
// option (stage, group: the season's format) carries the text as typed, which the bot reads in the
// fan's language (test/discord/commands/typed-labels.test.ts).

const DEFINITIONS: CommandDefinition[] = commands.map((c, i) => ({ id: String(1_200_000_000_000_000_000n + BigInt(i)), ...c.data.toJSON() }));

const data = (line: string) => {
  const result = parseCommandLine(line, DEFINITIONS, GUILD);
  if (!result.ok) throw new Error(`expected ${line} to parse: ${result.error}`);
  return toInteractionData(result.value, GUILD);
};

describe('localised command lines', () => {
  test.each([
    ['/classement groupe:B', { name: 'standings', options: [{ name: 'group', type: 3, value: 'B' }] }],
    ['/classificação grupo:"Grupo C"', { name: 'standings', options: [{ name: 'group', type: 3, value: 'Grupo C' }] }],
    [
      '/matchs phase:"Phase de groupes" journée:2 quand:"À venir"',
      {
        name: 'fixtures',
        options: [
          { name: 'stage', type: 3, value: 'Phase de groupes' },
          { name: 'matchday', type: 4, value: 2 },
          { name: 'when', type: 3, value: 'upcoming' },
        ],
      },
    ],
    ['/jogos fase:"Fase de grupos"', { name: 'fixtures', options: [{ name: 'stage', type: 3, value: 'Fase de grupos' }] }],
    [
      '/langue choisir langue:العربية portée:"Ce serveur"',
      {
        name: 'language',
        options: [{ name: 'set', type: 1, options: [{ name: 'language', type: 3, value: 'ar' }, { name: 'scope', type: 3, value: 'server' }] }],
      },
    ],
    ['/idioma mostrar', { name: 'language', options: [{ name: 'show', type: 1, options: [] }] }],
    ['/standings group:A', { name: 'standings', options: [{ name: 'group', type: 3, value: 'A' }] }],
  ])('%s', (line, expected) => {
    expect(data(line)).toMatchObject(expected);
  });

  test('an unknown localised word is still refused with the options listed', () => {
    const result = parseCommandLine('/classement poule:B', DEFINITIONS, GUILD);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('has no option "poule"') });
  });
});
