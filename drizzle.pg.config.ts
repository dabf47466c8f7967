import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts: the same tables in PostgreSQL's dialect (src/db/pg/),
// migrations in drizzle/pg/. `npm run db:generate` runs both configs.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/pg/schema.ts', './src/db/pg/announcements-schema.ts', './src/db/pg/language-schema.ts', './src/db/pg/guild-departures-schema.ts', './src/db/pg/editing-schema.ts'],
  out: './drizzle/pg',
});
