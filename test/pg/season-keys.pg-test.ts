import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPgDatabase, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { migratePg, PG_MIGRATIONS_FOLDER } from '../../src/db/pg/migrate.js';
import { freshDatabase } from './support.js';

// drizzle/pg/0003_season_keys.sql was ordered by hand (drizzle-kit cannot name the single-column
// keys it drops, and adds keys before their columns). On a database that holds a season in every
// season table, it must keep every row and give each the season, renamed from 2023-24 to caf-cc-2023-24.

/** drizzle/pg/ as it was before `tag`. */
function migrationsBefore(tag: string): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'caf-pg-mig-')), 'pg');
  cpSync(PG_MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag.startsWith(tag));
  expect(upTo).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
  return folder;
}

const OLD_ROWS = `
insert into competitions (id, name) values ('caf-confederation-cup', 'CAF Confederation Cup');
insert into stages (code, ordinal, name, format) values ('second_round', 1, 'Second round', 'two_legged'), ('group', 2, 'Group stage', 'round_robin'), ('final', 5, 'Final', 'two_legged');
insert into rounds (id, ordinal, stage, matchday, leg, name) values ('GS-MD1', 0, 'group', 1, null, 'Matchday 1');
insert into groups (id, ordinal) values ('A', 0);
insert into associations (name, ordinal, code, entered, sources) values ('Egypt', 0, 'EGY', true, '["s"]'), ('Morocco', 1, 'MAR', true, '["s"]');
insert into teams (id, ordinal, name, association, entry_stage, sources) values
  ('zamalek', 0, 'Zamalek', 'Egypt', 'second_round', '["s"]'), ('rs-berkane', 1, 'RS Berkane', 'Morocco', 'second_round', '["s"]');
insert into team_aliases (team_id, ordinal, alias) values ('rs-berkane', 0, 'Berkane');
insert into group_members (team_id, group_id) values ('zamalek', 'A'), ('rs-berkane', 'A');
insert into seasons (id, competition_id, name, as_of, champion_team_id) values ('2023-24', 'caf-confederation-cup', '2023–24 CAF Confederation Cup', '2026-11-27', 'zamalek');
insert into matches (id, ordinal, stage, round_id, group_id, matchday, home_team_id, away_team_id, status, score_home, score_away, extra_time, red_cards_recorded, sources)
  values ('GA-MD1-1', 0, 'group', 'GS-MD1', 'A', 1, 'zamalek', 'rs-berkane', 'played', 1, 0, false, true, '["s"]');
insert into goals (match_id, ordinal, team_id, player, minute, type) values ('GA-MD1-1', 0, 'zamalek', 'Zizo', '54', 'regular');
insert into red_cards (match_id, ordinal, team_id) values ('GA-MD1-1', 0, 'rs-berkane');
insert into calendar_entries (id, ordinal, phase, round, kind, stage, matchday, start_date, end_date, sources)
  values ('gs-md1', 0, 'Group stage', 'Matchday 1', 'matchday', 'group', 1, '2023-11-26', '2023-11-26', '["s"]');
insert into ranking_criteria (season_id, winners, runners_up, semi_finalists, quarter_finalists, group_third, group_fourth, season_coefficient, sources)
  values ('2023-24', 5, 4, 3, 2, 1, 0.5, 5, '["s"]');
insert into printed_totals (season_id, matches, goals, group_matches, group_goals, sources) values ('2023-24', 1, 1, 1, 1, '["s"]');
insert into source_notes (kind, ordinal, subject, text, sources) values ('gap', 0, 'x', 'y', '["s"]');
insert into data_imports (season_id, content_hash, imported_at, associations, teams, aliases, matches, goals, calendar_entries, conflicts, gaps)
  values ('2023-24', 'hash-old', now(), 2, 2, 1, 1, 1, 1, 0, 1);
`;

const PER_SEASON = ['stages', 'rounds', 'groups', 'associations', 'teams', 'team_aliases', 'group_members', 'matches', 'goals', 'red_cards', 'calendar_entries', 'source_notes'];

describe('PostgreSQL migration 0003 (season keys) on a database holding a season', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let opened: OpenedPgDatabase;

  beforeAll(async () => {
    database = await freshDatabase('seasonkeys');
    opened = openPgDatabase(database.url, { max: 2 });
  });
  afterAll(async () => {
    await opened.close();
    await database.drop();
  });

  test('every row stays, belongs to caf-cc-2023-24, and a second season with the same ids fits beside it', async () => {
    const { pool } = opened;
    await migratePg(pool, { migrationsFolder: migrationsBefore('0003_') });
    await pool.query(OLD_ROWS);
    const count = async (table: string) => Number((await pool.query(`select count(*)::int as n from ${table}`)).rows[0].n);
    const before = Object.fromEntries(await Promise.all([...PER_SEASON, 'seasons'].map(async (t) => [t, await count(t)] as const)));

    const result = await migratePg(pool);
    expect(result.applied).toContain('0003_season_keys');
    for (const table of [...PER_SEASON, 'seasons']) expect(await count(table), table).toBe(before[table]);
    for (const table of PER_SEASON) {
      const ids = (await pool.query(`select distinct season_id from ${table}`)).rows;
      expect(ids, table).toEqual([{ season_id: 'caf-cc-2023-24' }]);
    }
    expect((await pool.query('select id, label, stale_after_days, end_date, champion_team_id from seasons')).rows).toEqual([
      { id: 'caf-cc-2023-24', label: '2023-24', stale_after_days: 21, end_date: null, champion_team_id: 'zamalek' },
    ]);
    expect((await pool.query('select season_id from ranking_criteria union all select season_id from printed_totals union all select season_id from data_imports')).rows).toEqual([
      { season_id: 'caf-cc-2023-24' },
      { season_id: 'caf-cc-2023-24' },
      { season_id: 'caf-cc-2023-24' },
    ]);

    // The same team id in another season is a different row; a goal for a team of no season is refused.
    await pool.query(`
      insert into competitions (id, name) values ('caf-champions-league', 'CAF Champions League');
      insert into seasons (id, competition_id, name, label, as_of) values ('caf-cl-2023-24', 'caf-champions-league', 'CL', '2023-24', '2024-10-05');
      insert into associations (season_id, name, ordinal, code, entered, sources) values ('caf-cl-2023-24', 'Egypt', 0, 'EGY', true, '["s"]');
      insert into stages (season_id, code, ordinal, name, format) values ('caf-cl-2023-24', 'second_round', 1, 'Second round', 'two_legged');
      insert into teams (season_id, id, ordinal, name, association, entry_stage, sources) values ('caf-cl-2023-24', 'zamalek', 0, 'Zamalek', 'Egypt', 'second_round', '["s"]');
    `);
    expect(await count('teams')).toBe(3);
    await expect(pool.query(`insert into goals (season_id, match_id, ordinal, team_id, type) values ('caf-cl-2023-24', 'GA-MD1-1', 0, 'zamalek', 'regular')`)).rejects.toThrow(/goals_match_fk/);
  });
});
