// The feeds' wire formats. Serialisation lives at the HTTP edge: the query (db/queries/feeds.ts) returns rows.
import { FEED_COLUMNS, type FeedRow } from "./feeds.queries.ts";

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled. Text that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR; OWASP "CSV injection") gets a leading `'`,
 * so that a column written by an editor or a retailer shows as text; numbers are written as they are.
 */
export function csvField(v: string | number | boolean | null): string {
  if (v === null) return "";
  const s = typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A feed format: its header line (if any), one line per row, and its media type. */
export interface FeedFormat {
  kind: "csv" | "ndjson";
  header: string | null;
  line: (r: FeedRow) => string;
  contentType: string;
}

export const CSV: FeedFormat = {
  kind: "csv",
  header: `${FEED_COLUMNS.join(",")}\r\n`,
  line: (r) => `${FEED_COLUMNS.map((k) => csvField(r[k])).join(",")}\r\n`,
  contentType: "text/csv; charset=utf-8; header=present",
};

export const NDJSON: FeedFormat = {
  kind: "ndjson",
  header: null,
  line: (r) => `${JSON.stringify(r)}\n`,
  contentType: "application/x-ndjson; charset=utf-8",
};
