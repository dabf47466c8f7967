// Statements built and compiled once per database handle, for the reads a start runs once per season
// and the request paths run again: Drizzle's query builder allocates about 100 KiB to build one
// select's SQL, and garbage made at start keeps more of V8's young generation resident while the bot
// idles (issue 15). Their values go in through `sql.placeholder`.
import { keptIn } from '../domain/memo.js';

/** `build(db)`, made the first time a database handle asks and kept as long as the handle lives. */
export const preparedPerDatabase = <D extends object, T>(build: (db: D) => T): ((db: D) => T) => {
  const kept = new WeakMap<D, T>();
  return (db) => keptIn(kept, db, () => build(db));
};
