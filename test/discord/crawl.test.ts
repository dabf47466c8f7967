// The crawl: every fan command, for every team, group, round and match of the real season, at five
// instants of the replay clock, through the real command handlers and renderers (in-process, so it
// stays fast). It fails on text a fan should never read: research wording, JSON paths, note ids,
// "seed", null/undefined/NaN/[object, shouting capitals, and fixture lines too long for a phone.
import { describe, expect, test } from 'vitest';
import { renderPreview, renderRecap } from '../../src/discord/announcements/render.js';
import { commands } from '../../src/discord/commands/index.js';
import { seasonRounds } from '../../src/domain/calendar.js';
import type { Command, CommandContext } from '../../src/discord/commands/types.js';
import type { MessagePayload } from '../../src/discord/render/limits.js';
import { seasonAsOf } from '../../src/domain/as-of.js';
import { GROUPS, STAGES } from '../../src/domain/types.js';
import type { Season } from '../../src/domain/types.js';
import { UserError } from '../../src/domain/errors.js';
import { readSeasonFile } from '../../src/season/read.js';
import { fakeButton, fakeChatInput, makeCtx, onlyPayload } from './commands/fakes.js';
import { limitViolations } from './render/limits-check.js';

const real = readSeasonFile().season;

/** Before the draw, after matchday 1, before the quarter-final draw, between the semi-final legs, after the final. */
const INSTANTS = [
  ['before the draw', '2023-07-20T12:00:00Z'],
  ['after matchday 1', '2023-11-28T12:00:00Z'],
  ['before the quarter-final draw', '2024-03-08T12:00:00Z'],
  ['between the semi-final legs', '2024-04-24T12:00:00Z'],
  ['after the final', '2024-06-01T12:00:00Z'],
] as const;

/**
 * Words in capitals a fan may read: acronyms and units. Team, player, venue and association names
 * from the data are proper nouns and allowed too (e.g. "USM Alger", "RS Berkane").
 */
const ACRONYMS = new Set(['CAF', 'FIFA', 'UTC', 'GMT', 'FC', 'FA', 'FKF', 'FECOFA', 'GF', 'GA', 'GD', 'VAR', 'TV']);

const properNounWords = (season: Season): Set<string> => {
  const words = new Set<string>();
  const add = (text: string | null | undefined): void => {
    for (const w of (text ?? '').split(/[^\p{L}\p{N}]+/u)) if (w) words.add(w);
  };
  for (const t of season.teams) {
    add(t.name);
    add((t as { shortName?: string | null }).shortName);
    t.aliases.forEach(add);
    add(t.association);
  }
  for (const a of season.associations) {
    add(a.name);
    add(a.code);
    add((a as { shortName?: string | null }).shortName);
  }
  for (const m of season.matches) {
    add(m.venue);
    for (const g of m.goals) add(g.player);
  }
  return words;
};
const PROPER = properNounWords(real);

/** Text as a fan reads it: no markdown escapes, Discord timestamps shown as wide as their widest common rendering (en-US). */
const visible = (text: string): string =>
  text
    .replace(/\[([^\]]*)\]\(<?[^)>]*>?\)/g, '$1')
    .replace(/<t:\d+:f>/g, 'September 30, 2023 10:00 PM')
    .replace(/<t:\d+:[A-Za-z]>/g, 'in 3 days')
    .replace(/\\(.)/g, '$1')
    .replace(/\*\*|__|`|\u200b/g, '');

const payloadTexts = (payload: MessagePayload): string[] => [
  payload.content ?? '',
  ...payload.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ...payload.components.flatMap((row) => row.components.map((c) => ('label' in c && typeof c.label === 'string' ? c.label : ''))),
];

const BAD: readonly [string, RegExp][] = [
  ['a JSON path', /\b(?:matches|associations|teams|calendar|conflicts|gaps|groups|printedTotals|rankingCriteria)(?:\.|\[)[\w-]/],
  ['a note or match id', /\b(?:R[12]-T\d+|G[A-D]-MD\d|QF\d-L\d|SF\d-L\d|F-L\d|DRAW-\w+|GS-MD\d)\b/],
  ['a round code', /\b(?:T\d{1,2}|R[12] T\d+|SF\d L\d|QF\d L\d|F L\d)\b|\+2324/],
  ['"seed"', /\bseed\b/i],
  ['null', /\bnull\b/],
  ['undefined', /\bundefined\b/],
  ['NaN', /\bNaN\b/],
  ['[object', /\[object/],
  ['an editor symbol', /🚶|⏹️/],
  ['a key=value', /\b\w+=(?:null|\d)/],
];

export interface Finding {
  readonly where: string;
  readonly problem: string;
  readonly text: string;
}

export const inspectText = (where: string, raw: string): Finding[] => {
  const found: Finding[] = [];
  // Timestamps are Discord's to render; only their width matters (for fixture lines), not their words.
  const text = visible(raw.replace(/<t:-?\d+(?::[A-Za-z])?>/g, 'timestamp'));
  for (const [problem, pattern] of BAD) {
    const hit = pattern.exec(text);
    if (hit) found.push({ where, problem, text: around(text, hit.index) });
  }
  for (const hit of text.matchAll(/(?<![\p{L}\p{N}])[\p{Lu}][\p{Lu}\p{N}]+(?![\p{L}\p{N}])/gu)) {
    const word = hit[0];
    if (!/\p{Lu}.*\p{Lu}/u.test(word)) continue;
    if (ACRONYMS.has(word) || PROPER.has(word)) continue;
    found.push({ where, problem: `capitals "${word}"`, text: around(text, hit.index ?? 0) });
  }
  return found;
};

const around = (text: string, at: number): string => text.slice(Math.max(0, at - 50), at + 70).replace(/\n/g, '⏎');

/** Lines that list matches (/fixtures, a /team path, /bracket legs, the /match picker): a score or a " v ". */
export const FIXTURE_LINE_MAX = 60;
const isFixtureLine = (line: string): boolean => !line.startsWith('```') && /\d–\d(?: \([^)]*\))? \p{Lu}| v /u.test(visible(line));
const fixtureLineFindings = (where: string, payload: MessagePayload): Finding[] => {
  const blocks = payload.embeds.flatMap((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)]);
  return blocks
    .flatMap((b) => b.split('\n'))
    .filter((line) => isFixtureLine(line) && visible(line).length > FIXTURE_LINE_MAX)
    .map((line) => ({ where, problem: `fixture line of ${visible(line).length} characters`, text: visible(line) }));
};

const command = (name: string): Command => {
  const found = commands.find((c) => c.data.name === name);
  if (!found) throw new Error(name);
  return found;
};

interface Rendered {
  readonly where: string;
  readonly payload: MessagePayload;
  readonly listsFixtures: boolean;
}

const LIST_COMMANDS = new Set(['fixtures', 'team', 'bracket', 'match']);

async function crawl(ctx: CommandContext, season: Season): Promise<Rendered[]> {
  const out: Rendered[] = [];
  // A UserError is a fair answer (a club with no match drawn yet): its message is fan text too.
  const answer = async (where: string, name: string, run: () => Promise<unknown>, fn: { mock: { calls: unknown[][] } }): Promise<MessagePayload> => {
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    if (error !== null && !(error instanceof UserError)) throw error;
    const payload: MessagePayload = error instanceof UserError ? { content: error.message, embeds: [], components: [], allowedMentions: { parse: [] } } : onlyPayload(fn);
    out.push({ where, payload, listsFixtures: LIST_COMMANDS.has(name) });
    return payload;
  };
  const slash = async (name: string, options: Record<string, string | number> = {}): Promise<MessagePayload> => {
    const { interaction, reply } = fakeChatInput(name, options);
    return answer(`/${name} ${JSON.stringify(options)}`, name, () => command(name).execute(interaction, ctx), reply);
  };
  const click = async (name: string, customId: string): Promise<MessagePayload> => {
    const { interaction, update } = fakeButton(customId);
    return answer(`${name} button ${customId}`, name, async () => command(name).button?.(interaction, ctx), update);
  };
  const everyPage = async (name: string, first: MessagePayload): Promise<void> => {
    let payload = first;
    for (let guard = 0; guard < 40; guard++) {
      const next = payload.components.flatMap((r) => r.components).find((c) => 'label' in c && c.label === '▶' && !c.disabled);
      if (!next || !('custom_id' in next)) return;
      payload = await click(name, next.custom_id);
    }
  };

  for (const when of ['upcoming', 'results', 'all'] as const) await everyPage('fixtures', await slash('fixtures', { when }));
  await slash('fixtures');
  for (const stage of STAGES) await everyPage('fixtures', await slash('fixtures', { stage, when: 'all' }));
  for (const group of GROUPS) await slash('fixtures', { group, when: 'all' });
  for (let matchday = 1; matchday <= 6; matchday++) await slash('fixtures', { stage: 'group', matchday, when: 'all' });
  await slash('standings');
  for (const group of GROUPS) await slash('standings', { group });
  await slash('scorers');
  await slash('scorers', { limit: 3 });
  for (const stage of ['proper', 'qualifying', 'group', 'quarter_final', 'semi_final', 'final']) await slash('scorers', { stage });
  for (const team of season.teams) {
    await everyPage('fixtures', await slash('fixtures', { team: team.id }));
    await slash('team', { team: team.id });
    await slash('match', { team: team.id });
    await slash('scorers', { team: team.id, stage: 'qualifying' });
    await slash('scorers', { team: team.id });
  }
  for (const match of season.matches) await click('match', `match:m:${match.id}`);
  await slash('bracket');
  await slash('schedule');
  await slash('rankings');
  await slash('about');
  return out;
}

describe.each(INSTANTS)('the crawl, %s', (_label, iso) => {
  test('no fan-facing text reads like a research note, and fixture lines fit a phone', async () => {
    const now = new Date(iso);
    const season = seasonAsOf(real, now);
    // Every team of the season, and every match the clock already shows (a pairing appears from its draw).
    const rendered = await crawl(makeCtx(season, now), { ...season, teams: real.teams });
    expect(rendered.length).toBeGreaterThan(250);
    const findings: Finding[] = [];
    for (const { where, payload, listsFixtures } of rendered) {
      for (const v of limitViolations(payload)) findings.push({ where, problem: v, text: '' });
      for (const text of payloadTexts(payload)) findings.push(...inspectText(where, text));
      if (listsFixtures) findings.push(...fixtureLineFindings(where, payload));
    }
    // One finding per problem and text is enough to read.
    const unique = [...new Map(findings.map((f) => [`${f.problem}|${f.text}`, f])).values()];
    // At most three examples of each kind of problem, so every kind shows in the report.
    const perKind = new Map<string, Finding[]>();
    for (const f of unique) {
      const kind = f.problem.replace(/\d+/g, 'n');
      const list = perKind.get(kind) ?? [];
      if (list.length < 3) perKind.set(kind, [...list, f]);
    }
    expect([...perKind.values()].flat().map((f) => `${f.problem} · ${f.where} · ${f.text}`)).toEqual([]);
  });
});

test('every announcement post of the season (preview and recap of every round) reads as fan text', () => {
  const season = seasonAsOf(real, new Date('2024-06-01T12:00:00Z'));
  const findings: Finding[] = [];
  for (const round of seasonRounds(season)) {
    for (const [kind, post] of [
      ['preview', renderPreview(season, round)],
      ['recap', renderRecap(season, round)],
    ] as const) {
      const where = `${round.key} ${kind}`;
      for (const embed of post.messages.flat()) {
        for (const text of [embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])]) findings.push(...inspectText(where, text));
      }
    }
  }
  expect(findings.slice(0, 20).map((f) => `${f.problem} · ${f.where} · ${f.text}`)).toEqual([]);
});

describe('the crawl checks catch what they should', () => {
  test.each([
    ['…see conflicts (associations.Algeria.rank).', 'a JSON path'],
    ['Score `matches.R1-T08-L1.score`', 'a JSON path'],
    ['This file keeps the rank the seed prints', '"seed"'],
    ['rank_points=null', 'null'],
    ['The awarded SCORELINE is not stated', 'capitals "SCORELINE"'],
    ['RESULT NOT FOUND.', 'capitals "RESULT"'],
    ['`T13` · Dreams FC v Kallon', 'a round code'],
    ['SF1 L1 · Zamalek v Modern Future', 'a round code'],
    ['points NaN', 'NaN'],
    ['[object Object]', '[object'],
    ['🚶 walkover', 'an editor symbol'],
  ])('%s → %s', (text, problem) => {
    expect(inspectText('test', text).map((f) => f.problem)).toContain(problem);
  });

  test.each(['CAF points put Algeria 3rd', 'USM Alger 2–0 Rivers United', 'Kickoff time disputed between sources: 18:00 or 19:00 UTC', 'P W D L GF GA GD Pts'])(
    'plain text passes: %s',
    (text) => {
      expect(inspectText('test', text)).toEqual([]);
    },
  );
});
