// The "highest recognition" order's yearly step (issue 26): products.recognition_rank counts an OCOP rating as
// current for 36 months from its decision (view recognition_ranks, migration 0024), so when the year turns the
// ratings decided three years before may have lapsed and their products rank lower. Triggers rank a product when its
// recognitions change; this statement, run by the cron (src/background.ts), ranks again the products whose
// ratings reached their 36 months, and writes nothing when none did.
import { sql } from "drizzle-orm";
import { integer, sqliteView } from "drizzle-orm/sqlite-core";
import type { CountedD1 } from "../env.ts";
import { assign, toStatement } from "./client.ts";
import { products, recognitions } from "./schema.ts";

/** The view of migration 0024 (one rank per recognition), as the statement below reads it. */
const recognitionRanks = sqliteView("recognition_ranks", {
  productId: integer("product_id").notNull(),
  rank: integer("rank").notNull(),
}).existing();

const RANK = sql`coalesce((SELECT max(${recognitionRanks.rank}) FROM ${recognitionRanks} WHERE ${recognitionRanks.productId} = ${products.id}), 0)`;

/** Ranks again the products holding an OCOP rating decided three years before this one (only those whose rank moves). */
export const rerankLapsedStatement = (d1: CountedD1) =>
  toStatement(
    d1,
    sql`UPDATE ${products} SET ${assign(products.recognitionRank, RANK)}
WHERE ${products.id} IN (SELECT ${recognitions.productId} FROM ${recognitions} WHERE ${recognitions.scheme} = 'ocop'
    AND ${recognitions.year} = CAST(strftime('%Y', 'now') AS INTEGER) - 3)
  AND ${products.recognitionRank} <> ${RANK}`,
  );
