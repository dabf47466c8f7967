// Helpers for the observability tests: HTTP requests to the server, a small reader of the Prometheus
// text format (strict enough that a malformed line fails), and outbox rows written with plain SQL.
import { request } from 'node:http';
import type { SqliteConnection } from '../../src/db/client.js';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export const httpRequest = (port: number, path: string, method = 'GET'): Promise<HttpAnswer> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

// Values as Prometheus reads them (Go's ParseFloat: nan and inf in any case; prom-client writes `Nan`).
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([-+]?(?:[0-9.]+(?:e[-+]?[0-9]+)?|nan|inf))$/i;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g;

/**
 * Parses Prometheus text exposition (0.0.4): every sample line must be `name{labels} value` and every
 * sample's metric family must have been declared by # HELP and # TYPE. Throws on anything else.
 */
export const parseExposition = (text: string): Sample[] => {
  const declared = new Map<string, { help: boolean; type: string | null }>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      const family = declared.get(meta[2] as string) ?? { help: false, type: null };
      if (meta[1] === 'HELP') family.help = true;
      else family.type = meta[3] as string;
      declared.set(meta[2] as string, family);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const name = match[1] as string;
    const family = [name, name.replace(/_(bucket|sum|count)$/, '')].map((n) => declared.get(n)).find((f) => f !== undefined);
    if (!family?.help || family.type === null) throw new Error(`sample of an undeclared metric: ${line}`);
    const labels: Record<string, string> = {};
    const rawLabels = match[2] ?? '';
    let consumed = 0;
    for (const label of rawLabels.matchAll(LABEL)) {
      labels[label[1] as string] = (label[2] as string).replace(/\\(.)/g, '$1');
      consumed += label[0].length;
    }
    if (consumed !== rawLabels.length) throw new Error(`malformed labels: ${line}`);
    samples.push({ name, labels, value: Number(match[3]) });
  }
  return samples;
};

/** The value of the one sample of `name` whose labels include `labels`; undefined when there is none. */
export const valueOf = (samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number | undefined => {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
};

let nonceSeq = 0;
const GUILD = '1100000000000000001';
const CHANNEL = '1100000000000000002';

/** Outbox rows in the given states, through the real schema (its CHECK constraints included). */
export const insertOutboxRows = (sqlite: SqliteConnection, rows: readonly { status: string; late?: boolean }[]): void => {
  const now = Date.now();
  sqlite
    .prepare(
      `insert or ignore into announcement_subscriptions (guild_id, channel_id, role_id, leads, results, enabled, active_from, created_at, updated_at)
       values (?, ?, null, '[86400000]', 'round', 1, ?, ?, ?)`,
    )
    .run(GUILD, CHANNEL, now, now, now);
  const { id: subscriptionId } = sqlite.prepare('select id from announcement_subscriptions where guild_id = ? and channel_id = ?').get(GUILD, CHANNEL) as { id: number };
  const insert = sqlite.prepare(
    `insert into announcement_outbox (subscription_id, guild_id, channel_id, kind, round_key, slot, due_at, expires_at, status, late,
       message_id, message_ids, sent_at, nonce, fingerprint, created_at, updated_at)
     values (?, ?, ?, 'preview', ?, '24h', ?, ?, ?, ?, ?, ?, ?, ?, 'f', ?, ?)`,
  );
  rows.forEach((row, i) => {
    const sent = row.status === 'sent';
    insert.run(
      subscriptionId,
      GUILD,
      CHANNEL,
      `round-${now}-${i}`,
      now,
      now + 3_600_000,
      row.status,
      row.late ? 1 : 0,
      sent ? `12000000000000000${i}` : null,
      sent ? `["12000000000000000${i}"]` : '[]',
      sent ? now : null,
      `obs-nonce-${(nonceSeq += 1)}`,
      now,
      now,
    );
  });
};
