// A source's body → a valid season, through the same code as the files on disk: a season-json body
// goes through the season file validator, a football.txt body through the Football.TXT parser and
// the importer `npm run data:import` uses, then the same validator. Anything else throws a
// `SourceProblem` whose message says what is wrong (the poller logs each distinct one once).
import type { ClubsFile } from '../clubs/schema.js';
import type { Season } from '../domain/types.js';
import { parseFootballTxt } from '../football-txt/index.js';
import { importSeason } from '../import/season.js';
import { redactUrlCredentials } from '../log.js';
import { parseSeason, SeasonFileError } from '../season/parse.js';
import type { SeasonSource } from './schema.js';

/** The source cannot be used as it is; the message is for the editors' log. */
export class SourceProblem extends Error {
  override readonly name = 'SourceProblem';
}

export type SeasonReader = (body: string) => Season;

/** What the season file says about itself, which a football.txt body does not carry. */
export interface SeasonIdentity {
  readonly id: string;
  readonly competition: string;
  /** `2023-24`, or `2023` for a one-year competition. */
  readonly label: string;
}

/** At most this many problems in one log line; the rest are counted. */
const SHOWN = 8;
const listed = (lines: readonly string[]): string =>
  [...lines.slice(0, SHOWN), ...(lines.length > SHOWN ? [`… and ${lines.length - SHOWN} more`] : [])].join('\n');

/** Validates a body as a season file (JSON) of the expected season. */
export const seasonJsonReader =
  (identity: Pick<SeasonIdentity, 'id'>, url: string): SeasonReader =>
  (body) => {
    let json: unknown;
    try {
      json = JSON.parse(body.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new SourceProblem(`not JSON: ${(err as Error).message}`);
    }
    return checked(identity, () => parseSeason(json, redactUrlCredentials(url)).season);
  };

export interface FootballTxtContext {
  readonly clubs: ClubsFile;
  /** Today on the bot's clock, `YYYY-MM-DD`: the imported season's asOf. */
  readonly today: () => string;
}

/** Parses a Football.TXT body and imports it as `npm run data:import` does, clubs through data/clubs.json. */
export const footballTxtReader =
  (identity: SeasonIdentity, source: SeasonSource, context: FootballTxtContext): SeasonReader =>
  (body) => {
    const url = redactUrlCredentials(source.url);
    const parsed = parseFootballTxt(body, {
      fileName: url,
      seasonLabel: identity.label,
      ...(source.groups === null ? {} : { groups: { groups: source.groups.groups } }),
    });
    if (!parsed.ok) {
      throw new SourceProblem(
        `cannot be read as Football.TXT (${parsed.errors.length} problem(s)):\n` +
          listed(parsed.errors.map((e) => `line ${e.line ?? '?'}: ${e.message}${e.text === null ? '' : ` — ${e.text.trim()}`}`)),
      );
    }
    const imported = importSeason(parsed.season, context.clubs, {
      id: identity.id,
      competition: identity.competition,
      label: identity.label,
      fileName: url,
      source: url,
      asOf: context.today(),
      groupsSources: source.groups?.sources ?? [],
    });
    if (!imported.ok) throw new SourceProblem(`cannot be imported:\n${listed(imported.problems)}`);
    // The same round trip as the import tool: the file as it would be written, read by the validator.
    const file: unknown = JSON.parse(JSON.stringify(imported.value.file));
    return checked(identity, () => parseSeason(file, url).season);
  };

export const readerFor = (identity: SeasonIdentity, source: SeasonSource, context: FootballTxtContext): SeasonReader =>
  source.format === 'season-json' ? seasonJsonReader(identity, source.url) : footballTxtReader(identity, source, context);

const checked = (identity: Pick<SeasonIdentity, 'id'>, read: () => Season): Season => {
  let season: Season;
  try {
    season = read();
  } catch (err) {
    if (err instanceof SeasonFileError) {
      throw new SourceProblem(`is not a valid season file (${err.problems.length} problem(s)):\n${listed(err.problems.map((p) => `${p.path}: ${p.message}`))}`);
    }
    throw err;
  }
  if (season.id !== identity.id) throw new SourceProblem(`serves the season "${season.id}", not "${identity.id}"`);
  return season;
};
