// The editing service: createEditing and its API (types.ts).
export { createEditing, knownClubs, seasonProblems } from './service.js';
export { formatTemplates } from './templates.js';
export type * from './types.js';
export { EDITABLE_STATUSES } from './types.js';
