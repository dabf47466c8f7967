// The shape of a season's `source` lives with the season file's schema (the file holds it); the
// pollers read it from here.
export {
  durationMs,
  MAX_EVERY_MS,
  MIN_EVERY_MS,
  SOURCE_FORMATS,
  seasonSourceSchema,
  type SeasonSource,
  type SeasonSourceInput,
  type SourceFormat,
} from '../season/source.js';
