// Backup and restore of the catalogue's D1 database, shared by scripts/db-backup.ts, scripts/db-restore.ts (which
// run SQL through wrangler) and the workerd test (which runs it through a D1 binding).
//
// `wrangler d1 export` refuses databases with FTS5 virtual tables, so a backup holds the rows of the real tables
// only, as INSERT statements, one per line. A restore applies the migrations to the target (schema, FTS table,
// triggers), loads the rows with the triggers set aside (so that no trigger writes rows of its own while
// loading), puts the triggers back and rebuilds every full-text index from its content table.

import { PERSONAL_DATA } from "../../domain/personal-data.ts";
import { DERIVED_FACET_TABLES, REBUILD_FACET_COUNTS } from "./facet-counts.ts";

/**
 * Runs several SQL statements and returns the rows of each. Statements go in rounds (one wrangler call or one D1
 * batch each), so a backup of a small database takes a handful of round trips, not one per table.
 */
export type Query = (sql: string[]) => Promise<Record<string, unknown>[][]>;

/**
 * Format 3 signs the file with an HMAC under the operator's secret; format 2 (an unkeyed SHA-256, which anyone who
 * edits the file can recompute) is read only when the operator says they trust the file; format 1 is refused.
 */
export const BACKUP_FORMAT = "caobang-cnnt-backup/3";
const UNSIGNED_FORMAT = "caobang-cnnt-backup/2";
/** The shortest backup secret accepted (`openssl rand -hex 32` gives 64 characters). */
export const MIN_BACKUP_SECRET_LENGTH = 32;

/**
 * The operator's backup secrets: `current` (BACKUP_SECRET) signs new backups and verifies; `previous`
 * (BACKUP_SECRET_PREVIOUS, during a rotation) only verify. None is ever written into a backup: the signature line
 * names the key by an id (8 hex digits of a hash of the secret) so that the right one is picked.
 */
export interface BackupSecrets {
  current: string;
  previous?: string[];
}

/** Tables a backup leaves out: live sign-in state, short-lived, and a session's hash is a credential while it lasts. */
export const UNSAVED_TABLES = ["editor_sessions", "login_attempts"];
/** Rows per SELECT while reading, and the most bytes of one INSERT statement (D1 caps statement size). */
const PAGE_ROWS = 500;
const MAX_STATEMENT_BYTES = 50_000;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

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

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (text: string) =>
  hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
const CHECKSUM_LINE = /^-- sha256: ([0-9a-f]{64})$/m;
const SIGNATURE_LINE = /^-- signature: hmac-sha256 ([0-9a-f]{8}) ([0-9a-f]{64})\n/m;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The id of a backup secret, written in the signature line: it names the key and tells nothing of it. */
export const backupKeyId = async (secret: string) =>
  (await sha256(`caobang-cnnt-backup-key:${secret}`)).slice(0, 8);

const hmacKey = (secret: string) =>
  crypto.subtle.importKey("raw", utf8(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);

function checkSecret(secret: string, name: string): void {
  if (secret.length < MIN_BACKUP_SECRET_LENGTH)
    throw new Error(`${name} must be at least ${MIN_BACKUP_SECRET_LENGTH} characters (openssl rand -hex 32)`);
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
  const mac = hex(await crypto.subtle.sign("HMAC", await hmacKey(secrets.current), utf8(body)));
  return `${body.slice(0, at)}\n-- signature: hmac-sha256 ${await backupKeyId(secrets.current)} ${mac}${body.slice(at)}`;
}

/**
 * Checks a backup's signature against the operator's secrets (the one its key id names); throws unless it
 * matches. An unsigned format-2 file passes its old checksum only when `trustUnsigned` is set.
 */
async function verifyBackup(
  text: string,
  format: string | undefined,
  { secrets, trustUnsigned = false }: ParseOptions,
): Promise<void> {
  if (format === UNSIGNED_FORMAT) {
    if (!trustUnsigned)
      throw new Error(
        `an unsigned ${UNSIGNED_FORMAT} backup: anyone who can edit it can recompute its checksum. Restore it only if you know where it has been (--trust-unsigned), then take a signed backup`,
      );
    const checksum = CHECKSUM_LINE.exec(text)?.[1];
    if (!checksum || (await sha256(text.replace(/^-- sha256: [0-9a-f]{64}\n/m, ""))) !== checksum)
      throw new Error("the backup's sha256 does not match its content: the file is damaged or was edited");
    return;
  }
  const line = SIGNATURE_LINE.exec(text);
  if (!line?.[1] || !line[2]) throw new Error("the backup is not signed (no `-- signature:` line)");
  const ring = [secrets.current, ...(secrets.previous ?? [])].filter(Boolean);
  let secret: string | undefined;
  for (const s of ring) if ((await backupKeyId(s)) === line[1]) secret = s;
  if (!secret)
    throw new Error(
      `the backup is signed with key ${line[1]}, which is neither BACKUP_SECRET nor BACKUP_SECRET_PREVIOUS: set the secret it was made with (as BACKUP_SECRET_PREVIOUS during a rotation)`,
    );
  const mac = Uint8Array.from(line[2].match(/../g) ?? [], (b) => Number.parseInt(b, 16));
  const body = text.replace(SIGNATURE_LINE, "");
  // subtle.verify compares in constant time.
  if (!(await crypto.subtle.verify("HMAC", await hmacKey(secret), mac, utf8(body))))
    throw new Error(
      "the backup's signature does not match its content: the file was edited or damaged after it was signed",
    );
}

/** How to check a backup: the operator's secrets, and whether an unsigned (format 2) file is trusted. */
export interface ParseOptions {
  secrets: BackupSecrets;
  trustUnsigned?: boolean;
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

/** Tables kept aside during a restore: the target's API keys (with their channel's slug), editors and tokens. */
const KEPT_KEYS = "restore_kept_api_keys";
const KEPT_EDITORS = "restore_kept_editors";
const KEPT_TOKENS = "restore_kept_editor_tokens";
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

/**
 * Tables whose rows a restore merges rather than replaces (the target may keep more than the backup holds), and
 * tables it empties (every session ends: a session's account id may name another person after a restore).
 */
export const MERGED_TABLES = ["api_keys", "editors", "editor_tokens"];
export const EMPTIED_TABLES = ["editor_sessions"];

/**
 * The statements that merge the target's editors and editor tokens (kept aside before the load) into the restored
 * rows, matched by email and token prefix. For an account in both, a disabling in either wins, the lower role wins
 * (producer < editor < publisher: a demotion stands) and the target's password hash wins (a password changed after the backup, say after a leak,
 * is not rolled back); accounts made after the backup are kept. For a token in both, a revocation in either wins (a
 * token whose prefix matches but whose hash does not is revoked); tokens made after the backup are kept.
 */
function mergeEditorStatements(target: Schema): { before: string[]; after: string[] } {
  const editors = target.columns.editors ?? [];
  const tokens = target.columns.editor_tokens ?? [];
  if (!editors.length || !tokens.length) return { before: [], after: [] };
  const list = (cols: string[], alias: string) => cols.map((c) => `${alias}.${ident(c)}`).join(", ");
  const editorCols = editors.filter((c) => c !== "id");
  const tokenCols = tokens.filter((c) => c !== "id");
  return {
    before: [
      `DROP TABLE IF EXISTS ${KEPT_EDITORS}`,
      `CREATE TABLE ${KEPT_EDITORS} AS SELECT * FROM "editors"`,
      `DROP TABLE IF EXISTS ${KEPT_TOKENS}`,
      `CREATE TABLE ${KEPT_TOKENS} AS SELECT t.*, e.email AS restore_editor_email FROM "editor_tokens" t JOIN "editors" e ON e.id = t.editor_id`,
    ],
    after: [
      `UPDATE "editors" SET
         "disabled_at" = coalesce("editors"."disabled_at", k."disabled_at"),
         "role" = CASE WHEN 'producer' IN ("editors"."role", k."role") THEN 'producer'
           WHEN 'editor' IN ("editors"."role", k."role") THEN 'editor' ELSE "editors"."role" END,
         "password_hash" = coalesce(k."password_hash", "editors"."password_hash")${
           editors.includes("must_change_password")
             ? `,
         "must_change_password" = max("editors"."must_change_password", k."must_change_password")`
             : ""
         }
       FROM ${KEPT_EDITORS} k WHERE k."email" = "editors"."email"`,
      `INSERT INTO "editors" (${editorCols.map(ident).join(", ")}) SELECT ${list(editorCols, "k")} FROM ${KEPT_EDITORS} k
       WHERE NOT EXISTS (SELECT 1 FROM "editors" e WHERE e."email" = k."email")`,
      `UPDATE "editor_tokens" SET "revoked_at" = coalesce("editor_tokens"."revoked_at", k."revoked_at",
         CASE WHEN k."hash" <> "editor_tokens"."hash" THEN ${NOW} END)
       FROM ${KEPT_TOKENS} k WHERE k."prefix" = "editor_tokens"."prefix"`,
      `INSERT INTO "editor_tokens" (${tokenCols.map(ident).join(", ")}) SELECT ${tokenCols
        .map((c) => (c === "editor_id" ? "e.id" : `k.${ident(c)}`))
        .join(", ")} FROM ${KEPT_TOKENS} k JOIN "editors" e ON e."email" = k.restore_editor_email
       WHERE NOT EXISTS (SELECT 1 FROM "editor_tokens" t WHERE t."prefix" = k."prefix")`,
      `DROP TABLE ${KEPT_TOKENS}`,
      `DROP TABLE ${KEPT_EDITORS}`,
    ],
  };
}

/**
 * The migrations a backup was taken at that `known` (this checkout's migration files) does not have. A restore
 * must refuse such a backup: its rows may not fit this schema, and the newer migrations would not run on it.
 *
 * @example migrationsAhead(parseBackup(text).header, readdirSync("migrations")) // ["0009_future.sql"]
 */
export function migrationsAhead(header: Pick<BackupHeader, "migrations">, known: Iterable<string>): string[] {
  const have = new Set(known);
  return header.migrations.filter((m) => !have.has(m));
}

/**
 * The statements that load a backup into a database that already has the schema (migrations applied), as one
 * atomic batch: triggers set aside, the rows of every table the backup holds replaced by the backup's (a freshly
 * migrated database may already hold rows its migrations wrote, such as the catalogue version counter), triggers
 * back, search indexes and the derived facet tables rebuilt. Tables the backup predates keep what the migrations
 * put in them.
 *
 * A restore never weakens security or moves a counter back:
 * - API keys are merged, not replaced: every key the target holds is kept (one made after the backup too, matched
 *   to its channel by slug), and a key revoked in either the target or the backup stays revoked.
 * - Editors and their API tokens are merged the same way (see {@link mergeEditorStatements}): a disabling, a
 *   revocation or a demotion in either copy wins, the target's password stands; every editor session ends.
 * - The catalogue version becomes one more than the higher of the target's and the backup's, and the epoch moves
 *   to at least `now` (seconds): ETags and change-feed cursors carry the epoch, so a client's copy from before the
 *   restore never matches or continues into the restored data (it resyncs instead). The change feed's sequence
 *   keeps counting up from where the target's was (AUTOINCREMENT), in a fresh database from the backup's.
 */
export function restoreStatements(target: Schema, backup: Backup, { now = Date.now() } = {}): string[] {
  const restored = new Set(Object.keys(backup.header.counts));
  for (const s of backup.statements) {
    const known = target.columns[s.table];
    if (!known || !target.tables.includes(s.table)) throw new Error(`the target has no table ${s.table}`);
    const unknown = s.columns.filter((c) => !known.includes(c));
    if (unknown.length) throw new Error(`the target's ${s.table} has no column ${unknown.join(", ")}`);
  }
  const keyColumns = target.columns.api_keys ?? [];
  const mergeKeys = keyColumns.length > 0 && target.tables.includes("channels");
  const mergeEditors = mergeEditorStatements(target);
  const versionColumns = target.columns.catalogue_version ?? [];
  const epoch = Math.floor(now / 1000);
  // The backup's version row never lowers the target's: the higher of the two is kept (then bumped, below).
  const load = backup.statements.map((s) => {
    if (s.table !== "catalogue_version") return s.sql;
    const counters = s.columns.filter((c) => c === "version" || c === "epoch");
    const set = counters.map(
      (c) => `${ident(c)} = max("catalogue_version".${ident(c)}, excluded.${ident(c)})`,
    );
    return `${s.sql} ON CONFLICT("id") DO ${set.length ? `UPDATE SET ${set.join(", ")}` : "NOTHING"}`;
  });
  return [
    "PRAGMA defer_foreign_keys = on",
    ...target.triggers.map((t) => `DROP TRIGGER IF EXISTS ${ident(t.name)}`),
    ...(mergeKeys
      ? [
          `DROP TABLE IF EXISTS ${KEPT_KEYS}`,
          `CREATE TABLE ${KEPT_KEYS} AS SELECT k.*, c.slug AS restore_channel_slug FROM "api_keys" k JOIN "channels" c ON c.id = k.channel_id`,
        ]
      : []),
    ...mergeEditors.before,
    ...EMPTIED_TABLES.filter((t) => target.tables.includes(t)).map((t) => `DELETE FROM ${ident(t)}`),
    ...[...target.tables]
      .reverse()
      .filter((t) => restored.has(t) && t !== "catalogue_version")
      .map((t) => `DELETE FROM ${ident(t)}`),
    ...load,
    ...(mergeKeys
      ? [
          `INSERT INTO "api_keys" (${keyColumns.map(ident).join(", ")}) SELECT ${keyColumns
            .map((c) => (c === "channel_id" ? "c.id" : `k.${ident(c)}`))
            .join(", ")} FROM ${KEPT_KEYS} k JOIN "channels" c ON c.slug = k.restore_channel_slug WHERE true
           ON CONFLICT DO UPDATE SET
             "revoked_at" = CASE WHEN "api_keys"."hash" = excluded."hash"
               THEN coalesce("api_keys"."revoked_at", excluded."revoked_at")
               ELSE coalesce("api_keys"."revoked_at", excluded."revoked_at", strftime('%Y-%m-%dT%H:%M:%fZ','now')) END,
             "last_used_at" = coalesce(max("api_keys"."last_used_at", excluded."last_used_at"), "api_keys"."last_used_at", excluded."last_used_at")`,
          `DROP TABLE ${KEPT_KEYS}`,
        ]
      : []),
    ...mergeEditors.after,
    ...(versionColumns.includes("version")
      ? [
          `UPDATE "catalogue_version" SET "version" = "version" + 1${
            versionColumns.includes("epoch") ? `, "epoch" = max("epoch" + 1, ${epoch})` : ""
          }`,
        ]
      : []),
    // A backup that predates the derived facet tables: they are computed from the restored rows.
    ...(DERIVED_FACET_TABLES.every((t) => target.tables.includes(t)) &&
    DERIVED_FACET_TABLES.some((t) => !restored.has(t))
      ? REBUILD_FACET_COUNTS
      : []),
    ...target.triggers.map((t) => t.sql),
    ...target.ftsRebuild,
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
