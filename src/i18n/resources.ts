// The resource files, one per language, bundled with the code (tsc copies them next to dist/).
import ar from './locales/ar.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import pt from './locales/pt.json' with { type: 'json' };
import type { Language } from './languages.js';

/** A resource file: nested sections down to strings. */
export interface ResourceTree {
  readonly [key: string]: string | ResourceTree;
}

export const RESOURCES: Readonly<Record<Language, ResourceTree>> = { en, fr, ar, pt };
