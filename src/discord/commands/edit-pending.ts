// Changes waiting for their editor's Confirm or Cancel. Kept in this process's memory only, under a
// short random token that the buttons' custom ids carry: a restart or the expiry drops them, and
// the editor runs the command again (nothing was saved). Only the editor who asked may press.
import { randomBytes } from 'node:crypto';
import type { Change, ChangePreview } from '../../editing/types.js';

export interface PendingChange {
  readonly seasonId: string;
  readonly change: Change;
  readonly preview: ChangePreview;
  /** The editor who asked for the preview: the only one who may confirm or cancel it. */
  readonly editorId: string;
  readonly guildId: string;
  /** Bot-clock-independent (real) ms: an expiry is about the editor's patience, not the season's time. */
  readonly expiresAt: number;
}

export interface PendingChanges {
  /** Keeps a change and returns its token. */
  add(change: Omit<PendingChange, 'expiresAt'>): string;
  /** The change under `token` while it has not expired; undefined otherwise. */
  get(token: string): PendingChange | undefined;
  /** Takes the change out (Confirm, Cancel): a second press finds nothing. */
  take(token: string): PendingChange | undefined;
  readonly size: () => number;
  /** How long a preview waits, in real milliseconds. */
  readonly ttlMs: number;
}

/** Ten minutes to read a preview and press a button. */
export const PENDING_TTL_MS = 10 * 60_000;
/** A bound on memory, whatever the editors do: the oldest preview goes first. */
const MAX_PENDING = 500;

export const createPendingChanges = (opts: { ttlMs?: number; now?: () => number } = {}): PendingChanges => {
  const ttlMs = opts.ttlMs ?? PENDING_TTL_MS;
  const now = opts.now ?? Date.now;
  // A Map keeps insertion order: the first entries are the oldest.
  const byToken = new Map<string, PendingChange>();

  const sweep = (): void => {
    const at = now();
    for (const [token, pending] of byToken) if (pending.expiresAt <= at) byToken.delete(token);
    while (byToken.size >= MAX_PENDING) byToken.delete(byToken.keys().next().value as string);
  };

  const live = (token: string): PendingChange | undefined => {
    const pending = byToken.get(token);
    if (pending === undefined) return undefined;
    if (pending.expiresAt > now()) return pending;
    byToken.delete(token);
    return undefined;
  };

  return {
    add(change) {
      sweep();
      // 12 base64url characters (72 random bits): short enough for a custom id, not guessable.
      const token = randomBytes(9).toString('base64url');
      byToken.set(token, { ...change, expiresAt: now() + ttlMs });
      return token;
    },
    get: live,
    take(token) {
      const pending = live(token);
      byToken.delete(token);
      return pending;
    },
    size: () => byToken.size,
    ttlMs,
  };
};
