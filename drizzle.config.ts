import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/db/schema.ts', './src/db/announcements-schema.ts', './src/db/language-schema.ts', './src/db/guild-departures-schema.ts', './src/db/editing-schema.ts'],
  out: './drizzle/sqlite',
});
