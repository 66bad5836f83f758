// The feeds' wire formats. Serialisation lives at the HTTP edge: the query (db/queries/feeds.ts) returns rows.
import { csvField } from "../../platform/lib/csv.ts";
import { FEED_COLUMNS, type FeedRow } from "./feeds.queries.ts";

export { csvField };

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
