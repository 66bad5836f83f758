// The feeds' wire formats. Serialisation lives at the HTTP edge: the query (db/queries/feeds.ts) returns rows.
import { csvField } from "../../platform/lib/csv.ts";
import { FEED_COLUMNS, type FeedRow } from "./feeds.queries.ts";

export { csvField };

/** A feed format: its header line (if any), one line per row, and its media type. */
export interface FeedFormat {
  kind: "csv" | "ndjson";
  /** Names the format in the ETag (the same rows in another dialect are another representation). */
  tag: string;
  header: string | null;
  line: (r: FeedRow) => string;
  contentType: string;
}

export const CSV: FeedFormat = {
  kind: "csv",
  tag: "csv",
  header: `${FEED_COLUMNS.join(",")}\r\n`,
  line: (r) => `${FEED_COLUMNS.map((k) => csvField(r[k])).join(",")}\r\n`,
  contentType: "text/csv; charset=utf-8; header=present",
};

/**
 * The CSV as Excel opens it by double-click on a Windows machine set to Vietnamese (or most of continental
 * Europe): a UTF-8 byte order mark, without which Excel reads the bytes as Windows-1252 ("BĂºn khĂ´"), and `;`, the
 * list separator of those locales, between fields. Fields holding `;` (the `channels` list) are quoted.
 */
export const EXCEL_CSV: FeedFormat = {
  kind: "csv",
  tag: "csv-excel",
  header: `\uFEFF${FEED_COLUMNS.join(";")}\r\n`,
  line: (r) => `${FEED_COLUMNS.map((k) => csvField(r[k], ";")).join(";")}\r\n`,
  contentType: "text/csv; charset=utf-8; header=present",
};

export const NDJSON: FeedFormat = {
  kind: "ndjson",
  tag: "ndjson",
  header: null,
  line: (r) => `${JSON.stringify(r)}\n`,
  contentType: "application/x-ndjson; charset=utf-8",
};
