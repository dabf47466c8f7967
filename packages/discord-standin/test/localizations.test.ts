import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/errors.js';
import { validateCommand } from '../src/validate-command.js';

// Localisations as Discord checks them (application-commands.mdx, Localization; reference.mdx, Locales).

const codeOf = (cmd: Record<string, unknown>): number | null => {
  try {
    validateCommand(cmd);
    return null;
  } catch (e) {
    if (e instanceof ApiError) return e.code;
    throw e;
  }
};

describe('validateCommand: localizations', () => {
  it.each([
    ['fr and pt-BR names and descriptions', { name: 'standings', description: 'x', name_localizations: { fr: 'classement', 'pt-BR': 'classificação' }, description_localizations: { fr: 'y' } }, null],
    ['null dictionaries', { name: 'standings', description: 'x', name_localizations: null, description_localizations: null }, null],
    ['an ar key (no such Discord locale)', { name: 'standings', description: 'x', name_localizations: { ar: 'الترتيب' } }, 50035],
    ['a pt key (Discord has pt-BR only)', { name: 'standings', description: 'x', description_localizations: { pt: 'y' } }, 50035],
    ['an uppercase localised name', { name: 'standings', description: 'x', name_localizations: { fr: 'Classement' } }, 50035],
    ['an empty localised description', { name: 'standings', description: 'x', description_localizations: { fr: '' } }, 50035],
    ['a choice name over 100', { name: 'a', description: 'x', options: [{ type: 3, name: 'g', description: 'd', choices: [{ name: 'A', value: 'A', name_localizations: { fr: 'x'.repeat(101) } }] }] }, 50035],
    ['a localised option name clashing in its locale', { name: 'a', description: 'x', options: [{ type: 3, name: 'p', description: 'd', name_localizations: { fr: 'z' } }, { type: 3, name: 'q', description: 'd', name_localizations: { fr: 'z' } }] }, 50035],
    ['localised option names differing', { name: 'a', description: 'x', options: [{ type: 3, name: 'p', description: 'd', name_localizations: { fr: 'y' } }, { type: 3, name: 'q', description: 'd', name_localizations: { fr: 'z' } }] }, null],
  ])('%s', (_label, cmd, code) => {
    expect(codeOf(cmd)).toBe(code);
  });

  it('counts the longest localisation of each field toward the 8000-character total', () => {
    const options = (fr: number) =>
      Array.from({ length: 25 }, (_, i) => ({
        type: 3,
        name: `o${i}`,
        description: 'd',
        choices: Array.from({ length: 4 }, (_, j) => ({ name: 'c', value: `${j}`, name_localizations: { fr: 'x'.repeat(fr) } })),
      }));
    expect(codeOf({ name: 'big', description: 'x', options: options(75) })).toBeNull();
    expect(codeOf({ name: 'big', description: 'x', options: options(80) })).toBe(50035);
  });
});
