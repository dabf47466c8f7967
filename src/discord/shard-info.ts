// What /about says about sharding: this process's shard and the totals over every shard, asked of
// the ShardingManager over IPC (ShardClientUtil.fetchClientValues). Null when the bot is one process.
import type { Client } from 'discord.js';
import type { ShardView } from './render/about.js';

/** The manager answers in milliseconds; a shard that is restarting makes it fail at once or never. */
const IPC_TIMEOUT_MS = 1_000;

export const shardView = async (client: Client, timeoutMs = IPC_TIMEOUT_MS): Promise<ShardView | null> => {
  const util = client.shard;
  if (util === null) return null;
  const id = util.ids[0] ?? 0;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('shard manager did not answer')), timeoutMs);
  });
  try {
    // One answer per shard: how many there are, and the servers each holds.
    const counts = (await Promise.race([util.fetchClientValues('guilds.cache.size'), timeout])) as unknown[];
    return { id, shards: counts.length, guilds: counts.reduce<number>((sum, n) => sum + Number(n), 0) };
  } catch {
    // The totals are unknown for a moment; /about says so instead of showing this shard's alone as all.
    return { id, shards: null, guilds: null };
  } finally {
    clearTimeout(timer);
  }
};
