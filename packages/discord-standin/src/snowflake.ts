/** Discord-style snowflakes: 42 bits of ms since 2015-01-01, then worker/process bits, then a 12-bit counter. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;
const INCREMENT_LIMIT = 4096n;

export type SnowflakeGenerator = () => string;

/** Ids are strictly increasing, so "sort by id" equals "sort by creation", as on Discord. */
export function createSnowflakeGenerator(now: () => number = Date.now): SnowflakeGenerator {
  let lastMs = 0n;
  let increment = 0n;
  return () => {
    let ms = BigInt(now());
    if (ms < lastMs) ms = lastMs;
    if (ms === lastMs) {
      increment += 1n;
      if (increment >= INCREMENT_LIMIT) {
        ms += 1n;
        increment = 0n;
      }
    } else {
      increment = 0n;
    }
    lastMs = ms;
    return (((ms - DISCORD_EPOCH_MS) << 22n) | (1n << 17n) | increment).toString();
  };
}

export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
}

/** Which shard receives a guild's events: (guild_id >> 22) % num_shards. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, shardCount)));
}
