#!/usr/bin/env node
/**
 * Run the stand-in by hand:  npx discord-standin (or node dist/main.js) [--port 0] [--host 127.0.0.1]
 *   [--global-rate-limit 50] [--no-seed] [--valid-token T] [--shards 2] [--max-concurrency 1]
 *   [--identify-rate-limit]
 * Prints one JSON line with apiUrl, gatewayUrl and the seeded guild/channel ids, then serves until
 * SIGINT/SIGTERM. Point the bot at it with DISCORD_API_URL=<apiUrl>.
 */
import { parseArgs } from 'node:util';
import { startStandin } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'global-rate-limit': { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
    'valid-token': { type: 'string', multiple: true },
    shards: { type: 'string', default: '1' },
    'max-concurrency': { type: 'string', default: '1' },
    'identify-rate-limit': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`stand-in: --port must be 0..65535, got "${values.port}"\n`);
  process.exit(2);
}
const wholeAtLeastOne = (name: string, raw: string): number => {
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1) return n;
  process.stderr.write(`stand-in: --${name} must be a whole number of at least 1, got "${raw}"\n`);
  process.exit(2);
};
const shards = wholeAtLeastOne('shards', values.shards);
const maxConcurrency = wholeAtLeastOne('max-concurrency', values['max-concurrency']);
const globalRateLimit = values['global-rate-limit'] === undefined ? null : Number(values['global-rate-limit']);

const standin = await startStandin({
  port,
  host: values.host,
  globalRateLimit,
  validTokens: values['valid-token'],
  shards,
  sessionStartLimit: { maxConcurrency },
  identifyRateLimit: values['identify-rate-limit'],
  guilds: values['no-seed']
    ? []
    : [
        {
          name: 'Stand-in Guild',
          channels: [
            { name: 'general', type: 0 },
            { name: 'announcements', type: 5 },
            { name: 'Voice', type: 2 },
          ],
        },
      ],
});

const guilds = [...standin.state.guilds.values()].map((g) => ({
  id: g.id,
  name: g.name,
  channels: g.channelIds.map((id) => ({ id, name: standin.channel(id)?.name, type: standin.channel(id)?.type })),
}));
process.stdout.write(
  `${JSON.stringify({ apiUrl: standin.apiUrl, gatewayUrl: standin.gatewayUrl, applicationId: standin.application.id, guilds })}\n`,
);

const stop = () => {
  void standin.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
