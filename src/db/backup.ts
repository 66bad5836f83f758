// Backup and restore of the catalogue's D1 database, shared by scripts/db-backup.ts, scripts/db-restore.ts (which
// run SQL through wrangler) and the workerd test (which runs it through a D1 binding).
//
// `wrangler d1 export` refuses databases with FTS5 virtual tables, so a backup holds the rows of the real tables
// only, as INSERT statements, one per line. A restore applies the migrations to the target (schema, FTS table,
// triggers), loads the rows with the triggers set aside (so that no trigger writes rows of its own while
// loading), puts the triggers back and rebuilds every full-text index from its content table.

/**
 * Runs several SQL statements and returns the rows of each. Statements go in rounds (one wrangler call or one D1
 * batch each), so a backup of a small database takes a handful of round trips, not one per table.
 */
export type Query = (sql: string[]) => Promise<Record<string, unknown>[][]>;

export const BACKUP_FORMAT = "caobang-cnnt-backup/1";
/** Rows per SELECT while reading, and the most bytes of one INSERT statement (D1 caps statement size). */
const PAGE_ROWS = 500;
const MAX_STATEMENT_BYTES = 50_000;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface Schema {
  /** Real tables holding data, parents before children. */
  tables: string[];
  /** FTS5 virtual tables (rebuilt on restore). */
  fts: string[];
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
  const fts = virtual.filter((o) => /USING\s+fts5/i.test(o.sql ?? "")).map((o) => o.name);
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
  return { tables: ordered, fts, triggers, columns, counts };
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * A SQL expression that renders a column's value as an exact SQL literal on one line: `quote()` for most values
 * (exact integers and reals, blobs as X'..'), and text holding line breaks or NUL as its UTF-8 bytes.
 */
const literalOf = (column: string) => {
  const c = ident(column);
  return `CASE WHEN typeof(${c}) = 'text' AND (instr(${c}, char(10)) OR instr(${c}, char(13)) OR instr(CAST(${c} AS BLOB), X'00')) THEN 'CAST(X''' || hex(${c}) || ''' AS TEXT)' ELSE quote(${c}) END`;
};

export interface BackupHeader {
  format: string;
  created: string;
  source: string;
  migrations: string[];
  counts: Record<string, number>;
}

/**
 * Reads every row of every real table and returns the backup as text: a header of `-- key: value` lines, then one
 * INSERT statement per line, parents before children.
 */
export async function createBackup(
  query: Query,
  source: string,
  { pageRows = PAGE_ROWS }: { pageRows?: number } = {},
): Promise<string> {
  const schema = await readSchema(query);
  const tables = schema.tables.map((name) => {
    const columns = schema.columns[name] ?? [];
    return {
      name,
      head: `INSERT INTO ${ident(name)} (${columns.map(ident).join(", ")}) VALUES `,
      row: columns.map(literalOf).join(" || ',' || "),
      after: Number.MIN_SAFE_INTEGER,
      done: false,
      values: [] as string[],
    };
  });
  // Keyset pages by rowid, one page of every unfinished table per round (the first with the migrations).
  let migrations: string[] | null = null;
  for (let pending = tables; pending.length; pending = tables.filter((t) => !t.done)) {
    const [first, ...pages] = await query([
      migrations ? "SELECT 1" : "SELECT name FROM d1_migrations ORDER BY id",
      ...pending.map(
        (t) =>
          `SELECT rowid AS k, '(' || ${t.row} || ')' AS v FROM ${ident(t.name)} WHERE rowid > ${t.after} ORDER BY rowid LIMIT ${pageRows}`,
      ),
    ]);
    migrations ??= (first ?? []).map((m) => String(m.name));
    pending.forEach((t, i) => {
      const rows = (pages[i] ?? []) as { k: number; v: string }[];
      t.values.push(...rows.map((r) => r.v));
      const last = rows.at(-1);
      if (last) t.after = last.k;
      t.done = rows.length < pageRows;
    });
  }
  const lines: string[] = [];
  for (const t of tables) {
    let batch: string[] = [];
    let bytes = 0;
    for (const v of t.values) {
      if (batch.length && bytes + v.length > MAX_STATEMENT_BYTES) {
        lines.push(`${t.head}${batch.join(", ")};`);
        batch = [];
        bytes = 0;
      }
      batch.push(v);
      bytes += v.length + 2;
    }
    if (batch.length) lines.push(`${t.head}${batch.join(", ")};`);
  }
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    created: new Date().toISOString(),
    source,
    migrations: migrations ?? [],
    counts: Object.fromEntries(tables.map((t) => [t.name, t.values.length])),
  };
  return [
    `-- format: ${header.format}`,
    `-- created: ${header.created}`,
    `-- source: ${header.source}`,
    `-- migrations: ${JSON.stringify(header.migrations)}`,
    `-- counts: ${JSON.stringify(header.counts)}`,
    "-- Restore with `npm run db:restore -- <this file>`: it applies the migrations, loads these rows and rebuilds the search index.",
    ...lines,
    "",
  ].join("\n");
}

/** Splits a backup into its header and its statements; throws if it is not a backup of this format. */
export function parseBackup(text: string): { header: BackupHeader; statements: string[] } {
  const lines = text.split("\n");
  const meta = new Map<string, string>();
  for (const l of lines) {
    const m = /^-- (\w+): (.*)$/.exec(l);
    if (m?.[1] && m[2] !== undefined) meta.set(m[1], m[2]);
  }
  if (meta.get("format") !== BACKUP_FORMAT) {
    throw new Error(`not a ${BACKUP_FORMAT} backup (format: ${meta.get("format") ?? "missing"})`);
  }
  return {
    header: {
      format: BACKUP_FORMAT,
      created: meta.get("created") ?? "",
      source: meta.get("source") ?? "",
      migrations: JSON.parse(meta.get("migrations") ?? "[]"),
      counts: JSON.parse(meta.get("counts") ?? "{}"),
    },
    statements: lines.filter((l) => l.startsWith("INSERT INTO ")),
  };
}

/**
 * The statements that load a backup into a database that already has the schema (migrations applied), as one
 * atomic batch: triggers set aside, the rows of every table the backup holds replaced by the backup's (a freshly
 * migrated database may already hold rows its migrations wrote, such as the catalogue version counter), triggers
 * back, search indexes rebuilt. Tables the backup predates keep what the migrations put in them.
 */
export function restoreStatements(
  target: Schema,
  backup: { header: BackupHeader; statements: string[] },
): string[] {
  const restored = new Set(Object.keys(backup.header.counts));
  return [
    "PRAGMA defer_foreign_keys = on",
    ...target.triggers.map((t) => `DROP TRIGGER IF EXISTS ${ident(t.name)}`),
    ...[...target.tables]
      .reverse()
      .filter((t) => restored.has(t))
      .map((t) => `DELETE FROM ${ident(t)}`),
    ...backup.statements.map((s) => s.replace(/;$/, "")),
    ...target.triggers.map((t) => t.sql),
    ...target.fts.map((f) => `INSERT INTO ${ident(f)}(${ident(f)}) VALUES('rebuild')`),
  ];
}

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
