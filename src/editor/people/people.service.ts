import { Conflict, Invalid, NotFound } from "../../domain/errors.ts";
/**
 * Publishers manage the people who edit: accounts (with a one-time password, as `npm run editor:create` makes
 * them), API tokens (shown once, stored hashed), sessions and disabling an account. Every change is audited
 * (entity `editor` or `editor_token`). A publisher cannot disable their own account or sign themselves out
 * everywhere from here, so a province cannot lock out its last publisher by a slip.
 */

import { SLUG_PATTERN } from "../../domain/vocabulary.ts";
import { compile } from "../../platform/db/client.ts";
import { type EditorCall, type Role, requireRole } from "../auth/auth.ts";
import { generateEditorToken, hashPassword, PBKDF2_MAX_ITERATIONS, randomToken } from "../auth/crypto.ts";
import { auditStatement, type Statement } from "../records/store.ts";

export interface PersonToken {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export interface Person {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  created_at: string;
  disabled_at: string | null;
  sessions: number;
  tokens: PersonToken[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every account with its active session count and its tokens (revoked ones too, for the record), in one read. */
export async function listPeople(call: EditorCall): Promise<Person[]> {
  requireRole(call.editor, "publisher");
  const d1 = call.d1;
  const [people, tokens] = await d1.batch<Record<string, unknown>>([
    d1.prepare(
      `SELECT e.id, e.email, e.name, e.role, e.created_at, e.disabled_at,
        (SELECT count(*) FROM editor_sessions s WHERE s.editor_id = e.id AND s.revoked_at IS NULL
          AND s.expires_at > strftime('%Y-%m-%dT%H:%M:%fZ','now')) AS sessions
       FROM editors e ORDER BY e.disabled_at IS NOT NULL, e.email`,
    ),
    d1.prepare(
      "SELECT id, editor_id, name, prefix, created_at, last_used_at, revoked_at FROM editor_tokens ORDER BY revoked_at IS NOT NULL, id DESC",
    ),
  ]);
  const byEditor = new Map<number, PersonToken[]>();
  for (const t of tokens?.results ?? []) {
    const list = byEditor.get(Number(t.editor_id)) ?? [];
    list.push(t as unknown as PersonToken);
    byEditor.set(Number(t.editor_id), list);
  }
  return (people?.results ?? []).map((p) => ({
    ...(p as unknown as Person),
    sessions: Number(p.sessions),
    tokens: byEditor.get(Number(p.id)) ?? [],
  }));
}

const audit = (call: EditorCall, entity: string, key: string, action: string, changes: object[]) =>
  auditStatement(call, entity, key, action, changes as never);

const invalid = (name: string, reason: string) => new Invalid([{ name, reason }]);

/**
 * Creates an account; returns its one-time password (shown once, stored only as a PBKDF2 hash). The account must
 * choose its own password at its first sign-in, so the inviting publisher never knows a colleague's password.
 */
export async function createAccount(
  call: EditorCall,
  input: { email: string; role: string; name?: string; producer?: string },
): Promise<{ id: number; email: string; password: string }> {
  requireRole(call.editor, "publisher");
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw invalid("email", "is not an email address");
  if (input.role !== "editor" && input.role !== "publisher" && input.role !== "producer")
    throw invalid("role", "must be editor, publisher or producer");
  // A producer's account (issue 24) belongs to one real producer record, named by its slug.
  const producer = input.role === "producer" ? (input.producer ?? "").trim() : null;
  if (producer !== null && !SLUG_PATTERN.test(producer))
    throw invalid("producer", "must be a producer's slug");
  const password = randomToken(15);
  const hash = await hashPassword(password);
  // The same wall as the CLI: a hash production Workers cannot verify would lock the new editor out.
  if (Number(hash.split("$")[1]) > PBKDF2_MAX_ITERATIONS) throw new Error("PBKDF2 above the Workers cap");
  const d1 = call.d1;
  const [rows] = await d1.batch<{ id: number }>([
    d1
      .prepare(
        `INSERT INTO editors (email, name, role, password_hash, producer_id, must_change_password)
         SELECT ?, ?, ?, ?, (SELECT id FROM producers WHERE slug = ?5 AND provenance != 'illustrative'), 1
         WHERE ?5 IS NULL OR EXISTS (SELECT 1 FROM producers WHERE slug = ?5 AND provenance != 'illustrative')
         ON CONFLICT(email) DO NOTHING RETURNING id`,
      )
      .bind(email, input.name?.trim() || null, input.role, hash, producer),
    prepared(
      call,
      audit(call, "editor", email, "create", [
        { field: "email", before: null, after: email },
        { field: "role", before: null, after: input.role },
      ]),
      // Only when the insert happened: an existing account is not "created" again.
      "changes() = 1",
    ),
  ]);
  const id = rows?.results[0]?.id;
  if (!id) throw new Conflict(`An account ${email} already exists`);
  return { id, email, password };
}

/** A statement made conditional on a SQL expression (evaluated when it runs, inside the batch). */
export function prepared(call: EditorCall, s: Statement, when: string): D1PreparedStatement {
  const q = compile(s);
  const sql = q.sql.replace(/VALUES \((.*)\)$/s, `SELECT $1 WHERE ${when}`);
  return call.d1.prepare(sql).bind(...q.params);
}

async function personOf(call: EditorCall, id: number) {
  const row = await call.d1
    .prepare("SELECT id, email, role, disabled_at FROM editors WHERE id = ?")
    .bind(id)
    .first<{ id: number; email: string; role: Role; disabled_at: string | null }>();
  if (!row) throw new NotFound(`No account #${id}`);
  return row;
}

/** Makes an API token for an active account (it carries that account's role); returns it once. */
export async function createToken(
  call: EditorCall,
  editorId: number,
  name: string,
): Promise<{ token: string; prefix: string; email: string }> {
  requireRole(call.editor, "publisher");
  const label = name.trim().slice(0, 120) || "script";
  const { token, prefix, hash } = await generateEditorToken();
  const d1 = call.d1;
  const [rows] = await d1.batch<{ id: number; email: string }>([
    d1
      .prepare(
        "INSERT INTO editor_tokens (editor_id, name, prefix, hash) SELECT id, ?, ?, ? FROM editors WHERE id = ? AND disabled_at IS NULL AND role != 'producer' RETURNING id, (SELECT email FROM editors WHERE id = editor_id) AS email",
      )
      .bind(label, prefix, hash, editorId),
    prepared(
      call,
      audit(call, "editor_token", prefix, "create", [
        { field: "editor_id", before: null, after: editorId },
        { field: "name", before: null, after: label },
      ]),
      "changes() = 1",
    ),
  ]);
  const row = rows?.results[0];
  if (!row) throw new NotFound(`No active account #${editorId}`);
  return { token, prefix, email: row.email };
}

/** Revokes a token (refused from the next request on). */
export async function revokeToken(call: EditorCall, tokenId: number): Promise<void> {
  requireRole(call.editor, "publisher");
  const d1 = call.d1;
  const [rows] = await d1.batch<{ prefix: string }>([
    d1
      .prepare(
        "UPDATE editor_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ? AND revoked_at IS NULL RETURNING prefix",
      )
      .bind(tokenId),
    prepared(call, audit(call, "editor_token", `#${tokenId}`, "revoke", []), "changes() = 1"),
  ]);
  if (!rows?.results.length) throw new NotFound(`No active token #${tokenId}`);
}

/** Ends every session of an account (its browsers are signed out at their next request). */
export async function revokeSessions(call: EditorCall, editorId: number): Promise<number> {
  requireRole(call.editor, "publisher");
  const person = await personOf(call, editorId);
  const d1 = call.d1;
  const [rows] = await d1.batch<{ id_hash: string }>([
    d1
      .prepare(
        "UPDATE editor_sessions SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE editor_id = ? AND revoked_at IS NULL AND id_hash <> ? RETURNING id_hash",
      )
      .bind(editorId, call.editor.session ?? ""),
    prepared(call, audit(call, "editor", person.email, "revoke-sessions", []), "changes() > 0"),
  ]);
  return rows?.results.length ?? 0;
}

/** Disables an account: its sessions and tokens stop working at once (they are checked against it). */
export async function disableAccount(call: EditorCall, editorId: number): Promise<void> {
  requireRole(call.editor, "publisher");
  if (editorId === call.editor.id)
    throw invalid("account", "you cannot disable your own account (ask another publisher)");
  const person = await personOf(call, editorId);
  if (person.disabled_at) return;
  const d1 = call.d1;
  await d1.batch([
    d1
      .prepare(
        "UPDATE editors SET disabled_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ? AND disabled_at IS NULL",
      )
      .bind(editorId),
    d1
      .prepare(
        "UPDATE editor_sessions SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE editor_id = ? AND revoked_at IS NULL",
      )
      .bind(editorId),
    prepared(
      call,
      audit(call, "editor", person.email, "disable", [{ field: "disabled", before: false, after: true }]),
      "1",
    ),
  ]);
}

export type { Role };
