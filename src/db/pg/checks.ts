// CHECK helpers for the PostgreSQL schema: the same rules the SQLite schema's CHECKs enforce, in
// PostgreSQL's dialect (regular expressions instead of GLOB, jsonb_typeof instead of json_type).
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { MAX_CODE_LENGTH, MAX_MATCHDAY } from '../schema.js';

// Check constraints need literal SQL: Drizzle's `enum` option is type-only.
export const quoted = (values: readonly string[]): SQL => sql.raw(values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', '));
export const oneOf = (column: AnyPgColumn, values: readonly string[]): SQL => sql`${column} in (${quoted(values)})`;
export const bothOrNeither = (a: AnyPgColumn, b: AnyPgColumn): SQL => sql`(${a} is null) = (${b} is null)`;
/** `YYYY-MM-DD` as text, the same shape the SQLite schema accepts (so a copied database never fails here). */
export const isoDate = (column: AnyPgColumn): SQL => sql`${column} ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'`;
export const nullOrIsoDate = (column: AnyPgColumn): SQL => sql`${column} is null or ${isoDate(column)}`;
export const jsonArray = (column: AnyPgColumn): SQL => sql`jsonb_typeof(${column}) = 'array'`;
export const nullOrLeg = (column: AnyPgColumn): SQL => sql`${column} is null or ${column} in (1, 2)`;
export const nullOrMatchday = (column: AnyPgColumn): SQL => sql`${column} is null or ${column} between 1 and ${sql.raw(String(MAX_MATCHDAY))}`;
/** A stage's code is the season format's: a lower-case slug (`first_round`, `qualifying_1`, `group`). */
export const slug = (column: AnyPgColumn): SQL => sql`${column} ~ '^[a-z][a-z0-9_]{0,${sql.raw(String(MAX_CODE_LENGTH - 1))}}$'`;
/** A group's id is its label in the season's format (`A`, `B`…, or a longer name). */
export const groupLabel = (column: AnyPgColumn): SQL => sql`length(${column}) between 1 and ${sql.raw(String(MAX_CODE_LENGTH))}`;
/**
 * A Discord id (snowflake) kept as text: digits only, at most 20 (2^64 has 20 digits). Stricter than
 * SQLite's GLOB '[0-9]*', which only looks at the first character.
 */
export const snowflake = (column: AnyPgColumn): SQL => sql`${column} ~ '^[0-9]{1,20}$'`;
