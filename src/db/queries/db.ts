import { drizzle } from "drizzle-orm/d1";
import type { CountedD1 } from "../../env.ts";
import * as schema from "../schema.ts";

/** A drizzle handle over the request's (counted, session-scoped) D1. */
export function createDb(d1: CountedD1) {
  // D1 sessions expose prepare/batch like D1Database; drizzle has no session type yet.
  return drizzle(d1 as unknown as D1Database, { schema });
}
export type Db = ReturnType<typeof createDb>;
