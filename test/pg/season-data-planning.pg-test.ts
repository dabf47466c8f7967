// Planning announcements through the async store, on SQLite and on a real PostgreSQL: the same
// season and channels plan the same outbox rows on both engines; planning again changes nothing; a
// result an editor saves is planned as a full-time post.
import { afterAll, describe, expect, test } from 'vitest';
import { pgStore } from '../../src/db/pg/store.js';
import { sqliteStore, type Store } from '../../src/db/store/index.js';
import type { NewJournalRow } from '../../src/db/editing.js';
import { planOne, replanAll } from '../../src/planning/announcements.js';
import { readSeasonFile } from '../../src/season/read.js';
import { bothEngines, snowflake, type OnEngine } from './support.js';

const fromFile = readSeasonFile('data/seasons/caf-cl-2023-24.json');
const SEASON = fromFile.season.id;
const G = snowflake(1);
const H = 3_600_000;
// Before the final's second leg: the season is in progress, its last round still to be announced.
const final = fromFile.season.matches.find((m) => m.id === 'F-L2');
const NOW = Date.parse(final?.kickoff ?? final?.date ?? '2024-05-25') - 3 * 24 * H;




/** What a channel's outbox holds, without ids and times the engines stamp themselves. */
const outboxOf = async (store: Store, channelId: string) =>
  (await store.outbox.rowsFor({ guildId: G, channelId, seasonId: SEASON }))
    .map((r) => [r.kind, r.roundKey, r.slot, r.club ?? null, r.status, r.dueAt, r.expiresAt, r.fingerprint] as const)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const plans = new Map<string, unknown>();
const engines: OnEngine<{ store: Store }>[] = [];
afterAll(async () => {
  for (const engine of engines) await engine.close();
});

const ENGINES = bothEngines('planning-store', { sqlite: (db) => ({ store: sqliteStore(db) }), pg: (db) => ({ store: pgStore(db) }) });

describe.each(ENGINES)('planning through the store on %s', (name, open) => {
  test('two channels planned by replanAll and planOne; again changes nothing; an edited result is planned from when it was saved', async () => {
    const engine = await open();
    engines.push(engine);
    const { store } = engine;
    await store.data.importFileIfChanged(fromFile, new Date(NOW - 30 * 24 * H));
    const season = await store.data.loadSeason(SEASON);
    const catalog = { get: (id: string) => (id === SEASON ? season : undefined), list: () => [{ id: SEASON, competition: season.competition, label: season.label, updatedAt: null }] };

    await store.settings.setSubscription({ guildId: G, channelId: snowflake(10), seasonId: SEASON, leadsMs: [24 * H, H], results: 'each', goals: true }, NOW - 24 * H);
    const report = await replanAll(store, catalog, NOW);
    expect(report.subscriptions).toBe(1);
    expect(report.totals.inserted).toBeGreaterThan(0);
    const club = await store.settings.setSubscription({ guildId: G, channelId: snowflake(11), seasonId: SEASON, teamId: final?.home ?? null }, NOW);
    const one = await planOne(store, catalog, club, NOW);
    expect(one.inserted).toBeGreaterThan(0);

    const again = await replanAll(store, catalog, NOW);
    expect(again.totals).toMatchObject({ inserted: 0, moved: 0, reopened: 0, cancelled: 0 });
    expect(again.changes).toEqual([]);

    // An editor saves the final's result: a full-time post is planned, due from when it was saved.
    const savedAt = new Date(NOW + 4 * 24 * H);
    const entry: NewJournalRow = {
      seasonId: SEASON,
      matchId: 'F-L2',
      action: 'result',
      editorId: snowflake(20),
      editorName: 'Ama',
      guildId: G,
      at: savedAt,
      before: {},
      after: { score: { home: 1, away: 0 } },
      source: 'https://www.cafonline.com/',
      reason: null,
      undoes: null,
    };
    const withoutResult = { ...season, matches: season.matches.map((m) => (m.id === 'F-L2' ? { ...m, status: 'scheduled' as const, score: null, goals: [] } : m)) };
    await store.editing.confirmChange(withoutResult, entry, [{ matchId: 'F-L2', field: 'status', value: 'played' }, { matchId: 'F-L2', field: 'score', value: { home: 1, away: 0 } }, { matchId: 'F-L2', field: 'goals', value: [] }], savedAt);
    const edited = await store.data.loadSeason(SEASON);
    const editedCatalog = { ...catalog, get: (id: string) => (id === SEASON ? edited : undefined) };
    await replanAll(store, editedCatalog, savedAt.getTime() + H);
    const rows = await outboxOf(store, snowflake(10));
    expect(rows.some(([kind, roundKey]) => kind === 'result' && roundKey.startsWith('F'))).toBe(true);
    plans.set(name, { all: rows, club: await outboxOf(store, snowflake(11)) });
  });
});

describe('both engines', () => {
  test('plan the same outbox rows', () => {
    expect(plans.get('SQLite')).toBeDefined();
    expect(plans.get('PostgreSQL')).toEqual(plans.get('SQLite'));
  });
});
