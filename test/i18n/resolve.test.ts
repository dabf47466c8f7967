import { expect, test } from 'vitest';
import { resolveLanguage, type LanguageInputs } from '../../src/i18n/resolve.js';

// The order of choice: the user's /language choice, the server's, the client's locale, the server's
// locale, English. Discord always sends a client locale and has none for Arabic, so an explicit
// server choice has to come before it.

const none: LanguageInputs = { userChoice: null, serverChoice: null, clientLocale: null, serverLocale: null };

test.each([
  ['nothing at all', {}, 'en', 'default'],
  ['a French client', { clientLocale: 'fr' }, 'fr', 'client'],
  ['a Brazilian Portuguese client', { clientLocale: 'pt-BR' }, 'pt', 'client'],
  ['a US English client', { clientLocale: 'en-US' }, 'en', 'client'],
  ['a British English client in a French server', { clientLocale: 'en-GB', serverLocale: 'fr' }, 'en', 'client'],
  ['a German client in a French Community server', { clientLocale: 'de', serverLocale: 'fr' }, 'fr', 'serverLocale'],
  ['a German client in a German server', { clientLocale: 'de', serverLocale: 'de' }, 'en', 'default'],
  ['a server set to Arabic, a French client', { serverChoice: 'ar', clientLocale: 'fr' }, 'ar', 'server'],
  ['a user choice over the server choice', { userChoice: 'pt', serverChoice: 'ar', clientLocale: 'fr' }, 'pt', 'user'],
  ['Arabic chosen by a user with an English client', { userChoice: 'ar', clientLocale: 'en-US' }, 'ar', 'user'],
  ['a stored value that is no longer a language', { userChoice: 'xx', serverChoice: 'de', clientLocale: 'pt-BR' }, 'pt', 'client'],
  ['a malformed locale', { clientLocale: '', serverLocale: 'FR' }, 'fr', 'serverLocale'],
] as const)('%s → %s (%s)', (_label, given, language, source) => {
  expect(resolveLanguage({ ...none, ...given })).toEqual({ language, source });
});
