// Football.TXT (openfootball's plain-text results format) → a neutral parsed season.
//
// Pure: text and options in, a result out. No files, no Discord, no database; the importer
// (`npm run data:import`, later) reads the file, maps clubs through data/clubs.json and writes the
// season.
//
// Input
//   parseFootballTxt(text, {
//     fileName,      // named in every error
//     seasonLabel,   // "2023-24": July–December dates take 2023, January–June 2024; "2022": one year
//     groups?,       // { groups: { A: ["Team", ...] } } when the file's group round names no letters
//     matchdays?,    // { "Home v Away": 4 } for group matches whose two teams' counts disagree
//   })
//
// Lines read: title `= …`; comments `# …`; headings (`Qual. Round 1`, `Group`, `Group A:`,
// `▪ Round of 16`, `▪▪ Group A`, `» Group stage - Group A`, `Quarterfinals`, `Final`); group lines
// (`Group A  |  Team  Team` or `Group A : T1, T2`); matchday calendar lines (`Matchday 1 | Sun Nov/20`);
// dates (`[Fri Aug/18]`, `Sun Nov 20`, `Sun Nov/20 2022 @ Stadium › City` — a time and venue there
// apply to the matches under it); matches (`(12)` number, date and time `22.00`/`19:00 UTC+3`
// optional; `Home (ALG)  2-1 (1-0)  Away (TUN)`, `-` for no result, `3-2 pen. (1-1, 0-1)`,
// `1-1 a.e.t., 1-3 pen.`, `[awarded]`, `Home v Away  2-1`, `@ venue`); scorers (`(Name 16'(p), 45+1';
// Name 90'(og))`, `[-; Name 31']`, over several lines); line-ups (`Team: …` under a match, with
// their indented continuation) and officials (`Refs: …`), recognised and skipped.
//
// Output: { ok: true, season } with rounds in file order (kind qualifying/group/knockout, two-legged
// or not), groups with their teams and association codes, teams, matches in date order (date only,
// the printed kickoff kept with a note since the format gives no zone; home/away; result, full
// time, half-time, extra time, penalties, awarded; goals with minute/stoppage/penalty/own goal;
// source line), ties of the non-group rounds, and a summary (clubs, matches, groups, rounds, goals,
// and what the format did not give: scorers, venues, kickoff times, time zones, half-times).
//
// Errors: { ok: false, errors } — every problem found, each with file, line number, the line as
// printed, what is wrong and, for a line it could not read, what it expected. Among them: an
// unreadable line; a weekday that does not match the date; a group match whose teams disagree on
// the matchday; a group round without letters (the pools found are listed, never lettered); a
// groups file that does not fit the fixtures; scorers that cannot be given a side.
export { parseFootballTxt } from './parse.js';
export { seasonYears } from './dates.js';
export type {
  GroupsInput,
  Kickoff,
  MatchdayDate,
  ParseError,
  ParseOptions,
  ParseResult,
  ParseSummary,
  ParsedGoal,
  ParsedGroup,
  ParsedMatch,
  ParsedRound,
  ParsedSeason,
  ParsedTie,
  RoundKind,
  Score,
  TeamRef,
} from './types.js';
