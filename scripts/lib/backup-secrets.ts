// The operator's backup secrets, for `npm run db:backup` and `db:restore`: BACKUP_SECRET signs and verifies,
// BACKUP_SECRET_PREVIOUS (comma-separated, during a rotation) only verifies. They live with the operator, never in
// the Worker (which makes no backups) nor in a backup: the environment first; for local databases only, .dev.vars
// (scripts/dev-vars.ts writes a development one there), so that a backup of the deployed database is never signed
// with a secret that sits in the checkout.
import type { BackupSecrets } from "../../src/platform/db/backup.ts";
import { ensureDevVars } from "./dev-vars.ts";

export function backupSecrets(remote: boolean, env: NodeJS.ProcessEnv = process.env): BackupSecrets {
  const local = remote ? {} : ensureDevVars();
  const current = env.BACKUP_SECRET || local.BACKUP_SECRET || "";
  if (!current) {
    throw new Error(
      "BACKUP_SECRET is not set: backups of the deployed database are signed with the operator's secret (docs/security.md, 'Backups')",
    );
  }
  const previous = (env.BACKUP_SECRET_PREVIOUS || local.BACKUP_SECRET_PREVIOUS || "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return { current, previous };
}
