// Personal data the catalogue keeps (issue 24, Decree 13/2023/NĐ-CP): an enquirer's details, and nothing else.
// Written once here for the three places that treat it: the retention sweep and an erasure on request blank these
// columns (src/editor/enquiries/retention.ts), and a backup says whether it holds them and can leave them out
// (src/platform/db/backup.ts).

/** The table holding personal data, and its columns that do (a keyed hash of the sender's address included). */
export const PERSONAL_DATA = {
  table: "enquiries",
  columns: ["name", "email", "phone", "organisation", "message", "quantity", "address_key"],
  /** Set when the columns were blanked (by retention, on request, or in a backup that left them out). */
  erasedAt: "erased_at",
} as const;
