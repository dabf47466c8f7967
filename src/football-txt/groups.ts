// Groups and matchdays of the group rounds. The letters come from the file's own group lines, else
// from the groups option, else from headings that name a group; without any of these the pools are
// found from who plays whom and reported, never lettered by guess (one pool is a league phase: one
// group with no letter, `UNNAMED_GROUP`). A group match's matchday is each
// team's n-th group match in date order; when the two teams disagree the file is ambiguous.
import { byDate, type Fail, type GroupDef, type MatchDraft, type RoundDraft } from './draft.js';
import type { GroupsInput, ParsedGroup, TeamRef } from './types.js';

/** The internal id of a league phase's one group, which has no letter (fans never see it). */
export const UNNAMED_GROUP = 'league';

export interface GroupResult {
  readonly groups: ParsedGroup[];
  /** Match line → group label. */
  readonly groupOf: Map<number, string>;
  /** Match line → matchday. */
  readonly matchdayOf: Map<number, number>;
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** Connected components of the who-plays-whom graph, each sorted, in order of first appearance. */
export const pools = (matches: readonly MatchDraft[]): string[][] => {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  for (const m of matches) {
    for (const t of [m.home.name, m.away.name]) if (!parent.has(t)) parent.set(t, t);
    const a = find(m.home.name);
    const b = find(m.away.name);
    if (a !== b) parent.set(b, a);
  }
  const byRoot = new Map<string, string[]>();
  for (const team of parent.keys()) {
    const root = find(team);
    byRoot.set(root, [...(byRoot.get(root) ?? []), team]);
  }
  return [...byRoot.values()].map((teams) => teams.sort((x, y) => x.localeCompare(y)));
};

const assignments = (
  round: RoundDraft,
  matches: readonly MatchDraft[],
  defs: readonly GroupDef[],
  input: GroupsInput | undefined,
  teamRef: (name: string) => TeamRef,
  fail: Fail,
): { labelOf: Map<string, string>; groups: ParsedGroup[] } | null => {
  const inRound = new Set(matches.flatMap((m) => [m.home.name, m.away.name]));
  const labelOf = new Map<string, string>();
  const groups: ParsedGroup[] = [];
  const build = (entries: readonly (readonly [string, readonly string[]])[], source: ParsedGroup['source'], where: number | null) => {
    let ok = true;
    for (const [label, teams] of entries) {
      for (const t of teams) {
        const before = labelOf.get(t);
        if (before !== undefined && before !== label) {
          fail(where, `${t} is in group ${before} and in group ${label}`);
          ok = false;
        }
        labelOf.set(t, label);
      }
      groups.push({ label, round: round.key, teams: teams.map(teamRef), source });
    }
    return ok;
  };

  if (defs.length > 0) {
    if (!build(defs.map((d) => [d.label, d.teams.map((t) => t.name)] as const), 'file', defs[0]?.line ?? null)) return null;
    // A groups file given as well must say the same, or one of the two is wrong.
    for (const [label, teams] of Object.entries(input?.groups ?? {})) {
      const inFile = defs.find((d) => d.label === label);
      const same = inFile && inFile.teams.length === teams.length && teams.every((t) => labelOf.get(t) === label);
      if (!same) fail(inFile?.line ?? defs[0]?.line ?? null, `the groups file's group ${label} (${teams.join(', ')}) differs from the file's group lines`);
    }
    const missing = [...inRound].filter((t) => !labelOf.has(t));
    if (missing.length > 0) {
      fail(round.line, `the group lines of the file do not list ${missing.join(', ')}, who play in "${round.name}"`);
      return null;
    }
    return { labelOf, groups };
  }
  if (input) {
    const entries = Object.entries(input.groups);
    if (!build(entries, 'groups-option', null)) return null;
    const unknown = [...labelOf.keys()].filter((t) => !inRound.has(t));
    const missing = [...inRound].filter((t) => !labelOf.has(t));
    if (unknown.length > 0) fail(null, `the groups file names ${unknown.join(', ')}, who play no match in "${round.name}" (names must be spelled as in the file)`);
    if (missing.length > 0) fail(null, `the groups file does not place ${missing.join(', ')}, who play in "${round.name}"`);
    return unknown.length + missing.length > 0 ? null : { labelOf, groups };
  }
  if (matches.every((m) => m.headingGroup !== null)) {
    const order: string[] = [];
    const members = new Map<string, string[]>();
    for (const m of matches) {
      const label = m.headingGroup as string;
      if (!members.has(label)) {
        order.push(label);
        members.set(label, []);
      }
      const list = members.get(label) as string[];
      for (const t of [m.home.name, m.away.name]) if (!list.includes(t)) list.push(t);
    }
    return build(order.map((l) => [l, members.get(l) ?? []] as const), 'headings', round.line) ? { labelOf, groups } : null;
  }
  const found = pools(matches);
  // One pool and no letter anywhere: a league phase, one group shown without a letter (none is guessed).
  const [only] = found;
  if (found.length === 1 && only !== undefined) return build([[UNNAMED_GROUP, only]], 'unnamed', round.line) ? { labelOf, groups } : null;
  fail(
    round.line,
    `"${round.name}" names no group letters and no groups were given. The fixtures form ${found.length} pool${found.length === 1 ? '' : 's'}: ` +
      found.map((p, i) => `pool ${i + 1}: ${p.join(', ')}`).join('; ') +
      '. Name each pool\'s letter with a groups file ({"groups": {"A": [...]}}) or "Group A | ..." lines.',
  );
  return null;
};

export const resolveGroups = (
  rounds: readonly RoundDraft[],
  matches: readonly MatchDraft[],
  defs: readonly GroupDef[],
  input: GroupsInput | undefined,
  overrides: Readonly<Record<string, number>> | undefined,
  teamRef: (name: string) => TeamRef,
  fail: Fail,
): GroupResult => {
  const groups: ParsedGroup[] = [];
  const groupOf = new Map<number, string>();
  const matchdayOf = new Map<number, number>();
  const groupRounds = rounds.filter((r) => r.kind === 'group');
  if (groupRounds.length === 0 && input) fail(null, 'a groups file was given, but the file has no group round');
  for (const round of groupRounds) {
    const inRound = matches.filter((m) => m.round === round).sort(byDate);
    const assigned = assignments(round, inRound, defs, input, teamRef, fail);
    if (assigned) {
      groups.push(...assigned.groups);
      for (const m of inRound) {
        const home = assigned.labelOf.get(m.home.name);
        const away = assigned.labelOf.get(m.away.name);
        if (home !== away) {
          fail(m.line, `${m.home.name} (group ${home}) and ${m.away.name} (group ${away}) meet in "${round.name}", but are not in the same group`);
          continue;
        }
        if (m.headingGroup !== null && m.headingGroup !== home) {
          fail(m.line, `this match is under the heading of group ${m.headingGroup}, but ${m.home.name} and ${m.away.name} are in group ${home}`);
          continue;
        }
        groupOf.set(m.line, home as string);
      }
    }
    // Matchdays: each team's n-th group match in date order.
    const played = new Map<string, number>();
    for (const m of inRound) {
      const nHome = (played.get(m.home.name) ?? 0) + 1;
      const nAway = (played.get(m.away.name) ?? 0) + 1;
      played.set(m.home.name, nHome);
      played.set(m.away.name, nAway);
      const key = `${m.home.name} v ${m.away.name}`;
      const override = overrides && Object.hasOwn(overrides, key) ? overrides[key] : undefined;
      if (override !== undefined) {
        matchdayOf.set(m.line, override);
        continue;
      }
      if (nHome !== nAway) {
        fail(
          m.line,
          `the matchday is ambiguous: this is ${m.home.name}'s ${ordinal(nHome)} group match but ${m.away.name}'s ${ordinal(nAway)}. ` +
            `Map it with a matchdays override {"${key}": n}`,
        );
        continue;
      }
      if (m.headingMatchday !== null && m.headingMatchday !== nHome) {
        fail(m.line, `under the heading of matchday ${m.headingMatchday}, but this is both teams' ${ordinal(nHome)} group match`);
        continue;
      }
      matchdayOf.set(m.line, nHome);
    }
  }
  if (overrides) {
    const keys = new Set(matches.filter((m) => m.round.kind === 'group').map((m) => `${m.home.name} v ${m.away.name}`));
    for (const key of Object.keys(overrides)) if (!keys.has(key)) fail(null, `the matchdays override "${key}" matches no group match (write "Home v Away" as the file spells them)`);
  }
  return { groups, groupOf, matchdayOf };
};
