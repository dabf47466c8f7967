// Whether a parsed Football.TXT season fits the season file as it is today: the domain's fixed
// format (two qualifying rounds, one group stage with groups A–D and at most six matchdays,
// two-legged quarter-finals, semi-finals and final). Formats as data (issue 11) lift this; until
// then a file that does not fit fails with what it lacks, instead of being bent into shape.
import type { ParsedRound, ParsedSeason } from '../football-txt/index.js';
import { GROUPS, type Stage } from '../domain/types.js';

export const EXPECTED_FORMAT =
  'two qualifying rounds, one group stage with groups A–D (up to six matchdays), then two-legged quarter-finals, semi-finals and final';

const KNOCKOUT: readonly { stage: Stage; name: RegExp; ties: number }[] = [
  { stage: 'quarter_final', name: /quarter/i, ties: 4 },
  { stage: 'semi_final', name: /semi/i, ties: 2 },
  { stage: 'final', name: /^final/i, ties: 1 },
];

export type ShapeResult =
  | { readonly ok: true; readonly stageOf: ReadonlyMap<string, Stage> }
  | { readonly ok: false; readonly missing: readonly string[]; readonly found: string };

const describe = (r: ParsedRound) => `"${r.name}" (${r.kind}${r.kind === 'group' ? '' : r.twoLegged ? ', two legs' : ', one leg'})`;

/** Each round's stage when the season fits; otherwise every part of the format it lacks. */
export function fitShape(season: ParsedSeason): ShapeResult {
  const missing: string[] = [];
  const qualifying = season.rounds.filter((r) => r.kind === 'qualifying');
  const groupRounds = season.rounds.filter((r) => r.kind === 'group');
  const knockout = season.rounds.filter((r) => r.kind === 'knockout');
  const stageOf = new Map<string, Stage>();

  if (qualifying.length !== 2) missing.push(`two qualifying rounds (the file has ${qualifying.length})`);
  else {
    stageOf.set(qualifying[0]?.key ?? '', 'first_round');
    stageOf.set(qualifying[1]?.key ?? '', 'second_round');
  }
  const [groupRound] = groupRounds;
  if (!groupRound) missing.push('a group stage (the file has no group round)');
  else if (groupRounds.length > 1) missing.push(`one group stage (the file has ${groupRounds.length}: ${groupRounds.map((r) => r.name).join(', ')})`);
  else {
    stageOf.set(groupRound.key, 'group');
    const labels = season.groups.map((g) => g.label);
    if (labels.join() !== GROUPS.join()) missing.push(`groups ${GROUPS.join(', ')} (the file has ${labels.length === 0 ? 'none' : labels.join(', ')})`);
    const matchdays = Math.max(0, ...season.matches.map((m) => m.matchday ?? 0));
    if (matchdays > 6) missing.push(`at most six matchdays (the file has ${matchdays})`);
  }
  if (knockout.length !== KNOCKOUT.length) {
    missing.push(`quarter-finals, semi-finals and final (the file has ${knockout.length === 0 ? 'no knockout round' : knockout.map((r) => `"${r.name}"`).join(', ')})`);
  } else {
    KNOCKOUT.forEach((want, i) => {
      const round = knockout[i];
      if (!round) return;
      const ties = season.ties.filter((t) => t.round === round.key).length;
      if (!want.name.test(round.name)) missing.push(`${want.stage.replace('_', '-')} as knockout round ${i + 1} (the file has "${round.name}")`);
      else if (ties !== want.ties) missing.push(`${want.ties} tie(s) in "${round.name}" (the file has ${ties})`);
      else stageOf.set(round.key, want.stage);
    });
  }
  const order = season.rounds.map((r) => r.kind);
  const expectedOrder = [...order].sort((a, b) => rank(a) - rank(b));
  if (order.join() !== expectedOrder.join()) missing.push('qualifying rounds, then the group stage, then the knockout rounds, in that order');
  for (const round of [...qualifying, ...knockout]) {
    const single = season.ties.filter((t) => t.round === round.key && t.legs.length !== 2);
    if (single.length > 0) missing.push(`two legs in every tie of "${round.name}" (${single.length} tie(s) with ${single.map((t) => t.legs.length).join('/')} leg(s); single-leg ties have no place in the current schema)`);
  }
  if (missing.length > 0) return { ok: false, missing, found: season.rounds.map(describe).join(', ') || 'no rounds' };
  return { ok: true, stageOf };
}

const rank = (kind: ParsedRound['kind']) => (kind === 'qualifying' ? 0 : kind === 'group' ? 1 : 2);
