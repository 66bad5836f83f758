// Restoring a backup into a migrated database: the statements of one atomic batch that replace the rows, merge what
// must not go back in time (API keys, editors, tokens, the version counter) and rebuild what derives from the rows.
import { DERIVED_FACET_TABLES, REBUILD_FACET_COUNTS } from "../facet-counts.ts";
import { ident, type Schema } from "./database.ts";
import type { Backup, BackupHeader } from "./file.ts";

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
