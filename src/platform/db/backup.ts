// Backup and restore of the catalogue's D1 database, shared by scripts/db-backup.ts, scripts/db-restore.ts (which
// run SQL through wrangler) and the workerd test (which runs it through a D1 binding).
//
// `wrangler d1 export` refuses databases with FTS5 virtual tables, so a backup holds the rows of the real tables
// only, as INSERT statements, one per line. A restore applies the migrations to the target (schema, FTS table,
// triggers), loads the rows with the triggers set aside (so that no trigger writes rows of its own while
// loading), puts the triggers back and rebuilds every full-text index from its content table.
//
// The parts, in ./backup/: database.ts (what a database holds: tables, columns, counts, FTS5 indexes, triggers),
// file.ts (writing and parsing the file), signing.ts (the HMAC signature and the operator's secrets) and
// restore.ts (the restore's one batch). This module is what the scripts and tests import.
export {
  checkSearchIndexes,
  countRows,
  type Query,
  readSchema,
  type Schema,
  searchIndexChecks,
} from "./backup/database.ts";
export {
  type Backup,
  type BackupHeader,
  type BackupStatement,
  createBackup,
  parseBackup,
  UNSAVED_TABLES,
} from "./backup/file.ts";
export { EMPTIED_TABLES, MERGED_TABLES, migrationsAhead, restoreStatements } from "./backup/restore.ts";
export {
  BACKUP_FORMAT,
  type BackupSecrets,
  backupKeyId,
  MIN_BACKUP_SECRET_LENGTH,
  type ParseOptions,
} from "./backup/signing.ts";
