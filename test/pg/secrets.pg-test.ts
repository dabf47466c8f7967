import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { describeDatabaseUrl, openPgDatabase } from '../../src/db/pg/client.js';
import { createLogger } from '../../src/log.js';
import { adminUrl } from './support.js';

// The DATABASE_URL password never reaches a log: not in node-postgres' own errors, and not when the
// bot logs the URL next to them (src/log.ts scrubs URL credentials from every line).

const PASSWORD = 'S3cret-Passw0rd-xyz';

const capture = () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: 'info', format: 'json', destination }), text: () => lines.join('') };
};

const withPassword = (password: string, port?: string): string => {
  const url = new URL(adminUrl());
  url.password = password;
  if (port !== undefined) url.port = port;
  return url.toString();
};

describe('database URL credentials', () => {
  test('a wrong password: the connection error and the log line about it do not carry the password', async () => {
    const url = withPassword(PASSWORD);
    const { pool, close } = openPgDatabase(url);
    const error = await pool.query('select 1').then(
      () => null,
      (e: unknown) => e as Error,
    );
    await close();
    expect(error?.message).toMatch(/password authentication failed/);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error ?? {}))).not.toContain(PASSWORD);

    const { log, text } = capture();
    log.error({ err: error, databaseUrl: url }, `cannot connect to ${url}`);
    expect(text()).toContain('password authentication failed');
    expect(text()).toContain('[redacted]@127.0.0.1');
    expect(text()).not.toContain(PASSWORD);
  });

  test('no server on the port: the error names the address, not the password', async () => {
    const url = withPassword(PASSWORD, '1');
    const { pool, close } = openPgDatabase(url);
    const error = await pool.query('select 1').then(
      () => null,
      (e: unknown) => e as Error,
    );
    await close();
    expect(error?.message).toMatch(/ECONNREFUSED/);
    const { log, text } = capture();
    log.error({ err: error }, `database unreachable: ${describeDatabaseUrl(url)}`);
    expect(text()).not.toContain(PASSWORD);
    expect(describeDatabaseUrl(url)).toBe(url.replace(/\/\/[^@]*@/, '//[redacted]@'));
  });
});
