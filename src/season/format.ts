// The `format` of a season file: its stages in order (code, name, key, kind, legs or groups and
// matchdays) and its tiebreak rule set by name. A file without one gets the format its matches show
// (src/domain/format.ts deriveFormat); every check of stage, group and matchday reads the format.
import * as z from 'zod';
import { deriveFormat } from '../domain/format.js';
import { once } from '../domain/memo.js';
import { LEG_FORMATS, TIEBREAK_RULES, type GroupId, type SeasonFormat, type StageFormat } from '../domain/types.js';
import type { Collector, Indexed } from './problems.js';

/** Longest stage code or group label: the database's check (src/db/schema.ts MAX_CODE_LENGTH). */
const MAX_LABEL = 40;
/** Matchdays a round robin may have (the database's check: 1–38). */
export const MAX_MATCHDAY = 38;

// Built at the first format checked, not when the module loads (see seasonSourceSchema in source.ts).
export const formatSchemas = once(() => {
  /** A stage's code: a lower-case slug (`first_round`, `qualifying_1`, `group`). */
  const stageCodeSchema = z
    .string()
    .max(MAX_LABEL)
    .regex(/^[a-z][a-z0-9_]*$/, { error: 'expected a stage code like "first_round" (lower-case letters, digits and _)' });

  /** A group's label: `A`, or a longer name. */
  const groupLabelSchema = z.string().trim().min(1, { error: 'must not be empty' }).max(MAX_LABEL);

  const stageName = z.string().trim().min(1, { error: 'must not be empty' });
  const stageKey = z
    .string()
    .max(8)
    .regex(/^[A-Z][A-Z0-9]*$/, { error: 'expected a short key like "R1", "GS", "QF" (capital letters and digits)' });

  const groupStageSchema = z.strictObject({
    code: stageCodeSchema,
    name: stageName,
    key: stageKey,
    kind: z.literal('group'),
    /** The groups' labels in order. */
    groups: z.array(groupLabelSchema).min(1, { error: 'a group stage needs at least one group' }),
    matchdays: z.int().min(1).max(MAX_MATCHDAY),
    /** One group fans see without a label (a league phase): `groups` holds its one internal id. */
    unnamed: z.boolean().optional(),
  });

  const tieStageSchema = z.strictObject({
    code: stageCodeSchema,
    name: stageName,
    key: stageKey,
    kind: z.enum(['qualifying', 'knockout']),
    legs: z.enum(LEG_FORMATS),
  });

  const stageFormatSchema = z.discriminatedUnion('kind', [groupStageSchema, tieStageSchema], {
    error: 'expected a stage with kind "qualifying", "group" or "knockout"',
  });

  const seasonFormatSchema = z.strictObject({
    stages: z.array(stageFormatSchema).min(1, { error: 'a format needs at least one stage' }),
    /** The tiebreak rule set by name: `caf` (the CAF club competitions' regulations). */
    tiebreak: z.enum(TIEBREAK_RULES, { error: `unknown tiebreak rule set (known: ${TIEBREAK_RULES.join(', ')})` }),
  });

  return { stageCodeSchema, groupLabelSchema, stageFormatSchema, seasonFormatSchema };
});

export type SeasonFormatRecord = z.infer<ReturnType<typeof formatSchemas>['seasonFormatSchema']>;

/** Checks a format's stages agree with each other: unique codes and keys, qualifying → group → knockout. */
export function checkFormat(format: SeasonFormatRecord, collector: Collector): void {
  const at = (...rest: (string | number)[]) => ['format', 'stages', ...rest];
  const codeAt = new Map<string, number>();
  const keyAt = new Map<string, number>();
  let groupStageAt: number | null = null;
  format.stages.forEach((stage: StageFormat, i) => {
    const sameCode = codeAt.get(stage.code);
    if (sameCode !== undefined) collector.add(at(i, 'code'), `stage "${stage.code}" is also format.stages[${sameCode}]`);
    else codeAt.set(stage.code, i);
    const sameKey = keyAt.get(stage.key);
    if (sameKey !== undefined) collector.add(at(i, 'key'), `key "${stage.key}" is also the key of format.stages[${sameKey}]`);
    else keyAt.set(stage.key, i);
    if (stage.kind === 'group') {
      if (groupStageAt !== null) collector.add(at(i, 'kind'), `a season has one group stage (format.stages[${groupStageAt}] is one)`);
      else groupStageAt = i;
      const labelAt = new Map<GroupId, number>();
      stage.groups.forEach((label, g) => {
        const same = labelAt.get(label);
        if (same !== undefined) collector.add(at(i, 'groups', g), `group "${label}" is listed twice`);
        else labelAt.set(label, g);
      });
      if (stage.unnamed === true && stage.groups.length !== 1) {
        collector.add(at(i, 'unnamed'), `an unnamed group stage has exactly one group (its internal id); this one lists ${stage.groups.length}`);
      }
    }
  });
  if (groupStageAt === null) return;
  format.stages.forEach((stage, i) => {
    if (stage.kind === 'qualifying' && i > (groupStageAt ?? 0)) collector.add(at(i, 'kind'), 'a qualifying round comes before the group stage');
    if (stage.kind === 'knockout' && i < (groupStageAt ?? 0)) collector.add(at(i, 'kind'), 'a knockout round comes after the group stage (before it: "qualifying")');
  });
}

/**
 * The file's format, validated; when the file has none, the one its matches and groups show
 * (deriveFormat's rule). Null, with the problems recorded, when neither works.
 */
export function readFormat(
  raw: unknown,
  matches: readonly Indexed<{ stage: string; group: string | null; matchday: number | null; leg: number | null }>[],
  groupIds: readonly GroupId[],
  alsoNamed: readonly string[],
  collector: Collector,
): SeasonFormat | null {
  if (raw === undefined || raw === null) {
    const derived = deriveFormat(
      matches.map((m) => m.value),
      groupIds,
      alsoNamed,
    );
    if (derived === null) collector.add(['format'], 'is missing: a season whose stages are not the CAF ones must declare its format');
    return derived;
  }
  const result = formatSchemas().seasonFormatSchema.safeParse(raw);
  if (!result.success) {
    collector.addZodIssues(['format'], result.error.issues);
    return null;
  }
  const before = collector.problems.length;
  checkFormat(result.data, collector);
  return collector.problems.length === before ? withoutFalseUnnamed(result.data) : null;
}

/** `"unnamed": false` says what its absence says: the format keeps the key only when it is true. */
function withoutFalseUnnamed(format: SeasonFormatRecord): SeasonFormat {
  return {
    ...format,
    stages: format.stages.map((stage): StageFormat => {
      if (stage.kind !== 'group' || stage.unnamed !== false) return stage;
      const { unnamed: _false, ...lettered } = stage;
      return lettered;
    }),
  };
}
