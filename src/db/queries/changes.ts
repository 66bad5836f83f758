import { sql } from "drizzle-orm";
import type { CHANGE_ENTITIES, CHANGE_OPS } from "../../domain.ts";
import type { CountedD1 } from "../../env.ts";
import { toStatement } from "../client.ts";

/** One entry of the change feed. */
export interface Change {
  seq: number;
  entity: (typeof CHANGE_ENTITIES)[number];
  key: string;
  op: (typeof CHANGE_OPS)[number];
  changed_at: string;
  /** Where the current state of an upserted entity can be read (null for tombstones and recognitions). */
  href: string | null;
}

const hrefOf = (entity: Change["entity"], key: string, op: Change["op"]) => {
  if (op === "delete") return null;
  if (entity === "product") return `/api/v1/products/${key}`;
  if (entity === "producer") return `/api/v1/producers/${key}`;
  if (entity === "listing") {
    const [channel, product] = key.split("/");
    return `/api/v1/channels/${channel}/listings/${product}`;
  }
  return null;
};

/**
 * Up to `limit` changes after `seq` (read with one more, which only says there is more), in `seq` order, and the
 * catalogue's epoch read in the same round trip (a restore changes it: a cursor of another epoch must not go on).
 * Rows are written by triggers inside the writing transaction and `seq` only grows, so a page never skips a
 * change that commits later with a smaller `seq`: SQLite (and so D1) has one writer at a time.
 */
export async function changesAfter(
  d1: CountedD1,
  after: number,
  limit: number,
): Promise<{ changes: Change[]; epoch: number }> {
  const [page] = await d1.batch<{
    seq: number;
    entity: Change["entity"];
    entity_key: string;
    op: Change["op"];
    changed_at: string;
  }>([
    toStatement(
      d1,
      sql`SELECT seq, entity, entity_key, op, changed_at FROM changes WHERE seq > ${after} ORDER BY seq LIMIT ${limit + 1}`,
    ),
  ]);
  const changes = (page?.results ?? []).map((r) => ({
    seq: r.seq,
    entity: r.entity,
    key: r.entity_key,
    op: r.op,
    changed_at: r.changed_at,
    href: hrefOf(r.entity, r.entity_key, r.op),
  }));
  return { changes, epoch: d1.catalogueEpoch ?? 0 };
}
