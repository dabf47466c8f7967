import type { EventEmitter } from 'node:events';

/** How often a predicate is re-checked even without a 'change' event (covers time-based conditions). */
const POLL_MS = 20;

/**
 * Resolves with the first truthy value of `check`, re-evaluated on every state 'change' and every 20 ms.
 * Rejects after `timeoutMs` with an error naming `what`, so a failing test says what never happened.
 */
export function waitFor<T>(
  events: EventEmitter,
  check: () => T | undefined | null | false,
  timeoutMs: number,
  what = 'condition',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = () => {
      events.off('change', onChange);
      clearInterval(poll);
      clearTimeout(timer);
    };
    const onChange = () => {
      let value: T | undefined | null | false;
      try {
        value = check();
      } catch (error) {
        done();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (value) {
        done();
        resolve(value);
      }
    };
    const poll = setInterval(onChange, POLL_MS);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`stand-in: timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    events.on('change', onChange);
    onChange();
  });
}
