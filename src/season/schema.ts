// The zod schema of the season FILE (data/season-*.json): the domain `Season` written for people.
// Differences from the domain shape: teams are named by their canonical `name` everywhere (no ids),
// group membership is a top-level `groups` list, and the file carries `$comment` / `about` text.
// Every record is a strict object, so a misspelt key is reported instead of silently ignored.
import * as z from 'zod';
import { GOAL_TYPES, MATCH_STATUSES } from '../domain/types.js';
import { once } from '../domain/memo.js';
import { formatSchemas, MAX_MATCHDAY } from './format.js';
import { seasonSourceSchema } from './source.js';

// Built at the first file checked, not when the module loads (see seasonSourceSchema in source.ts).
export const seasonSchemas = once(() => {
  const { groupLabelSchema, seasonFormatSchema, stageCodeSchema } = formatSchemas();

  const text = z.string().trim().min(1, { error: 'must not be empty (use null when unknown)' });
  const nullableText = text.nullable();

  /** URLs or citations such as "seed 000_960979acb82d6ea3.txt". */
  const sourcesSchema = z.array(text).min(1, { error: 'needs at least one source' });

  /** A canonical team name (`teams[].name`), checked against the team list by the parser. */
  const teamNameSchema = text;

  const isoDate = z.iso.date({ error: 'expected a date written YYYY-MM-DD' });
  const utcInstant = z.iso.datetime({ error: 'expected a UTC instant written like 2023-11-26T19:00:00Z' });
  const goalCount = z.int().min(0).max(99);

  const minuteSchema = z
    .string()
    .regex(/^\d{1,3}(\+\d{1,2})?$/, { error: 'expected a minute like "54" or "90+4"' })
    .nullable();

  const scoreSchema = z.strictObject({ home: goalCount, away: goalCount });

  const goalSchema = z.strictObject({
    /** The team credited: for an own goal, the team that benefited. */
    team: teamNameSchema,
    /** For an own goal, the defender who scored it; null when not recorded. */
    player: nullableText,
    minute: minuteSchema,
    type: z.enum(GOAL_TYPES),
  });

  const decisionSchema = z.strictObject({
    winner: teamNameSchema,
    /** The awarded score where a source states it, else null. */
    score: scoreSchema.nullable(),
    /** Editors' text: what happened and who decided, with the sources' wording. */
    reason: text,
    /** The day the decision was made; null when no source dates it. */
    decidedOn: isoDate.nullable().default(null),
  });

  const redCardSchema = z.strictObject({
    team: teamNameSchema,
    player: nullableText,
    minute: minuteSchema,
  });

  /** A short form fans know ("Académica"); null when there is none. */
  const shortNameSchema = nullableText.default(null);

  const matchSchema = z.strictObject({
    id: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, { error: 'expected an id like "R1-T01-L1" or "GA-MD1-2"' }),
    /** A stage of the season's format. */
    stage: stageCodeSchema,
    /** A group label of the format's group stage; null outside it. */
    group: groupLabelSchema.nullable(),
    matchday: z.int().min(1).max(MAX_MATCHDAY).nullable(),
    tie: z.int().min(1).nullable(),
    leg: z.union([z.literal(1), z.literal(2)]).nullable(),
    /** Local match date. */
    date: isoDate.nullable(),
    kickoff: utcInstant.nullable(),
    /** Other UTC kickoffs a source gives when sources disagree (the conflict itself is in `conflicts`). */
    kickoffAlternatives: z.array(utcInstant).default([]),
    venue: nullableText,
    home: teamNameSchema,
    away: teamNameSchema,
    status: z.enum(MATCH_STATUSES),
    /** With status "scheduled": the day has passed and no source publishes a result. */
    resultNotPublished: z.boolean().default(false),
    score: scoreSchema.nullable(),
    extraTime: z.boolean(),
    penalties: scoreSchema.nullable(),
    decision: decisionSchema.nullable(),
    goals: z.array(goalSchema),
    referee: nullableText.default(null),
    attendance: z.int().min(0).nullable().default(null),
    /** null: no source covers sendings-off; []: a source says there were none. */
    redCards: z.array(redCardSchema).nullable().default(null),
    note: nullableText,
    sources: sourcesSchema,
  });

  const rank = z.int().min(1);

  const associationSchema = z.strictObject({
    name: text,
    shortName: shortNameSchema,
    code: z.string().regex(/^[A-Z]{3}$/, { error: 'expected a three-letter FIFA code like "MAR"' }).nullable(),
    /** The rank the competition's own list printed. */
    rank: rank.nullable(),
    /** When sources disagree on the rank: the printed one and the one CAF's points give. */
    rankDispute: z.strictObject({ printed: rank.nullable(), byPoints: rank.nullable() }).nullable().default(null),
    /** "low" when only a source of uncertain edition gives the rank. */
    rankConfidence: z.enum(['sourced', 'low']).default('sourced'),
    points: z.number().min(0).nullable(),
    entered: z.boolean(),
    note: nullableText,
    sources: sourcesSchema,
  });

  const teamSchema = z.strictObject({
    name: text,
    shortName: shortNameSchema,
    aliases: z.array(text),
    association: text,
    qualifyingMethod: nullableText,
    /** The stage of the format the team entered in (`second_round` for a bye past the first round). */
    entryRound: stageCodeSchema,
    note: nullableText,
    sources: sourcesSchema,
  });

  const groupSchema = z.strictObject({
    id: groupLabelSchema,
    teams: z.array(teamNameSchema).min(1),
    note: nullableText,
    sources: sourcesSchema,
  });

  const calendarEntrySchema = z.strictObject({
    id: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, { error: 'expected an id like "R1-L1" or "G-MD3"' }),
    phase: text,
    round: text,
    kind: z.enum(['draw', 'matchday', 'leg']),
    stage: stageCodeSchema.nullable(),
    matchday: z.int().min(1).max(MAX_MATCHDAY).nullable(),
    leg: z.union([z.literal(1), z.literal(2)]).nullable(),
    startDate: isoDate,
    endDate: isoDate,
    note: nullableText,
    sources: sourcesSchema,
  });

  const points = z.number().min(0);

  const rankingCriteriaSchema = z.strictObject({
    confederationCup: z.strictObject({
      winners: points,
      runnersUp: points,
      semiFinalists: points,
      quarterFinalists: points,
      groupThird: points,
      groupFourth: points,
    }),
    seasonCoefficient: z.number().positive(),
    note: nullableText,
    sources: sourcesSchema,
  });

  const count = z.int().min(0);

  const printedTotalsSchema = z.strictObject({
    matches: count,
    goals: count,
    groupMatches: count,
    groupGoals: count,
    note: nullableText,
    sources: sourcesSchema,
  });

  const sourceNoteSchema = z.strictObject({
    subject: text,
    text,
    sources: sourcesSchema,
  });

  /** Top-level fields that are single values; each list field has its own element schema below. */
  const headerSchemas = {
    $comment: text,
    about: text,
    /** Stable id, lower case: `caf-cc-2023-24`. Other seasons, announcements and servers refer to it. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected an id like "caf-cc-2023-24" (lower-case letters, digits and dashes)' }),
    /** The season as people write it: `2023-24`, or `2023` for a one-year competition. */
    label: z.string().regex(/^\d{4}(-\d{2})?$/, { error: 'expected a season label like "2023-24" or "2023"' }),
    /** Days after the last result before an unfinished season is called stale. */
    staleAfter: z.int().min(1).max(366).default(21),
    /** The day after which the season is finished whatever its results say; null when not set. */
    endDate: isoDate.nullable().default(null),
    name: text,
    competition: text,
    asOf: isoDate,
    champion: teamNameSchema.nullable(),
    rankingCriteria: rankingCriteriaSchema,
    /** null: no source prints totals for this season (an imported Football.TXT file prints none). */
    printedTotals: printedTotalsSchema.nullable(),
    /** Where the bot keeps the season current from (see source.ts); null when the file is the only source. */
    source: seasonSourceSchema().nullable().default(null),
  } as const;

  const listSchemas = {
    associations: associationSchema,
    groups: groupSchema,
    teams: teamSchema,
    matches: matchSchema,
    calendar: calendarEntrySchema,
    conflicts: sourceNoteSchema,
    gaps: sourceNoteSchema,
  } as const;

  /** The whole file in one schema (documentation, editor tooling, types). The parser validates it piecewise. */
  const seasonFileSchema = z.strictObject({
    ...headerSchemas,
    /** Stages, groups, matchdays, legs, tiebreak rules (src/season/format.ts); absent: derived from the matches. */
    format: seasonFormatSchema.optional(),
    associations: z.array(associationSchema),
    groups: z.array(groupSchema),
    teams: z.array(teamSchema),
    matches: z.array(matchSchema),
    calendar: z.array(calendarEntrySchema),
    conflicts: z.array(sourceNoteSchema),
    gaps: z.array(sourceNoteSchema),
  });

  return { sourcesSchema, teamNameSchema, scoreSchema, goalSchema, decisionSchema, redCardSchema, matchSchema, associationSchema, teamSchema, groupSchema, calendarEntrySchema, rankingCriteriaSchema, printedTotalsSchema, sourceNoteSchema, headerSchemas, listSchemas, seasonFileSchema };
});
export type SeasonSchemas = ReturnType<typeof seasonSchemas>;

export type SeasonFile = z.infer<SeasonSchemas['seasonFileSchema']>;
export type MatchRecord = z.infer<SeasonSchemas['matchSchema']>;
export type TeamRecord = z.infer<SeasonSchemas['teamSchema']>;
export type AssociationRecord = z.infer<SeasonSchemas['associationSchema']>;
export type GroupRecord = z.infer<SeasonSchemas['groupSchema']>;
export type CalendarRecord = z.infer<SeasonSchemas['calendarEntrySchema']>;
export type SourceNoteRecord = z.infer<SeasonSchemas['sourceNoteSchema']>;
export type GoalRecord = z.infer<SeasonSchemas['goalSchema']>;
export type RedCardRecord = z.infer<SeasonSchemas['redCardSchema']>;
/** The same records as written in the file, where fields with a default may be left out. */
export type SeasonFileInput = z.input<SeasonSchemas['seasonFileSchema']>;
export type MatchInput = z.input<SeasonSchemas['matchSchema']>;
export type TeamInput = z.input<SeasonSchemas['teamSchema']>;
export type AssociationInput = z.input<SeasonSchemas['associationSchema']>;
export type ScoreRecord = z.infer<SeasonSchemas['scoreSchema']>;
