// What a database holds, as a backup and a restore see it: its real tables (parents before children) with their
// columns and row counts, its FTS5 indexes and how to rebuild them, its triggers; and the checks a restore runs after.
// Every read goes through a Query: wrangler for the scripts, a D1 binding for the tests.

/**
 * Runs several SQL statements and returns the rows of each. Statements go in rounds (one wrangler call or one D1
 * batch each), so a backup of a small database takes a handful of round trips, not one per table.
 */
export type Query = (sql: string[]) => Promise<Record<string, unknown>[][]>;

/** A quoted SQL identifier. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface Schema {
  /** Real tables holding data, parents before children. */
  tables: string[];
  /** FTS5 virtual tables (rebuilt on restore). */
  fts: string[];
  /**
   * How to rebuild each FTS5 table: from its external content table (`rebuild`), or, for a contentless one
   * (content=''), from the view `<name>_doc` that the triggers feed it from (migration 0024).
   */
  ftsRebuild: string[];
  /** Triggers: name and CREATE statement. */
  triggers: { name: string; sql: string }[];
  /** Columns of each real table, in order. */
  columns: Record<string, string[]>;
  /** Rows of each real table (read in the same round). */
  counts: Record<string, number>;
}

/** Reads which tables hold data (not internal, not migrations bookkeeping, not FTS5 or its shadow tables). */
export async function readSchema(query: Query): Promise<Schema> {
  const [objectRows = []] = await query([
    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name",
  ]);
  const objects = objectRows as { type: string; name: string; sql: string | null }[];
  const virtual = objects.filter((o) => o.type === "table" && /^CREATE VIRTUAL TABLE/i.test(o.sql ?? ""));
  // fts5vocab tables read an FTS5 index: nothing of their own to rebuild or restore.
  const ftsTables = virtual.filter((o) => /USING\s+fts5\s*\(/i.test(o.sql ?? ""));
  const fts = ftsTables.map((o) => o.name);
  const ftsRebuild = ftsTables.flatMap((o) => ftsRebuildStatements(o.name, o.sql ?? ""));
  const shadow = new Set(
    virtual.flatMap((v) => ["data", "idx", "docsize", "config", "content"].map((s) => `${v.name}_${s}`)),
  );
  const internal = (name: string) =>
    name.startsWith("sqlite_") || name.startsWith("_cf_") || name === "d1_migrations";
  const real = objects
    .filter((o) => o.type === "table" && !internal(o.name) && !shadow.has(o.name))
    .filter((o) => !virtual.some((v) => v.name === o.name))
    .map((o) => o.name);
  // One more round for everything per table: its foreign keys, its columns, its row count.
  const perTable = real.length
    ? await query(
        real.flatMap((t) => [
          `SELECT "table" AS parent FROM pragma_foreign_key_list(${literal(t)})`,
          `SELECT name FROM pragma_table_info(${literal(t)}) ORDER BY cid`,
          `SELECT count(*) AS n FROM ${ident(t)}`,
        ]),
      )
    : [];
  const part = (i: number, k: number) => perTable[i * 3 + k] ?? [];
  const parents = new Map(
    real.map((t, i) => [
      t,
      part(i, 0)
        .map((f) => String(f.parent))
        .filter((p) => p !== t),
    ]),
  );
  const columns = Object.fromEntries(real.map((t, i) => [t, part(i, 1).map((c) => String(c.name))]));
  const counts = Object.fromEntries(real.map((t, i) => [t, Number(part(i, 2)[0]?.n ?? 0)]));
  const ordered: string[] = [];
  const visit = (t: string, path: string[]) => {
    if (ordered.includes(t) || path.includes(t)) return;
    for (const p of parents.get(t) ?? []) if (real.includes(p)) visit(p, [...path, t]);
    ordered.push(t);
  };
  for (const t of real) visit(t, []);
  const triggers = objects
    .filter((o) => o.type === "trigger" && o.sql)
    .map((o) => ({ name: o.name, sql: o.sql ?? "" }));
  return { tables: ordered, fts, ftsRebuild, triggers, columns, counts };
}

/** The statements that refill an FTS5 table from its content (see {@link Schema.ftsRebuild}). */
function ftsRebuildStatements(name: string, createSql: string): string[] {
  const args = /USING\s+fts5\s*\(([\s\S]*)\)\s*$/i.exec(createSql)?.[1] ?? "";
  if (!/content\s*=\s*''/i.test(args))
    return [`INSERT INTO ${ident(name)}(${ident(name)}) VALUES('rebuild')`];
  const columns = args
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "" && !a.includes("="));
  return [
    `INSERT INTO ${ident(name)}(${ident(name)}) VALUES('delete-all')`,
    `INSERT INTO ${ident(name)}(rowid, ${columns.map(ident).join(", ")}) SELECT * FROM ${ident(`${name}_doc`)}`,
  ];
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Row counts of the given tables, in one round. */
export async function countRows(query: Query, tables: string[]): Promise<Record<string, number>> {
  const rows = tables.length ? await query(tables.map((t) => `SELECT count(*) AS n FROM ${ident(t)}`)) : [];
  return Object.fromEntries(tables.map((t, i) => [t, Number(rows[i]?.[0]?.n ?? 0)]));
}

/** The statements that check every FTS5 index against its external content table (fail if corrupt or stale). */
export const searchIndexChecks = (fts: string[]) =>
  fts.map((f) => `INSERT INTO ${ident(f)}(${ident(f)}, rank) VALUES('integrity-check', 1)`);

/** Checks every FTS5 index against its content table; throws if one is corrupt or stale. */
export async function checkSearchIndexes(query: Query, fts: string[]): Promise<void> {
  if (fts.length) await query(searchIndexChecks(fts));
}
