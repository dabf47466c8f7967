/** Shared setup for stand-in tests: a silent stand-in, a real discord.js client logged in to it. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { pino, type Logger } from 'pino';
import { startStandin, type Standin, type StandinOptions } from '../src/server.js';

export const TOKEN = 'standin-test-token';

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A logger whose lines land in `lines` (parsed), to assert what the stand-in warned about. */
export function capturingLogger(): { log: Logger; lines: { level: number; msg: string; [k: string]: unknown }[] } {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
  return { log, lines };
}

export async function startQuietStandin(opts: StandinOptions = {}): Promise<Standin> {
  return startStandin({ log: silentLogger(), ...opts });
}

/** A real discord.js Client, logged in, with every guild cached (clientReady fired). */
export async function connectClient(standin: Standin, options: Partial<ClientOptions> = {}): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...options,
    rest: { api: standin.apiUrl, timeout: 2_000, retries: 3, ...options.rest },
  });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  return client as Client<true>;
}
