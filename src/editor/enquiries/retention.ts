// How long an enquirer's personal details are kept (the privacy notice in strings.ts and docs/enquiries.md say the
// same): erased 12 months after the enquiry is answered or closed, 30 days after it is marked spam, and at the
// latest 24 months after it was sent; at once when an editor erases it on the enquirer's request. What remains is
// the kind, the product, the producer, the status and the dates.
import { PERSONAL_DATA } from "../../domain/personal-data.ts";
import type { CountedD1 } from "../../platform/env.ts";

export const RETAIN_AFTER_CLOSING_DAYS = 365;
export const RETAIN_SPAM_DAYS = 30;
export const RETAIN_AT_MOST_DAYS = 730;

/** The columns that hold personal data, set to NULL by an erasure. */
const ERASE = `${PERSONAL_DATA.columns.map((c) => `${c} = NULL`).join(", ")},
  ${PERSONAL_DATA.erasedAt} = strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

const daysAgo = (now: number, days: number) => new Date(now - days * 86_400_000).toISOString();

/** The retention sweep (run by the cron every minute; cheap: indexed, and nothing to do most minutes). */
export async function eraseExpired(d1: CountedD1, now = Date.now()): Promise<number> {
  const [result] = await d1.batch([
    d1
      .prepare(
        `UPDATE enquiries SET ${ERASE} WHERE erased_at IS NULL AND (
           (status IN ('answered', 'closed') AND status_at < ?1)
           OR (status = 'spam' AND status_at < ?2)
           OR created_at < ?3)`,
      )
      .bind(
        daysAgo(now, RETAIN_AFTER_CLOSING_DAYS),
        daysAgo(now, RETAIN_SPAM_DAYS),
        daysAgo(now, RETAIN_AT_MOST_DAYS),
      ),
  ]);
  return result?.meta.changes ?? 0;
}

/** The statement that erases one enquiry's personal details at once (an editor, on the enquirer's request). */
export const eraseOne = (d1: CountedD1, ref: string) =>
  d1.prepare(`UPDATE enquiries SET ${ERASE} WHERE ref = ? AND erased_at IS NULL`).bind(ref);
