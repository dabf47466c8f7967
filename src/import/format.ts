// A parsed Football.TXT season's format, from its sections: each round in file order becomes a stage
// (qualifying rounds, the group stage with its groups and matchdays, knockout rounds), two-legged when
// every tie has two legs, single-leg when every tie is one match. The CAF stages keep the house's
// codes (first_round … final), so their labels are translated; any other round keeps its own name.
import { isKnownStage, STAGE_KEY, STAGE_LABEL, type KnownStage } from '../domain/types.js';
import type { ParsedRound, ParsedSeason } from '../football-txt/index.js';
import type { SeasonFormatRecord } from '../season/format.js';

type StageRecord = SeasonFormatRecord['stages'][number];

export type FormatResult =
  | { readonly ok: true; readonly format: SeasonFormatRecord; readonly stageOf: ReadonlyMap<string, StageRecord> }
  | { readonly ok: false; readonly problems: readonly string[] };

/** The house's code for a knockout round the CAF competitions play, by its printed name. */
const KNOCKOUT_CODES: readonly { readonly code: KnownStage; readonly name: RegExp }[] = [
  { code: 'quarter_final', name: /^quarter[- ]?finals?$/i },
  { code: 'semi_final', name: /^semi[- ]?finals?$/i },
  { code: 'final', name: /^finals?$/i },
];

const slug = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(?=\d)/, 'stage_')
    .slice(0, 40) || 'stage';

/** "Round of 16" → "RO16", "Play-off round" → "PR": capitals of its words and its digits, at most 8. */
const keyOf = (name: string): string => {
  const key = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => (/^\d+$/.test(w) ? w : (w[0] ?? '').toUpperCase()))
    .join('')
    .slice(0, 8);
  return /^[A-Z]/.test(key) ? key : `S${key}`.slice(0, 8);
};

/** The code a round gets: the CAF qualifying rounds (two of them), group and knockout names; else its name's slug. */
function codeFor(round: ParsedRound, qualifyingIndex: number, qualifyingCount: number): string {
  if (round.kind === 'group') return 'group';
  if (round.kind === 'qualifying') {
    if (qualifyingCount <= 2) return qualifyingIndex === 0 ? 'first_round' : 'second_round';
    return `qualifying_${qualifyingIndex + 1}`;
  }
  return KNOCKOUT_CODES.find((k) => k.name.test(round.name.trim()))?.code ?? slug(round.name);
}

/** The format the file's sections show, with the stage of each parsed round; problems when a round mixes one- and two-match ties. */
export function formatOf(season: ParsedSeason): FormatResult {
  const problems: string[] = [];
  const stageOf = new Map<string, StageRecord>();
  const qualifying = season.rounds.filter((r) => r.kind === 'qualifying');
  const usedKeys = new Set<string>();
  const stages = season.rounds.map((round): StageRecord => {
    const code = codeFor(round, qualifying.indexOf(round), qualifying.length);
    const known = isKnownStage(code);
    const name = known ? STAGE_LABEL[code] : round.name.trim();
    let key = known ? STAGE_KEY[code] : keyOf(name);
    for (let n = 2; usedKeys.has(key); n++) key = `${key.slice(0, 7)}${n}`;
    usedKeys.add(key);
    let stage: StageRecord;
    if (round.kind === 'group') {
      const own = season.groups.filter((g) => g.round === round.key);
      const groups = own.map((g) => g.label);
      const matchdays = Math.max(1, ...season.matches.filter((m) => m.round === round.key).map((m) => m.matchday ?? 0));
      // A league phase (one pool, no letter in the file) is one unnamed group.
      const unnamed = own.length === 1 && own[0]?.source === 'unnamed';
      stage = { code, name, key, kind: 'group', groups, matchdays, ...(unnamed ? { unnamed: true } : {}) };
    } else {
      const legs = new Set(season.ties.filter((t) => t.round === round.key).map((t) => t.legs.length));
      if (legs.size > 1) problems.push(`"${round.name}" (line ${round.line}) mixes ties of one match and of two legs; a round is played one way`);
      stage = { code, name, key, kind: round.kind, legs: legs.has(1) && legs.size === 1 ? 'single_leg' : 'two_legged' };
    }
    stageOf.set(round.key, stage);
    return stage;
  });
  const codes = stages.map((s) => s.code);
  const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (twice.length > 0) problems.push(`two rounds would be the same stage (${[...new Set(twice)].join(', ')}): name them apart in the file`);
  const kinds = season.rounds.map((r) => (r.kind === 'qualifying' ? 0 : r.kind === 'group' ? 1 : 2));
  if (kinds.some((k, i) => i > 0 && k < (kinds[i - 1] ?? 0))) problems.push('the rounds are not in the order qualifying rounds, group stage, knockout rounds');
  if (season.rounds.filter((r) => r.kind === 'group').length > 1) problems.push(`a season has one group stage; the file has ${season.rounds.filter((r) => r.kind === 'group').map((r) => `"${r.name}"`).join(', ')}`);
  if (stages.length === 0) problems.push('the file has no round (no section heading)');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, format: { stages, tiebreak: 'caf' }, stageOf };
}
