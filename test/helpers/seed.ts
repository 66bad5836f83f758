// The seed as the tests load it: src/seed/data.ts and the shipped sheets (seed/imports, read with `?raw` since a
// Worker has no file system), through the same statements `npm run seed:build` writes to seed/seed.sql.
import { env } from "cloudflare:workers";
import producers from "../../seed/imports/producers.csv?raw";
import products from "../../seed/imports/products.csv?raw";
import recognitions from "../../seed/imports/recognitions.csv?raw";
import { type SeedSheets, seedStatements } from "../../src/seed/statements.ts";

/** The shipped sheets as text. */
export const sheets: SeedSheets = { producers, products, recognitions };

/** Every seed statement (data.ts and the sheets). */
export const seed = () => seedStatements(sheets);

/** Runs the whole seed against the test database in one batch. */
export async function applySeed(db: D1Database = env.DB): Promise<void> {
  await db.batch(seed().map((s) => db.prepare(s.sql).bind(...s.params)));
}
