// A season's format is data: the same commands, read models, CLI queries and announcement planning
// run over the shipped seasons (CAF's format: two qualifying rounds, groups A–D, two-legged knockout)
// and over a constructed season in another format (one qualifying round, three groups, two-legged
// semi-finals, a single-leg final decided on penalties). Table-driven: each case names its season.
import { describe, expect, test } from 'vitest';
import { QUERIES, type QueryOptions } from '../../src/cli/queries.js';
import { commands } from '../../src/discord/commands/index.js';
import type { Command } from '../../src/discord/commands/types.js';
import { seasonRounds } from '../../src/domain/calendar.js';
import { UserError } from '../../src/domain/errors.js';
import { advancing, groupLabels, matchdayCount, stageCodes } from '../../src/domain/format.js';
import { computeGroupTables } from '../../src/domain/standings.js';
import { computeTies } from '../../src/domain/ties.js';
import type { Season } from '../../src/domain/types.js';
import { importSeason } from '../../src/db/import.js';
import { loadSeason } from '../../src/db/season-repo.js';
import { rowsFor } from '../../src/db/outbox.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { replanAll } from '../../src/planning/announcements.js';
import { readSeasonFile } from '../../src/season/read.js';
import { seasonToFile } from '../../src/season/write.js';
import { parseSeason } from '../../src/season/parse.js';
import { makeTestDb } from '../db/helpers.js';
import { allText, limitViolations } from '../discord/render/limits-check.js';
import { fakeAutocomplete, fakeChatInput, makeCtx, onlyPayload } from '../discord/commands/fakes.js';
import { fromPackageRoot } from '../../src/package-root.js';

const read = (...path: string[]): Season => readSeasonFile(fromPackageRoot(...path)).season;
const constructed = read('test', 'fixtures', 'seasons', 'constructed-3-groups.json');
const confederationCup = read('data', 'seasons', 'caf-cc-2023-24.json');
const championsLeague = read('data', 'seasons', 'caf-cl-2023-24.json');
const league = read('test', 'fixtures', 'seasons', 'constructed-league.json');

interface Case {
  readonly season: Season;
  /** After the season: every result known. */
  readonly after: Date;
  /** The group labels fans pick from (none for an unnamed league phase). */
  readonly groups: readonly string[];
  /** The groups' internal ids (the labels, or the league phase's one id). */
  readonly groupIds: readonly string[];
  readonly stages: readonly string[];
  /** The group stage's code. */
  readonly groupStage: string;
  /** A club that played the final, for /team, /match and /next. */
  readonly finalist: string;
  readonly champion: string;
}

const CASES: readonly Case[] = [
  {
    season: confederationCup,
    after: new Date('2024-06-01T12:00:00Z'),
    groups: ['A', 'B', 'C', 'D'],
    groupIds: ['A', 'B', 'C', 'D'],
    stages: ['first_round', 'second_round', 'group', 'quarter_final', 'semi_final', 'final'],
    groupStage: 'group',
    finalist: 'zamalek',
    champion: 'zamalek',
  },
  {
    season: championsLeague,
    after: new Date('2024-06-01T12:00:00Z'),
    groups: ['A', 'B', 'C', 'D'],
    groupIds: ['A', 'B', 'C', 'D'],
    stages: ['first_round', 'second_round', 'group', 'quarter_final', 'semi_final', 'final'],
    groupStage: 'group',
    finalist: 'esperance-de-tunis',
    champion: 'al-ahly-sc',
  },
  {
    season: constructed,
    after: new Date('2025-06-01T12:00:00Z'),
    groups: ['A', 'B', 'C'],
    groupIds: ['A', 'B', 'C'],
    stages: ['first_round', 'group', 'semi_final', 'final'],
    groupStage: 'group',
    finalist: 'delta-wanderers',
    champion: 'sahara-sporting',
  },
  {
    season: league,
    after: new Date('2025-07-01T12:00:00Z'),
    groups: [],
    groupIds: ['L'],
    stages: ['playoff', 'league', 'semi_final', 'final'],
    groupStage: 'league',
    finalist: 'giza-pharaohs',
    champion: 'tangier-port',
  },
];

const named = CASES.map((c) => ({ ...c, name: c.season.id }));

describe.each(named)('$name', ({ season, after, groups, groupIds, stages, groupStage, finalist, champion }) => {
  /** A group to pick where the season has lettered groups; none for an unnamed league phase. */
  const pick = groups.length > 0 ? { group: groups[0] ?? '' } : {};
  test('the format gives its stages and groups; every read model follows them', () => {
    expect(stageCodes(season)).toEqual(stages);
    expect(groupLabels(season)).toEqual(groupIds);
    expect(computeGroupTables(season).map((t) => t.group)).toEqual(groupIds);
    const stagesWithMatches = new Set(season.matches.map((m) => m.stage));
    expect([...stagesWithMatches].every((s) => stages.includes(s))).toBe(true);
    const final = computeTies(season, 'final');
    expect(final).toHaveLength(1);
    expect(final[0]?.winner).toBe(champion);
    expect(season.champion).toBe(champion);
  });

  test('the format survives the database (import, then load) and the season file writer', () => {
    const opened = makeTestDb();
    try {
      importSeason(opened.db, season, 'hash');
      expect(loadSeason(opened.db, season.id).format).toEqual(season.format);
    } finally {
      opened.close();
    }
    expect(parseSeason(JSON.parse(JSON.stringify(seasonToFile(season))), 'written.json').season.format).toEqual(season.format);
  });

  test.each([
    ['fixtures', {}],
    ['fixtures', { stage: 'final' }],
    ['fixtures', { stage: 'GROUP_STAGE', group: 'A', matchday: 6 }],
    ['standings', {}],
    ['standings', { group: 'A' }],
    ['scorers', {}],
    ['team', { team: 'FINALIST' }],
    ['match', { team: 'FINALIST' }],
    ['next', {}],
    ['next', { team: 'FINALIST' }],
    ['bracket', {}],
    ['bracket', { stage: 'final' }],
    ['schedule', {}],
    ['schedule', { stage: 'GROUP_STAGE' }],
    ['rankings', {}],
    ['about', {}],
  ] as const)('/%s %o answers within Discord limits, with no key or code shown to fans', async (name, options) => {
    // An unnamed league phase has no group to pick: the option is left out.
    const filled = Object.fromEntries(
      Object.entries(options)
        .filter(([k]) => k !== 'group' || groups.length > 0)
        .map(([k, v]) => [k, v === 'FINALIST' ? finalist : v === 'GROUP_STAGE' ? groupStage : k === 'group' ? (pick.group ?? v) : v]),
    );
    const { interaction, reply } = fakeChatInput(name, filled);
    await command(name).execute(interaction, makeCtx(season, after));
    const payload = onlyPayload(reply);
    expect(limitViolations(payload)).toEqual([]);
    const text = allText(payload);
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/undefined|\bnull\b|NaN|words\.|\[object/);
    // Stage codes are data, never fan text.
    expect(text).not.toMatch(/\b(first_round|second_round|quarter_final|semi_final|playoff|league)\b/);
    // An unnamed group is never shown by its internal id.
    if (groups.length === 0) expect(text).not.toMatch(/Group L\b|\bL,|\bL ·/);
  });

  test('stage, group and matchday autocomplete offer the season\'s own', async () => {
    const ctx = makeCtx(season, after);
    const offered = async (commandName: string, focused: string) => {
      const { interaction, respond } = fakeAutocomplete(commandName, { name: focused, value: '' });
      await command(commandName).autocomplete?.(interaction, ctx);
      return (respond.mock.calls[0]?.[0] ?? []).map((c) => c.value);
    };
    expect(await offered('fixtures', 'stage')).toEqual(stages);
    expect(await offered('fixtures', 'group')).toEqual(groups);
    expect(await offered('standings', 'group')).toEqual(groups);
    expect(await offered('fixtures', 'matchday')).toEqual(Array.from({ length: matchdayCount(season) }, (_, i) => i + 1));
    expect(await offered('bracket', 'stage')).toEqual(stages.filter((s) => s !== groupStage));
  });

  test('a group the season does not have is a UserError that lists its groups', async () => {
    const { interaction } = fakeChatInput('standings', { group: 'E' });
    const error = await command('standings').execute(interaction, makeCtx(season, after)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).suggestions).toEqual(groups.map((g) => `Group ${g}`));
    if (groups.length === 0) expect((error as UserError).message).toBe('This season has no groups to pick: its table is a single league. Leave `group` empty.');
    expect((error as UserError).message).not.toMatch(/Group L\b/);
  });

  test('the CLI queries take stage and group from the format', () => {
    const query = (name: string, opts: Omit<QueryOptions, 'args'>) => {
      const run = QUERIES[name];
      if (run === undefined) throw new Error(name);
      return run(season, { args: [], ...opts });
    };
    const standings = query('standings', {}).json as { groups: { group: string | null }[] };
    // `group` is the season's label, or null for an unnamed group.
    expect(standings.groups.map((g) => g.group)).toEqual(groups.length > 0 ? groups : [null]);
    expect(query('standings', {}).text).not.toMatch(/Group L\b/);
    const fixtures = query('fixtures', { stage: groupStage }).json as { matches: { group: string | null }[] };
    expect(new Set(fixtures.matches.map((m) => m.group))).toEqual(new Set(groups.length > 0 ? groups : [null]));
    const ties = query('ties', { round: 'final' }).json as { ties: { round: string; winner: string; decidedBy: string }[] };
    expect(ties.ties.map((t) => t.round)).toEqual(['final']);
    expect(() => query('standings', { group: 'E' })).toThrow(groups.length > 0 ? /--group must be one of/ : /--group: .* has no groups to pick/);
    expect(() => query('fixtures', { stage: 'play_off' })).toThrow(/--stage must be one of/);
  });

  test('announcements plan a preview for every round of the format, the final included', () => {
    const opened = makeTestDb();
    try {
      setSubscription(opened.db, { guildId: '100000000000000001', channelId: '200000000000000001', seasonId: season.id, roleId: null, leadsMs: [86_400_000], recap: true }, 0);
      const start = Date.parse(`${season.matches.map((m) => m.date ?? '9999').sort()[0]}T00:00:00Z`) - 30 * 86_400_000;
      replanAll(opened.db, { get: (id) => (id === season.id ? season : undefined), list: () => [] }, start);
      const previews = new Set(rowsFor(opened.db, { guildId: '100000000000000001' }).filter((r) => r.kind === 'preview').map((r) => r.roundKey));
      expect([...previews].sort()).toEqual(seasonRounds(season).map((r) => r.key).sort());
    } finally {
      opened.close();
    }
  });
});

describe('the constructed season: three groups and a single-leg final', () => {
  test('the groups send their winners and the best runner-up on (four teams for the semi-finals)', () => {
    expect(advancing(constructed)).toEqual({ direct: 1, bestPlaced: 1 });
    expect(advancing(confederationCup)).toEqual({ direct: 2, bestPlaced: 0 });
    for (const table of computeGroupTables(constructed)) {
      expect(table.rows.map((r) => r.fate)).toEqual(['through', 'open', 'out', 'out']);
    }
  });

  test('the final is one round, one match, decided on penalties after extra time', () => {
    const rounds = seasonRounds(constructed);
    expect(rounds.map((r) => r.key)).toEqual(['R1-L1', 'R1-L2', 'GS-MD1', 'GS-MD2', 'GS-MD3', 'GS-MD4', 'GS-MD5', 'GS-MD6', 'SF-L1', 'SF-L2', 'F']);
    expect(rounds.at(-1)).toMatchObject({ label: 'Final', leg: null, matchday: null });
    const [final] = computeTies(constructed, 'final');
    expect(final).toMatchObject({ winner: 'sahara-sporting', decidedBy: 'penalties', aggregate: [1, 1] });
    const [awayGoals] = computeTies(constructed, 'first_round').filter((t) => t.decidedBy === 'away_goals');
    expect(awayGoals?.winner).toBe('oran-mariners');
  });

  test('/bracket says how the single-leg final was won, with no aggregate', async () => {
    const won = (score: { home: number; away: number }, extra: Partial<Season['matches'][number]>): Season => ({
      ...constructed,
      champion: null,
      matches: constructed.matches.map((m) => (m.id === 'F' ? { ...m, score, extraTime: false, penalties: null, goals: [], ...extra } : m)),
    });
    const finalLine = async (season: Season) => {
      const { interaction, reply } = fakeChatInput('bracket', { stage: 'final' });
      await command('bracket').execute(interaction, makeCtx(season, new Date('2025-06-01T12:00:00Z')));
      return onlyPayload(reply).embeds[0]?.fields?.at(-1)?.value.split('\n').at(-1);
    };
    expect(await finalLine(constructed)).toBe('➡️ Sahara Sporting win the Constructed Cup on penalties (4–3 in the shoot-out)');
    expect(await finalLine(won({ home: 2, away: 1 }, {}))).toBe('➡️ Delta Wanderers win the Constructed Cup');
    expect(await finalLine(won({ home: 1, away: 2 }, { extraTime: true }))).toMatch(/^➡️ Sahara Sporting win the Constructed Cup.*extra time/);
  });

  test('/bracket states the rules of the rounds it shows: two legs, one match, or both', async () => {
    const description = async (season: Season, options: Record<string, string> = {}) => {
      const { interaction, reply } = fakeChatInput('bracket', options);
      await command('bracket').execute(interaction, makeCtx(season, new Date('2025-06-01T12:00:00Z')));
      return onlyPayload(reply).embeds[0]?.description?.split('\n').slice(1);
    };
    const twoLegs = 'Ties over two legs: aggregate score, then away goals, then penalties.';
    const oneMatch = 'One-match ties: the winner is decided on the day.';
    expect(await description(constructed)).toEqual([twoLegs, oneMatch]);
    expect(await description(constructed, { stage: 'final' })).toEqual([oneMatch]);
    expect(await description(constructed, { stage: 'semi_final' })).toEqual([twoLegs]);
    expect(await description(confederationCup)).toEqual([twoLegs]);
  });

  test('/fixtures stage:final heads the final as one match, not legs', async () => {
    const { interaction, reply } = fakeChatInput('fixtures', { stage: 'final' });
    await command('fixtures').execute(interaction, makeCtx(constructed, new Date('2025-06-01T12:00:00Z')));
    const description = onlyPayload(reply).embeds[0]?.description ?? '';
    expect(description.split('\n')[0]).toBe('**Final**');
    expect(description).not.toMatch(/leg/);
  });

  test('the format templates in data/formats are formats a season file accepts', async () => {
    const { seasonFormatSchema } = (await import('../../src/season/format.js')).formatSchemas();
    const { readFileSync } = await import('node:fs');
    for (const file of ['caf-club-competitions.json', 'three-groups-single-leg-final.json', 'league-phase.json']) {
      const { $comment, ...format } = JSON.parse(readFileSync(fromPackageRoot('data', 'formats', file), 'utf8')) as Record<string, unknown>;
      expect($comment).toEqual(expect.any(String));
      expect(seasonFormatSchema.parse(format)).toEqual(format);
    }
    const template = JSON.parse(readFileSync(fromPackageRoot('data', 'formats', 'three-groups-single-leg-final.json'), 'utf8')) as Record<string, unknown>;
    delete template['$comment'];
    expect(template).toEqual(constructed.format);
    const leaguePhase = JSON.parse(readFileSync(fromPackageRoot('data', 'formats', 'league-phase.json'), 'utf8')) as Record<string, unknown>;
    delete leaguePhase['$comment'];
    expect(leaguePhase).toEqual(league.format);
  });
});

describe('a stage code the house has no words for', () => {
  // The constructed season with its semi-finals coded `play_off`: a format may name any stage.
  const renamed = JSON.parse(JSON.stringify(seasonToFile(constructed)).replaceAll('"semi_final"', '"play_off"')) as Record<string, unknown>;
  const season = parseSeason(renamed, 'play-off.json').season;
  const after = new Date('2025-06-01T12:00:00Z');

  test('it parses, and the read models take it from the format', () => {
    expect(stageCodes(season)).toEqual(['first_round', 'group', 'play_off', 'final']);
    expect(computeTies(season, 'play_off').map((t) => t.winner)).toEqual(['delta-wanderers', 'sahara-sporting']);
    expect(seasonRounds(season).map((r) => r.key)).toContain('SF-L2');
  });

  test.each([
    ['fixtures', { stage: 'play_off' }],
    ['bracket', {}],
    ['schedule', {}],
    ['team', { team: 'nile-harbour' }],
    ['scorers', {}],
  ] as const)('/%s %o writes the stage from its code, never a missing key', async (name, options) => {
    const { interaction, reply } = fakeChatInput(name, options);
    await command(name).execute(interaction, makeCtx(season, after));
    const payload = onlyPayload(reply);
    expect(limitViolations(payload)).toEqual([]);
    expect(allText(payload)).not.toMatch(/play_off|undefined|words\./);
  });
});

function command(name: string): Command {
  const found = commands.find((c) => c.data.name === name);
  if (!found) throw new Error(name);
  return found;
}
