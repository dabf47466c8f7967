// Problems found in a season file, with the JSON path of each, and the error that carries them.
import type * as z from 'zod';

export interface SeasonFileProblem {
  /** JSON path inside the file, e.g. `matches[12].home`; `$` is the whole document. */
  readonly path: string;
  readonly message: string;
}

/** The season file cannot be used as it is. The message names the file and lists every problem. */
export class SeasonFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: readonly SeasonFileProblem[],
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${p.path}: ${p.message}`);
    super([`Season file ${fileName} has ${count}:`, ...lines].join('\n'));
    this.name = 'SeasonFileError';
  }
}

export type Segment = string | number;

const formatPath = (segments: readonly Segment[]): string => {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '$' : out;
};

/** A list element with its position in the file, for paths like `matches[12]`. */
export interface Indexed<T> {
  readonly index: number;
  readonly value: T;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects problems with their JSON paths, e.g. `matches[3].goals[1].team`. */
export function problemCollector() {
  const problems: SeasonFileProblem[] = [];
  const add = (segments: readonly Segment[], message: string): void => {
    problems.push({ path: formatPath(segments), message });
  };
  const addZodIssues = (prefix: readonly Segment[], issues: readonly z.core.$ZodIssue[]): void => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) add([...path, key], 'unknown field (misspelt, or not part of the format)');
      } else {
        add(path, issue.message);
      }
    }
  };
  return { problems, add, addZodIssues };
}

export type Collector = ReturnType<typeof problemCollector>;

/**
 * Records of a list as written, valid or not. Cross-record checks that only need one field read it
 * from here, so one broken record does not hide a duplicate or cause a knock-on problem elsewhere.
 */
export function rawRecords(json: Record<string, unknown>, key: string): Indexed<Record<string, unknown>>[] {
  const list = json[key];
  if (!Array.isArray(list)) return [];
  const out: Indexed<Record<string, unknown>>[] = [];
  list.forEach((value: unknown, index: number) => {
    if (isPlainObject(value)) out.push({ index, value });
  });
  return out;
}

export const stringField = (record: Record<string, unknown>, field: string): string | null => {
  const value = record[field];
  return typeof value === 'string' ? value : null;
};
