import { commands } from './src/discord/commands/index.js';
import { readSeasonFile } from './src/season/read.js';
import { silentLogger } from './src/log.js';
const s = readSeasonFile().season;
const ctx = { season: () => s, log: silentLogger(), now: () => new Date('2024-06-01T00:00:00Z'), startedAt: new Date(Date.now() - 3_700_000), version: '0.1.0', dataVersion: () => ({ hash: 'abcdef0123456789', importedAt: new Date('2024-06-01T10:00:00Z') }) };
const fake = (name: string, opts: Record<string, string | number>) => {
  const replies: unknown[] = [];
  return { replies, i: { commandName: name, options: {
    getString: (k: string, req?: boolean) => { const v = opts[k]; if (v === undefined && req) throw new Error('req'); return v === undefined ? null : String(v); },
    getInteger: (k: string) => (opts[k] === undefined ? null : Number(opts[k])),
  }, reply: async (p: unknown) => { replies.push(p); } } };
};
const runs: [string, Record<string, string | number>][] = [['standings', {}], ['rankings', {}], ['scorers', {}], ['team', { team: 'rs-berkane' }], ['team', { team: 'soar' }], ['fixtures', {}], ['fixtures', {when:'all'}], ['scorers', {stage:'qualifying', limit: 50}], ['match', { team: 'zamalek' }], ['match', { team: 'zamalek', opponent: 'usm' }], ['bracket', {}], ['schedule', {}], ['about', {}]];
for (const [name, opts] of runs) {
  const c = commands.find((x) => x.data.name === name)!;
  const f = fake(name, opts);
  await c.execute(f.i as never, ctx as never);
  console.log('=== /' + name, JSON.stringify(opts));
  for (const r of f.replies as any[]) for (const e of r.embeds) { console.log('#', e.title); console.log(e.description); for (const fl of e.fields ?? []) console.log(`[${fl.name}]`, fl.value); if (e.footer) console.log('--', e.footer.text); }
  for (const r of f.replies as any[]) if (r.components.length) console.log('components:', JSON.stringify(r.components).slice(0, 400));
}
