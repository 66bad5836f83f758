import { defineConfig } from "drizzle-kit";

// How to add a migration: docs/architecture.md, "Migrations". `npm run db:check` runs drizzle-kit generate on a copy
// of migrations/ and fails if it would write anything; test/ops/schema.test.ts compares these files with the
// database the migrations build.
export default defineConfig({
  dialect: "sqlite",
  // The schema by area (src/platform/db/schema.ts re-exports them for the Worker) and the derived facet tables.
  schema: ["./src/platform/db/schema/*.ts", "./src/platform/db/schema-derived.ts"],
  out: "./migrations",
  // Tables drizzle does not model, for the commands that read a live database (pull, studio; never `push` against
  // D1): the FTS5 index and its shadow tables (migration 0001), D1's and wrangler's own tables.
  tablesFilter: ["!products_fts*", "!d1_migrations", "!_cf_*"],
});
