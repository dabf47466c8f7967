import { parseArgs } from 'node:util';
import { ConfigError, loadDataConfig } from '../config.js';
import { isUserError, UserError } from '../domain/errors.js';
import { openSeasonStore } from '../season-store.js';
import { QUERIES, runValidate } from './queries.js';

// `npm run cli -- <query> [options] [--json]`. Exit codes: 0 ok, 1 invalid season file (validate), 2 bad input.

const USAGE = `Usage: npm run cli -- <query> [options] [--json]

Queries:
  teams                                   every entrant
  team <name>                             one team and its matches
  fixtures [--team] [--stage] [--group] [--matchday] [--from] [--to]
  standings [--group X]                   group tables with CAF tiebreakers
  ties [--round first_round|second_round|quarter_final|semi_final|final]
  scorers [--team] [--stage proper|qualifying|group|…] [--limit N]
  stats                                   matches and goals per stage, reconciled with the printed totals
  ranking                                 CAF 5-year association ranking and this season's points
  schedule                                the season calendar
  validate [file]                         check a season file (exit 0 valid, 1 invalid)

Options: --json for machine output; --db PATH (default DATABASE_PATH or data/bot.sqlite); --season-file PATH`;

const main = (argv: readonly string[]): number => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        db: { type: 'string' },
        'season-file': { type: 'string' },
        team: { type: 'string' },
        stage: { type: 'string' },
        group: { type: 'string' },
        matchday: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        round: { type: 'string' },
        limit: { type: 'string' },
      },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [query, ...args] = positionals;
  if (values.help || query === undefined) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  let config;
  try {
    config = loadDataConfig();
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  const seasonFile = values['season-file'] ?? config.seasonFile;

  if (query === 'validate') {
    const result = runValidate(args[0] ?? seasonFile);
    if (values.json) process.stdout.write(`${JSON.stringify(result.json)}\n`);
    else (result.ok ? process.stdout : process.stderr).write(`${result.text}\n`);
    return result.ok ? 0 : 1;
  }

  const run = QUERIES[query];
  if (!run) return fail(`Unknown query "${query}".\n\n${USAGE}`);

  const store = openSeasonStore({ databasePath: values.db ?? config.databasePath, seasonFile });
  try {
    const output = run(store.season(), { ...values, args });
    process.stdout.write(values.json ? `${JSON.stringify(output.json)}\n` : `${output.text}\n`);
    return 0;
  } catch (err) {
    if (isUserError(err)) return fail(describeUserError(err));
    throw err;
  } finally {
    store.close();
  }
};

const describeUserError = (err: UserError): string =>
  err.suggestions.length > 0 ? `${err.message}\nDid you mean: ${err.suggestions.join(', ')}?` : err.message;

const fail = (message: string): number => {
  process.stderr.write(`${message}\n`);
  return 2;
};

process.exitCode = main(process.argv.slice(2));
