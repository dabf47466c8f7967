// Direction marks for Arabic replies. Discord lays every line out left to right and reorders mixed
// Arabic/Latin runs inside it; isolates keep a Latin name or a table line in one piece. Discord strips
// U+202E (right-to-left override), and overrides are never what we mean, so none is ever produced.

/** FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: the run takes the direction of its first letter. */
export const FSI = '\u2068';
/** LEFT-TO-RIGHT ISOLATE: the run is laid out left to right whatever surrounds it. */
export const LRI = '\u2066';
export const RLI = '\u2067';
export const PDI = '\u2069';

/** Embeddings and overrides (LRE RLE PDF LRO RLO) and stray isolates, as they may come from data. */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Removes direction controls from text taken from data, so it cannot unbalance ours. */
export const stripDirectionControls = (text: string): string => text.replace(DIRECTION_CONTROLS, '');

/** A name (club, player, venue) as one unit inside a line of another direction: FSI … PDI. */
export const isolateName = (name: string): string => `${FSI}${stripDirectionControls(name)}${PDI}`;

/** A monospace table line kept left to right in an Arabic reply: LRI … PDI. */
export const isolateLtrLine = (line: string): string => `${LRI}${stripDirectionControls(line)}${PDI}`;

/** Whether text carries a character Discord strips or that would reverse what follows. */
export const hasOverride = (text: string): boolean => /[\u202D\u202E]/.test(text);
