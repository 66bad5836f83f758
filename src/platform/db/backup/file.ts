// The backup file: createBackup writes it (a signed header, then one INSERT of literal rows per line, parents
// before children) and parseBackup reads it back, refusing anything but the statements createBackup writes.
import { PERSONAL_DATA } from "../../../domain/personal-data.ts";
import { ident, type Query, readSchema } from "./database.ts";
import {
  BACKUP_FORMAT,
  type BackupSecrets,
  checkSecret,
  type ParseOptions,
  signatureLine,
  UNSIGNED_FORMAT,
  verifyBackup,
} from "./signing.ts";

/** Tables a backup leaves out: live sign-in state, short-lived, and a session's hash is a credential while it lasts. */
export const UNSAVED_TABLES = ["editor_sessions", "login_attempts"];
/** Rows per SELECT while reading, and the most bytes of one INSERT statement (D1 caps statement size). */
const PAGE_ROWS = 500;
const MAX_STATEMENT_BYTES = 50_000;

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
  /**
   * Whether the enquirers' personal details are in the file (`included`) or were left out (`omitted`: the columns
   * blank, each enquiry marked erased); `unknown` for a backup written before the header said so.
   */
  personal: "included" | "omitted" | "unknown";
}

/** The header line that says what a backup holds of the enquirers' personal details. */
const personalLine = (p: BackupHeader["personal"]) =>
  `-- personal: ${p} (${PERSONAL_DATA.table}: ${PERSONAL_DATA.columns.join(", ")})`;

/** A parsed backup: its header and its statements, each checked to be one of the INSERTs a backup writes. */
export interface Backup {
  header: BackupHeader;
  statements: BackupStatement[];
}

/** One `INSERT INTO "table" ("col", …) VALUES (literal, …), …;` line of a backup, as written by createBackup. */
export interface BackupStatement {
  table: string;
  columns: string[];
  rows: number;
  sql: string;
}

/**
 * Reads every row of every real table and returns the backup as text: a header of `-- key: value` lines (the
 * last is an HMAC-SHA-256 of everything else under the operator's BACKUP_SECRET), then one INSERT statement per
 * line, parents before children. Live sign-in state ({@link UNSAVED_TABLES}) is left out.
 */
export async function createBackup(
  query: Query,
  source: string,
  {
    pageRows = PAGE_ROWS,
    secrets,
    personal = true,
  }: {
    pageRows?: number;
    secrets: BackupSecrets;
    /** false: leave the enquirers' personal details out (blank, each enquiry marked erased as of now). */
    personal?: boolean;
  },
): Promise<string> {
  checkSecret(secrets.current, "BACKUP_SECRET");
  const schema = await readSchema(query);
  const omitted = (table: string, column: string): string | null => {
    if (personal || table !== PERSONAL_DATA.table) return null;
    if ((PERSONAL_DATA.columns as readonly string[]).includes(column)) return "'NULL'";
    if (column === PERSONAL_DATA.erasedAt)
      return `quote(coalesce(${ident(column)}, strftime('%Y-%m-%dT%H:%M:%fZ','now')))`;
    return null;
  };
  const tables = schema.tables
    .filter((t) => !UNSAVED_TABLES.includes(t))
    .map((name) => {
      const columns = schema.columns[name] ?? [];
      return {
        name,
        head: `INSERT INTO ${ident(name)} (${columns.map(ident).join(", ")}) VALUES `,
        row: columns.map((c) => omitted(name, c) ?? literalOf(c)).join(" || ',' || "),
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
    personal: personal ? "included" : "omitted",
  };
  const body = [
    `-- format: ${header.format}`,
    `-- created: ${header.created}`,
    `-- source: ${header.source.replace(/[\r\n]/g, " ")}`,
    `-- migrations: ${JSON.stringify(header.migrations)}`,
    `-- counts: ${JSON.stringify(header.counts)}`,
    personalLine(header.personal),
    "-- Restore with `npm run db:restore -- <this file>`: it applies the migrations, loads these rows and rebuilds the search index.",
    ...lines,
    "",
  ].join("\n");
  // The signature line goes last in the header; it covers the file without that line.
  const at = body.indexOf("\n-- Restore with");
  return `${body.slice(0, at)}\n${await signatureLine(body, secrets.current)}${body.slice(at)}`;
}

const IDENT = '"(?:[^"]|"")+"';
const HEAD = new RegExp(String.raw`^INSERT INTO (${IDENT}) \((${IDENT}(?:, ${IDENT})*)\) VALUES `);
// Exactly the literals createBackup's SELECT renders: NULL, quote()'s numbers, text and blobs, and text with line
// breaks or NUL as CAST(X'..' AS TEXT). Nothing else (no function call, no sub-select) can appear in a value.
const LITERAL =
  /NULL|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|'(?:[^'\r\n]|'')*'|X'(?:[0-9A-F]{2})*'|CAST\(X'(?:[0-9A-F]{2})*' AS TEXT\)/y;
const unident = (quoted: string) => quoted.slice(1, -1).replaceAll('""', '"');

/** Parses one statement line; throws unless it is exactly an INSERT of literal rows as createBackup writes. */
function parseStatement(line: string, n: number): BackupStatement {
  const bad = (why: string) =>
    new Error(`backup line ${n}: ${why}; only the INSERT statements a backup writes are restored`);
  const head = HEAD.exec(line);
  if (!head?.[1] || !head[2]) throw bad("not an INSERT of a backup");
  const columns = [...head[2].matchAll(new RegExp(IDENT, "g"))].map((m) => unident(m[0]));
  let pos = head[0].length;
  let rows = 0;
  for (;;) {
    if (line[pos] !== "(") throw bad(`expected a row at character ${pos}`);
    pos++;
    for (let i = 1; ; i++) {
      LITERAL.lastIndex = pos;
      if (!LITERAL.exec(line)) throw bad(`not a literal value at character ${pos}`);
      pos = LITERAL.lastIndex;
      if (line[pos] === ",") {
        pos++;
        continue;
      }
      if (line[pos] !== ")" || i !== columns.length)
        throw bad(`a row of the wrong shape at character ${pos}`);
      pos++;
      break;
    }
    rows++;
    if (line.startsWith(", ", pos)) pos += 2;
    else if (pos === line.length - 1 && line[pos] === ";") break;
    else throw bad(`unexpected text at character ${pos}`);
  }
  return { table: unident(head[1]), columns, rows, sql: line.slice(0, -1) };
}

/**
 * Splits a backup into its header and its statements. Throws unless it is a backup of this format signed by one of
 * the operator's secrets (see {@link BackupSecrets}), and every line after the header is an INSERT of literal rows
 * into a table the header names, with the row counts the header gives: a restore never runs a statement the backup
 * tool did not write.
 */
export async function parseBackup(text: string, options: ParseOptions): Promise<Backup> {
  const lines = text.split("\n");
  const meta = new Map<string, string>();
  let i = 0;
  for (; i < lines.length && lines[i]?.startsWith("-- "); i++) {
    const m = /^-- (\w+): (.*)$/.exec(lines[i] ?? "");
    if (m?.[1] && m[2] !== undefined) meta.set(m[1], m[2]);
  }
  const format = meta.get("format");
  if (format !== BACKUP_FORMAT && format !== UNSIGNED_FORMAT) {
    throw new Error(`not a ${BACKUP_FORMAT} backup (format: ${format ?? "missing"})`);
  }
  await verifyBackup(text, format, options);
  const header: BackupHeader = {
    format,
    created: meta.get("created") ?? "",
    source: meta.get("source") ?? "",
    migrations: JSON.parse(meta.get("migrations") ?? "[]"),
    counts: JSON.parse(meta.get("counts") ?? "{}"),
    personal: (/^(included|omitted)\b/.exec(meta.get("personal") ?? "")?.[1] ??
      "unknown") as BackupHeader["personal"],
  };
  const statements: BackupStatement[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "" && i === lines.length - 1) break;
    statements.push(parseStatement(line, i + 1));
  }
  const rows = new Map<string, number>();
  for (const s of statements) {
    if (!(s.table in header.counts)) throw new Error(`the backup's header does not list table ${s.table}`);
    rows.set(s.table, (rows.get(s.table) ?? 0) + s.rows);
  }
  for (const [table, n] of Object.entries(header.counts)) {
    if ((rows.get(table) ?? 0) !== n)
      throw new Error(`table ${table}: ${rows.get(table) ?? 0} rows, the header says ${n}`);
  }
  return { header, statements };
}
