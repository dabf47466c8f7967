import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { ensureSeasonImported, importSeason, lastImport } from '../../src/db/import.js';
import { goals, matches, redCards } from '../../src/db/schema.js';
import { dataVersion, loadSeason } from '../../src/db/season-repo.js';
import type { Season } from '../../src/domain/types.js';
import { editedFixtureSeason, fixtureSeason } from './fixtures.js';
import { dumpDatabase, makeTestDb, silent, tempDir } from './helpers.js';

const opened: OpenedDatabase[] = [];
const testDb = (): OpenedDatabase => {
  const handle = makeTestDb();
  opened.push(handle);
  return handle;
};
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

const NOW = new Date('2024-06-01T12:00:00.000Z');
const seasonData = (handle: OpenedDatabase) => dumpDatabase(handle.sqlite, ['data_imports']);

describe('importSeason and loadSeason', () => {
  test('round trip: the loaded season deep-equals the imported one', () => {
    const { db } = testDb();
    importSeason(db, fixtureSeason, 'hash-1', NOW);
    expect(loadSeason(db)).toStrictEqual(fixtureSeason);
  });

  test('the summary counts what was imported', () => {
    const { db } = testDb();
    const summary = importSeason(db, fixtureSeason, 'hash-1', NOW);
    expect(summary).toEqual({
      seasonId: '2023-24',
      hash: 'hash-1',
      importedAt: NOW,
      counts: { associations: 4, teams: 5, aliases: 4, matches: 7, goals: 5, calendarEntries: 3, conflicts: 1, gaps: 2 },
    });
    expect(lastImport(db)).toEqual(summary);
  });

  test('kickoff is stored as UTC epoch milliseconds, unknown kickoff as null', () => {
    const { db } = testDb();
    importSeason(db, fixtureSeason, 'hash-1', NOW);
    const rows = db.select({ id: matches.id, kickoffAt: matches.kickoffAt, date: matches.date }).from(matches).all();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get('R1-T01-L1')?.kickoffAt?.getTime()).toBe(Date.UTC(2023, 7, 18, 19, 0, 0));
    expect(byId.get('R1-T01-L2')).toEqual({ id: 'R1-T01-L2', kickoffAt: null, date: '2023-08-25' });
  });

  test('importing the same season twice leaves the same database', () => {
    const handle = testDb();
    importSeason(handle.db, fixtureSeason, 'hash-1', NOW);
    const first = seasonData(handle);
    importSeason(handle.db, fixtureSeason, 'hash-1', NOW);
    expect(seasonData(handle)).toEqual(first);
    expect(handle.sqlite.prepare('select count(*) as n from data_imports').get()).toEqual({ n: 2 });
  });

  test('a new import replaces the previous season data entirely', () => {
    const { db } = testDb();
    importSeason(db, fixtureSeason, 'hash-1', NOW);
    importSeason(db, editedFixtureSeason, 'hash-2', NOW);
    expect(loadSeason(db)).toStrictEqual(editedFixtureSeason);
    expect(db.select().from(goals).all().some((goal) => goal.teamId === 'asmara')).toBe(false);
  });

  test('loadSeason before any import says so', () => {
    const { db } = testDb();
    expect(() => loadSeason(db)).toThrow(/No season has been imported/);
    expect(dataVersion(db)).toBeNull();
  });

  test('dataVersion reports the hash and time of the latest import', () => {
    const { db } = testDb();
    importSeason(db, fixtureSeason, 'hash-1', NOW);
    importSeason(db, editedFixtureSeason, 'hash-2', new Date('2024-06-02T08:00:00.000Z'));
    expect(dataVersion(db)).toEqual({ hash: 'hash-2', importedAt: new Date('2024-06-02T08:00:00.000Z') });
  });
});

describe('a failed import writes nothing', () => {
  const withGoalFor = (team: string): Season => ({
    ...editedFixtureSeason,
    matches: editedFixtureSeason.matches.map((match) =>
      match.id === 'GA-MD1-1' ? { ...match, goals: [...match.goals, { team, player: 'Ghost', minute: '1', type: 'regular' as const }] } : match,
    ),
  });

  test.each([
    ['a goal credited to an unknown team', withGoalFor('no-such-team'), /goals \(season 2023-24, match GA-MD1-1, goal #1\): team_id="no-such-team" is not in teams/],
    [
      'a team in an unknown association',
      { ...editedFixtureSeason, teams: editedFixtureSeason.teams.map((t, i) => (i === 0 ? { ...t, association: 'Atlantis' } : t)) },
      /teams \(season 2023-24, zamalek\): association="Atlantis" is not in associations/,
    ],
    [
      'a match status outside the enum',
      { ...editedFixtureSeason, matches: editedFixtureSeason.matches.map((m, i) => (i === 0 ? { ...m, status: 'abandoned' as never } : m)) },
      /inserting matches \(season 2023-24, R1-T02\): CHECK constraint failed: matches_status_check/,
    ],
    [
      'a duplicate match id',
      { ...editedFixtureSeason, matches: [...editedFixtureSeason.matches, editedFixtureSeason.matches[0]!] },
      /inserting matches \(season 2023-24, R1-T02\): UNIQUE constraint failed: matches.season_id, matches.id/,
    ],
  ])('%s: the error says what, and the previous season stays', (_label, badSeason, message) => {
    const handle = testDb();
    importSeason(handle.db, fixtureSeason, 'hash-1', NOW);
    const before = dumpDatabase(handle.sqlite);
    expect(() => importSeason(handle.db, badSeason, 'hash-bad', NOW)).toThrow(message);
    expect(dumpDatabase(handle.sqlite)).toEqual(before);
    expect(dataVersion(handle.db)?.hash).toBe('hash-1');
  });

  test('into an empty database, a failed import leaves it empty', () => {
    const handle = testDb();
    expect(() => importSeason(handle.db, withGoalFor('no-such-team'), 'hash-bad', NOW)).toThrow(/no-such-team/);
    const counts = handle.sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'")
      .all()
      .map((row) => handle.sqlite.prepare(`select count(*) as n from "${(row as { name: string }).name}"`).get());
    expect(counts.every((count) => (count as { n: number }).n === 0)).toBe(true);
  });
});

describe('constraints hold outside the importer too', () => {
  test('a goal for an unknown match is rejected by the foreign key', () => {
    const { db } = testDb();
    importSeason(db, fixtureSeason, 'hash-1', NOW);
    expect(() =>
      db.insert(goals).values({ seasonId: fixtureSeason.id, matchId: 'NO-SUCH-MATCH', ordinal: 0, teamId: 'zamalek', player: null, minute: null, type: 'regular' }).run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  test('a goal type outside the enum is rejected by the CHECK', () => {
    const { db } = testDb();
    importSeason(db, fixtureSeason, 'hash-1', NOW);
    expect(() =>
      db.insert(goals).values({ seasonId: fixtureSeason.id, matchId: 'R1-T01-L1', ordinal: 9, teamId: 'zamalek', player: null, minute: null, type: 'header' as never }).run(),
    ).toThrow(/CHECK constraint failed: goals_type_check/);
  });

  test('an awarded match without a decision is rejected', () => {
    const { sqlite, db } = testDb();
    importSeason(db, fixtureSeason, 'hash-1', NOW);
    expect(() => sqlite.prepare("update matches set decision_winner_id = null, decision_reason = null where id = 'SF1-L1'").run()).toThrow(
      /matches_decision_status_check/,
    );
  });

  test('deleting a match deletes its goals', () => {
    const { sqlite, db } = testDb();
    importSeason(db, fixtureSeason, 'hash-1', NOW);
    sqlite.prepare("delete from matches where id = 'R1-T01-L1'").run();
    expect(sqlite.prepare("select count(*) as n from goals where match_id = 'R1-T01-L1'").get()).toEqual({ n: 0 });
  });
});

describe('ensureSeasonImported', () => {
  test('imports on first start, skips while the hash is unchanged, re-imports when it changes', () => {
    const { db } = testDb();
    let reads = 0;
    const file = { season: fixtureSeason, hash: 'hash-1' };
    const read = () => {
      reads += 1;
      return file;
    };

    const first = ensureSeasonImported(db, read);
    expect(first.imported).toBe(true);
    expect(first.summary.hash).toBe('hash-1');

    const second = ensureSeasonImported(db, read);
    expect(second).toEqual({ imported: false, summary: first.summary });
    expect(db.$client.prepare('select count(*) as n from data_imports').get()).toEqual({ n: 1 });

    file.season = editedFixtureSeason;
    file.hash = 'hash-2';
    const third = ensureSeasonImported(db, read);
    expect(third.imported).toBe(true);
    expect(third.summary.hash).toBe('hash-2');
    expect(loadSeason(db)).toStrictEqual(editedFixtureSeason);
    expect(reads).toBe(3);
  });
});

describe('migration 0003 (fan facts) on a database that already holds a season', () => {
  test('the new columns take their "not recorded" defaults, and the next import fills them', () => {
    // drizzle/ as it was before 0003: the same files with the journal cut after 0002.
    const before = join(tempDir(), 'drizzle');
    cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag.startsWith('0003_'));
    expect(upTo).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));

    const path = join(tempDir(), 'bot.db');
    const old = openDatabase(path, { log: silent, migrationsFolder: before });
    old.sqlite.prepare(`insert into competitions (id, name) values ('caf-confederation-cup', 'CAF Confederation Cup')`).run();
    old.sqlite.prepare(`insert into seasons (id, competition_id, name, as_of) values ('2023-24', 'caf-confederation-cup', 'Old', '2024-06-01')`).run();
    old.sqlite.prepare(`insert into associations (name, ordinal, code, rank, points, entered, note, sources) values ('Egypt', 0, 'EGY', 2, 172.5, 1, null, '["seed"]')`).run();
    old.close();

    const upgraded = openDatabase(path, { log: silent });
    opened.push(upgraded);
    expect(upgraded.sqlite.prepare('select short_name, rank_dispute, rank_confidence from associations').all()).toEqual([
      { short_name: null, rank_dispute: null, rank_confidence: 'sourced' },
    ]);
    importSeason(upgraded.db, fixtureSeason, 'hash-1', NOW);
    expect(loadSeason(upgraded.db, fixtureSeason.id)).toStrictEqual(fixtureSeason);
    const cards = upgraded.db.select().from(redCards).all();
    expect(cards.map((c) => [c.matchId, c.teamId, c.player])).toEqual([
      ['R1-T01-L1', 'asmara', 'Hamza El Moussaoui'],
      ['R1-T01-L1', 'usm-alger', null],
    ]);
  });
});
