/**
 * Publishers manage the people who edit: accounts (with a one-time password, as `npm run editor:create` makes
 * them), API tokens (shown once, stored hashed), sessions and disabling an account. Every change is audited
 * (entity `editor` or `editor_token`). A publisher cannot disable their own account or sign themselves out
 * everywhere from here, so a province cannot lock out its last publisher by a slip.
 */

import { type SQL, sql } from "drizzle-orm";
import { Conflict, Invalid, NotFound } from "../../domain/errors.ts";
import { SLUG_PATTERN } from "../../domain/vocabulary.ts";
import { bare, bareList, NOW, toStatement } from "../../platform/db/client.ts";
import { editorSessions, editors, editorTokens, producers } from "../../platform/db/schema.ts";
import { type EditorCall, type Role, requireRole } from "../auth/auth.ts";
import { generateEditorToken, hashPassword, PBKDF2_MAX_ITERATIONS, randomToken } from "../auth/crypto.ts";
import { auditStatement } from "../records/store.ts";

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
    toStatement(
      d1,
      sql`SELECT ${editors.id}, ${editors.email}, ${editors.name}, ${editors.role}, ${editors.createdAt}, ${editors.disabledAt},
        (SELECT count(*) FROM ${editorSessions} WHERE ${editorSessions.editorId} = ${editors.id}
          AND ${editorSessions.revokedAt} IS NULL AND ${editorSessions.expiresAt} > ${NOW}) AS sessions
       FROM ${editors} ORDER BY ${editors.disabledAt} IS NOT NULL, ${editors.email}`,
    ),
    toStatement(
      d1,
      sql`SELECT ${editorTokens.id}, ${editorTokens.editorId}, ${editorTokens.name}, ${editorTokens.prefix},
        ${editorTokens.createdAt}, ${editorTokens.lastUsedAt}, ${editorTokens.revokedAt}
       FROM ${editorTokens} ORDER BY ${editorTokens.revokedAt} IS NOT NULL, ${editorTokens.id} DESC`,
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

/** An audit event of the people page, as a statement; `when`: only if it holds in the batch (see auditStatement). */
const audit = (
  call: EditorCall,
  entity: string,
  key: string,
  action: string,
  changes: object[],
  when?: SQL,
) => toStatement(call.d1, auditStatement(call, entity, key, action, changes as never, when));

const invalid = (name: string, reason: string) => new Invalid([{ name, reason }]);

/** The id of the real (not illustrative) producer of a slug: no row when there is none. */
const realProducer = (slug: string | null) =>
  sql`SELECT ${producers.id} FROM ${producers} WHERE ${producers.slug} = ${slug} AND ${producers.provenance} != 'illustrative'`;

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
    toStatement(
      d1,
      sql`INSERT INTO ${editors} (${bareList(editors.email, editors.name, editors.role, editors.passwordHash, editors.producerId, editors.mustChangePassword)})
         SELECT ${email}, ${input.name?.trim() || null}, ${input.role}, ${hash}, (${realProducer(producer)}), 1
         WHERE ${producer} IS NULL OR EXISTS (${realProducer(producer)})
         ON CONFLICT (${bare(editors.email)}) DO NOTHING RETURNING ${bare(editors.id)}`,
    ),
    // Only when the insert happened: an existing account is not "created" again.
    audit(
      call,
      "editor",
      email,
      "create",
      [
        { field: "email", before: null, after: email },
        { field: "role", before: null, after: input.role },
      ],
      sql`changes() = 1`,
    ),
  ]);
  const id = rows?.results[0]?.id;
  if (!id) throw new Conflict(`An account ${email} already exists`);
  return { id, email, password };
}

async function personOf(call: EditorCall, id: number) {
  const row = await toStatement(
    call.d1,
    sql`SELECT ${editors.id}, ${editors.email}, ${editors.role}, ${editors.disabledAt} FROM ${editors} WHERE ${editors.id} = ${id}`,
  ).first<{ id: number; email: string; role: Role; disabled_at: string | null }>();
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
    toStatement(
      d1,
      sql`INSERT INTO ${editorTokens} (${bareList(editorTokens.editorId, editorTokens.name, editorTokens.prefix, editorTokens.hash)})
        SELECT ${editors.id}, ${label}, ${prefix}, ${hash} FROM ${editors}
        WHERE ${editors.id} = ${editorId} AND ${editors.disabledAt} IS NULL AND ${editors.role} != 'producer'
        RETURNING ${bare(editorTokens.id)},
          (SELECT ${editors.email} FROM ${editors} WHERE ${editors.id} = ${bare(editorTokens.editorId)}) AS email`,
    ),
    audit(
      call,
      "editor_token",
      prefix,
      "create",
      [
        { field: "editor_id", before: null, after: editorId },
        { field: "name", before: null, after: label },
      ],
      sql`changes() = 1`,
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
    toStatement(
      d1,
      sql`UPDATE ${editorTokens} SET ${bare(editorTokens.revokedAt)} = ${NOW}
        WHERE ${editorTokens.id} = ${tokenId} AND ${editorTokens.revokedAt} IS NULL RETURNING ${bare(editorTokens.prefix)}`,
    ),
    audit(call, "editor_token", `#${tokenId}`, "revoke", [], sql`changes() = 1`),
  ]);
  if (!rows?.results.length) throw new NotFound(`No active token #${tokenId}`);
}

/** Ends every session of an account (its browsers are signed out at their next request). */
export async function revokeSessions(call: EditorCall, editorId: number): Promise<number> {
  requireRole(call.editor, "publisher");
  const person = await personOf(call, editorId);
  const d1 = call.d1;
  const [rows] = await d1.batch<{ id_hash: string }>([
    toStatement(
      d1,
      sql`UPDATE ${editorSessions} SET ${bare(editorSessions.revokedAt)} = ${NOW}
        WHERE ${editorSessions.editorId} = ${editorId} AND ${editorSessions.revokedAt} IS NULL
          AND ${editorSessions.idHash} <> ${call.editor.session ?? ""} RETURNING ${bare(editorSessions.idHash)}`,
    ),
    audit(call, "editor", person.email, "revoke-sessions", [], sql`changes() > 0`),
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
    toStatement(
      d1,
      sql`UPDATE ${editors} SET ${bare(editors.disabledAt)} = ${NOW} WHERE ${editors.id} = ${editorId} AND ${editors.disabledAt} IS NULL`,
    ),
    toStatement(
      d1,
      sql`UPDATE ${editorSessions} SET ${bare(editorSessions.revokedAt)} = ${NOW}
        WHERE ${editorSessions.editorId} = ${editorId} AND ${editorSessions.revokedAt} IS NULL`,
    ),
    audit(call, "editor", person.email, "disable", [{ field: "disabled", before: false, after: true }]),
  ]);
}

export type { Role };
