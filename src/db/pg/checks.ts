// CHECK helpers for the PostgreSQL schema: the same rules the SQLite schema's CHECKs enforce, in
// PostgreSQL's dialect (regular expressions instead of GLOB, jsonb_typeof instead of json_type).
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

// Check constraints need literal SQL: Drizzle's `enum` option is type-only.
export const quoted = (values: readonly string[]): SQL => sql.raw(values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', '));
export const oneOf = (column: AnyPgColumn, values: readonly string[]): SQL => sql`${column} in (${quoted(values)})`;
export const bothOrNeither = (a: AnyPgColumn, b: AnyPgColumn): SQL => sql`(${a} is null) = (${b} is null)`;
/** `YYYY-MM-DD` as text, the same shape the SQLite schema accepts (so a copied database never fails here). */
export const isoDate = (column: AnyPgColumn): SQL => sql`${column} ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'`;
export const nullOrIsoDate = (column: AnyPgColumn): SQL => sql`${column} is null or ${isoDate(column)}`;
export const jsonArray = (column: AnyPgColumn): SQL => sql`jsonb_typeof(${column}) = 'array'`;
export const nullOrLeg = (column: AnyPgColumn): SQL => sql`${column} is null or ${column} in (1, 2)`;
export const nullOrMatchday = (column: AnyPgColumn): SQL => sql`${column} is null or ${column} between 1 and 6`;
/**
 * A Discord id (snowflake) kept as text: digits only, at most 20 (2^64 has 20 digits). Stricter than
 * SQLite's GLOB '[0-9]*', which only looks at the first character.
 */
export const snowflake = (column: AnyPgColumn): SQL => sql`${column} ~ '^[0-9]{1,20}$'`;
