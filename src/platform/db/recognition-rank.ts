// The "highest recognition" order's yearly step (issue 26): products.recognition_rank counts an OCOP rating as
// current for 36 months from its decision (view recognition_ranks, migration 0024), so when the year turns the
// ratings decided three years before may have lapsed and their products rank lower. Triggers rank a product when its
// recognitions change; this statement, run by the cron (src/background.ts), ranks again the products whose
// ratings reached their 36 months, and writes nothing when none did.
import type { CountedD1 } from "../env.ts";

const RANK = "coalesce((SELECT max(r.rank) FROM recognition_ranks r WHERE r.product_id = products.id), 0)";

/** Ranks again the products holding an OCOP rating decided three years before this one (only those whose rank moves). */
export const rerankLapsedStatement = (d1: CountedD1) =>
  d1.prepare(
    `UPDATE products SET recognition_rank = ${RANK}
     WHERE id IN (SELECT product_id FROM recognitions WHERE scheme = 'ocop' AND year = CAST(strftime('%Y', 'now') AS INTEGER) - 3)
       AND recognition_rank <> ${RANK}`,
  );
