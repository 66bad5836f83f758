// How long an enquirer's personal details are kept (the privacy notice in strings.ts and docs/enquiries.md say the
// same): erased 12 months after the enquiry is answered or closed, 30 days after it is marked spam, and at the
// latest 24 months after it was sent; at once when an editor erases it on the enquirer's request. What remains is
// the kind, the product, the producer, the status and the dates.
import { getTableColumns, sql } from "drizzle-orm";
import { PERSONAL_DATA } from "../../domain/personal-data.ts";
import { bare, NOW, toStatement } from "../../platform/db/client.ts";
import { enquiries } from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";

export const RETAIN_AFTER_CLOSING_DAYS = 365;
export const RETAIN_SPAM_DAYS = 30;
export const RETAIN_AT_MOST_DAYS = 730;

/** The enquiries' columns by their SQL names: PERSONAL_DATA (domain) names them, the schema holds them. */
const byName = new Map(Object.values(getTableColumns(enquiries)).map((c) => [c.name, c]));
const column = (name: string) => {
  const found = byName.get(name);
  if (!found) throw new Error(`PERSONAL_DATA names ${name}, which is not a column of enquiries`);
  return found;
};

/** The columns that hold personal data, set to NULL by an erasure. */
const ERASE = sql.join(
  [
    ...PERSONAL_DATA.columns.map((c) => sql`${bare(column(c))} = NULL`),
    sql`${bare(column(PERSONAL_DATA.erasedAt))} = ${NOW}`,
  ],
  sql`, `,
);

const daysAgo = (now: number, days: number) => new Date(now - days * 86_400_000).toISOString();

/** The retention sweep (run by the cron every minute; cheap: indexed, and nothing to do most minutes). */
export async function eraseExpired(d1: CountedD1, now = Date.now()): Promise<number> {
  const [result] = await d1.batch([
    toStatement(
      d1,
      sql`UPDATE ${enquiries} SET ${ERASE} WHERE ${enquiries.erasedAt} IS NULL AND (
           (${enquiries.status} IN ('answered', 'closed') AND ${enquiries.statusAt} < ${daysAgo(now, RETAIN_AFTER_CLOSING_DAYS)})
           OR (${enquiries.status} = 'spam' AND ${enquiries.statusAt} < ${daysAgo(now, RETAIN_SPAM_DAYS)})
           OR ${enquiries.createdAt} < ${daysAgo(now, RETAIN_AT_MOST_DAYS)})`,
    ),
  ]);
  return result?.meta.changes ?? 0;
}

/** The statement that erases one enquiry's personal details at once (an editor, on the enquirer's request). */
export const eraseOne = (d1: CountedD1, ref: string) =>
  toStatement(
    d1,
    sql`UPDATE ${enquiries} SET ${ERASE} WHERE ${enquiries.ref} = ${ref} AND ${enquiries.erasedAt} IS NULL`,
  );
