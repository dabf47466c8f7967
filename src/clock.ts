// The bot's notion of "now". Real time by default; a replay clock lets the 2023–24 season be
// re-lived (announcements, "next match") by starting at BOT_CLOCK_START and running BOT_CLOCK_RATE× faster.

export interface Clock {
  now(): Date;
  /** Simulated milliseconds per real millisecond: 1 for real time. */
  readonly rate: number;
  readonly isReplay: boolean;
}

export interface ClockSettings {
  readonly start: string;
  readonly rate: number;
}

/** `realNow` is injectable so tests can drive the replay clock without timers. */
export const createClock = (settings: ClockSettings | null, realNow: () => number = Date.now): Clock => {
  if (settings === null) return { now: () => new Date(realNow()), rate: 1, isReplay: false };

  const startMs = Date.parse(settings.start);
  if (Number.isNaN(startMs)) throw new Error(`replay clock start is not a valid instant: ${settings.start}`);
  if (!(settings.rate > 0)) throw new Error(`replay clock rate must be positive, got ${settings.rate}`);

  const realStart = realNow();
  return {
    now: () => new Date(startMs + (realNow() - realStart) * settings.rate),
    rate: settings.rate,
    isReplay: true,
  };
};
