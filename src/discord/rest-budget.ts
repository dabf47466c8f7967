// This process's share of Discord's global REST limit (50 requests/s per bot, across ALL its processes).
//
// Why not only @discordjs/rest's `globalRequestsPerSecond`: it counts in a fixed one-second window
// that opens at this process's first send, while Discord (and the stand-in) count in a window that
// opens at the first *arrival*. Sends are bursty (the limit lets 50 go at once), so when the first
// request of one burst arrives late and the first of the next burst arrives early (scheduling or
// network jitter above the library's 50 ms offset), the next burst lands in the previous, full window
// and gets 50 global 429s at once (the fan-out bench saw 0 or ~41–49 per run on a busy machine).
//
// A budget of `share` slots fixes that whatever the jitter: a request takes a slot when it is sent and
// gives it back when its response arrives; the slot is usable again WINDOW_MS after that. Discord
// counts a request at some moment between our send and its response, so two requests through one
// slot are counted at least WINDOW_MS (> 1 s) apart: any one-second window, fixed or sliding, counts
// at most one per slot, at most `share` in all. The cost is the round trip: share / (1 s + RTT), e.g.
// 50 / 1.06 s ≈ 47 requests/s at a 50 ms round trip.
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultRestOptions, type RESTOptions } from 'discord.js';

/** A little over Discord's one-second window, for clocks and timers that round to the millisecond. */
export const WINDOW_MS = 1_010;

/** Discord's global limit for a bot; REST_REQUESTS_PER_SECOND defaults to it. */
export const DISCORD_GLOBAL_REQUESTS_PER_SECOND = 50;

/** Gives its slot back when the request is answered (or failed). */
export type ReleaseSlot = () => void;

/**
 * `limit` slots, each reusable `windowMs` after the request holding it was answered. The function
 * resolves, in call order, once a slot is free, with the function that gives it back.
 */
export function slotBudget(limit: number, windowMs: number, now: () => number = Date.now): () => Promise<ReleaseSlot> {
  // Per slot: when it may be taken again; Infinity while its request is in flight.
  const readyAt = new Array<number>(limit).fill(0);
  let wakeOnRelease: () => void = () => undefined;
  const take = async (): Promise<number> => {
    for (;;) {
      const t = now();
      const slot = readyAt.findIndex((ready) => ready <= t);
      if (slot >= 0) {
        readyAt[slot] = Infinity;
        return slot;
      }
      const soonest = Math.min(...readyAt);
      const released = new Promise<void>((resolve) => (wakeOnRelease = resolve));
      // A timer fires late, never early: waiting longer only leaves the window emptier.
      await (Number.isFinite(soonest) ? Promise.race([sleep(soonest - t, undefined, { ref: false }), released]) : released);
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  return async () => {
    const turn = queue.then(take);
    queue = turn;
    const slot = await turn;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      readyAt[slot] = now() + windowMs;
      wakeOnRelease();
    };
  };
}

/**
 * Interaction callbacks and webhook-token requests carry no bot Authorization header: Discord does not
 * count them against the bot's global limit, and an interaction reply must not queue behind a fan-out
 * (3-second deadline).
 */
const countsAgainstGlobalLimit = (init: { headers?: unknown }): boolean => {
  const headers = init.headers;
  if (headers === undefined || headers === null) return false;
  if (headers instanceof Headers) return headers.has('authorization');
  return Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
};

/**
 * REST options that keep this process within `share` requests per second of the bot's global limit.
 * `send` is the transport (discord.js's own by default; a test slows some requests down with it).
 */
export function restBudgetOptions(
  share: number,
  send: RESTOptions['makeRequest'] = DefaultRestOptions.makeRequest,
): Pick<RESTOptions, 'globalRequestsPerSecond' | 'makeRequest'> {
  const acquire = slotBudget(share, WINDOW_MS);
  return {
    // The library's own per-second counter is left out of the way: it counts every request that is not an
    // interaction callback, webhook follow-ups included, so at a shard's share it would hold a reply's
    // follow-up behind a fan-out. The budget above is the limit; a global 429's Retry-After is still
    // honoured by the library (it pauses every request until then).
    globalRequestsPerSecond: Number.MAX_SAFE_INTEGER,
    makeRequest: async (url, init) => {
      if (!countsAgainstGlobalLimit(init)) return send(url, init);
      const release = await acquire();
      try {
        return await send(url, init);
      } finally {
        release();
      }
    },
  };
}
