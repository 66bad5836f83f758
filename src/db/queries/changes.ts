import type { CountedD1 } from "../../env.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import { invalidParams, Problem } from "../../lib/problem.ts";
import type { CHANGE_ENTITIES, CHANGE_OPS } from "../schema.ts";

const SCOPE = "changes-v1";

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
 * A page of the change feed after `since` (an opaque signed cursor; none = from the beginning), in `seq` order.
 * `next_cursor` is always set: pass it back to continue, now or later (polling). Rows are written by triggers
 * inside the writing transaction and `seq` only grows, so a page never skips a change that commits later with
 * a smaller `seq`: SQLite (and so D1) has one writer at a time.
 */
export async function listChanges(d1: CountedD1, secret: string, input: { since?: string; limit: number }) {
  let after = 0;
  if (input.since) {
    try {
      after = Number((await decodeCursor(secret, input.since, SCOPE))[0]);
    } catch (e) {
      // The cursor helper names `cursor`; here the parameter is `since`.
      if (!(e instanceof Problem)) throw e;
      throw invalidParams([
        { name: "since", reason: e.body.invalid_params?.[0]?.reason ?? "invalid cursor" },
      ]);
    }
    if (!Number.isSafeInteger(after) || after < 0)
      throw invalidParams([{ name: "since", reason: "invalid cursor" }]);
  }
  const { results } = await d1
    .prepare("SELECT seq, entity, entity_key, op, changed_at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?")
    .bind(after, input.limit + 1)
    .all<{
      seq: number;
      entity: Change["entity"];
      entity_key: string;
      op: Change["op"];
      changed_at: string;
    }>();
  const page = results.slice(0, input.limit);
  const last = page.at(-1)?.seq ?? after;
  return {
    data: page.map(
      (r): Change => ({
        seq: r.seq,
        entity: r.entity,
        key: r.entity_key,
        op: r.op,
        changed_at: r.changed_at,
        href: hrefOf(r.entity, r.entity_key, r.op),
      }),
    ),
    page: {
      limit: input.limit,
      has_more: results.length > input.limit,
      next_cursor: await encodeCursor(secret, { scope: SCOPE, key: [last] }),
    },
  };
}
