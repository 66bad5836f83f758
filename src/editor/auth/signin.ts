/**
 * Signing in to the editor pages: email and password, checked against a PBKDF2 hash (src/editor/auth/crypto.ts), and
 * a server-side session in D1. Attempts are reserved in D1 per account and per address over a window, atomically
 * before the password is checked, so concurrent sign-ins cannot all slip under the limit
 * (not by the Rate Limiting binding: that one is per Cloudflare location and approximate, and a password guesser
 * can pick locations). Unknown accounts cost the same work, are counted the same way and get the same answer, so
 * the form cannot be used to learn who has an account.
 */
import { sql } from "drizzle-orm";
import { bare, bareList, NOW, toStatement } from "../../platform/db/client.ts";
import { editorSessions, editors, loginAttempts } from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import type { Role } from "./auth.ts";
import { SESSION_SECONDS } from "./auth.ts";
import { hashPassword, MIN_PASSWORD_LENGTH, randomToken, sha256Hex, verifyPassword } from "./crypto.ts";

/** Failed attempts are counted over this many minutes. */
export const LOGIN_WINDOW_MINUTES = 15;
/** Failures per account within the window after which every attempt is refused until the window passes. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures per address within the window (an office may share one address). */
export const MAX_FAILURES_PER_ADDRESS = 20;

export type SignInResult =
  | {
      ok: true;
      token: string;
      editor: { id: number; email: string; role: Role };
      /** The password is an invitation's: the pages ask for a new one before anything else. */
      mustChangePassword: boolean;
    }
  | { ok: false; reason: "invalid" | "limited" };

/** The account key attempts are counted under: a hash, so the table holds no email addresses. */
const accountKey = (email: string) => sha256Hex(`login:${email.trim().toLowerCase()}`);

/**
 * Reserves an attempt in one statement: the row goes in only while the account and the address are both under
 * their limits, so the count and the insert cannot be split by concurrent sign-ins (SQLite runs one statement at a
 * time). No row inserted means "limited". The reservation stays as the failure it will most likely be; a sign-in
 * that succeeds deletes it with the account's other failures.
 */
const reserveAttempt = (account: string, address: string, since: string) =>
  sql`INSERT INTO ${loginAttempts} (${bareList(loginAttempts.account, loginAttempts.address)})
  SELECT ${account}, ${address}
   WHERE (SELECT count(*) FROM ${loginAttempts} WHERE ${loginAttempts.account} = ${account} AND ${loginAttempts.at} > ${since}) < ${MAX_FAILURES_PER_ACCOUNT}
     AND (SELECT count(*) FROM ${loginAttempts} WHERE ${loginAttempts.address} = ${address} AND ${loginAttempts.at} > ${since}) < ${MAX_FAILURES_PER_ADDRESS}`;

/** Clears an account's counted attempts (a sign-in or password change that succeeded). */
const clearAttempts = (account: string) =>
  sql`DELETE FROM ${loginAttempts} WHERE ${loginAttempts.account} = ${account}`;

/**
 * Checks an email and password and, when they match an active editor, opens a session. One round trip reserves
 * the attempt and reads the account together; only a reserved attempt derives the password hash (a limited one is
 * answered at once, so a flood costs no PBKDF2 work); a match costs a second round trip to open the session.
 * `verify` is the password check (replaceable so that tests can count derivations).
 */
export async function signIn(
  d1: CountedD1,
  email: string,
  password: string,
  address: string,
  { verify = verifyPassword }: { verify?: typeof verifyPassword } = {},
): Promise<SignInResult> {
  const normalized = email.trim().toLowerCase().slice(0, 254);
  const account = await accountKey(normalized);
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const [reserved, editor] = await d1.batch<Record<string, unknown>>([
    toStatement(d1, reserveAttempt(account, address, since)),
    toStatement(
      d1,
      sql`SELECT ${editors.id}, ${editors.email}, ${editors.role}, ${editors.passwordHash}, ${editors.disabledAt},
        ${editors.mustChangePassword} FROM ${editors} WHERE ${editors.email} = ${normalized}`,
    ),
  ]);
  if (!reserved?.meta.changes) return { ok: false, reason: "limited" };
  const row = editor?.results[0] as
    | {
        id: number;
        email: string;
        role: Role;
        password_hash: string | null;
        disabled_at: string | null;
        must_change_password: number;
      }
    | undefined;
  // The hash is always derived (a dummy one for unknown accounts), so the answer takes as long either way.
  const matches = await verify(password.slice(0, 1024), row?.password_hash ?? null);
  if (!row || row.disabled_at || !matches) return { ok: false, reason: "invalid" };
  const token = randomToken(32);
  const expires = new Date(Date.now() + SESSION_SECONDS * 1000).toISOString();
  await d1.batch([
    toStatement(
      d1,
      sql`INSERT INTO ${editorSessions} (${bareList(editorSessions.idHash, editorSessions.editorId, editorSessions.expiresAt, editorSessions.address)})
        VALUES (${await sha256Hex(token)}, ${row.id}, ${expires}, ${address})`,
    ),
    toStatement(d1, clearAttempts(account)),
    // Old sessions and attempts are swept here rather than by a cron: sign-ins are rare and this is cheap.
    toStatement(
      d1,
      sql`DELETE FROM ${editorSessions} WHERE ${editorSessions.expiresAt} < ${new Date(Date.now() - 86_400_000).toISOString()}`,
    ),
    toStatement(d1, sql`DELETE FROM ${loginAttempts} WHERE ${loginAttempts.at} < ${since}`),
  ]);
  return {
    ok: true,
    token,
    editor: { id: row.id, email: row.email, role: row.role },
    mustChangePassword: row.must_change_password === 1,
  };
}

export type PasswordChange =
  | { ok: true }
  | { ok: false; reason: "limited" | "wrong-current" | "too-short" | "mismatch" | "unchanged" };

/**
 * Changes a signed-in editor's password: the current one must match (each try is reserved like a sign-in attempt,
 * so the form is no way around the sign-in limits), the new one is at least {@link MIN_PASSWORD_LENGTH} characters,
 * typed twice the same and differs from the current. Clears the invitation's "must change" mark and ends the
 * account's other sessions (whoever knew the old password is signed out).
 */
export async function changePassword(
  d1: CountedD1,
  who: { id: number; email: string; session: string },
  input: { current: string; next: string; confirm: string },
  address: string,
): Promise<PasswordChange> {
  if (input.next.length < MIN_PASSWORD_LENGTH) return { ok: false, reason: "too-short" };
  if (input.next !== input.confirm) return { ok: false, reason: "mismatch" };
  if (input.next === input.current) return { ok: false, reason: "unchanged" };
  const account = await accountKey(who.email);
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const [reserved, editor] = await d1.batch<Record<string, unknown>>([
    toStatement(d1, reserveAttempt(account, address, since)),
    toStatement(
      d1,
      sql`SELECT ${editors.passwordHash} FROM ${editors} WHERE ${editors.id} = ${who.id} AND ${editors.disabledAt} IS NULL`,
    ),
  ]);
  if (!reserved?.meta.changes) return { ok: false, reason: "limited" };
  const stored = (editor?.results[0]?.password_hash as string | null | undefined) ?? null;
  if (!(await verifyPassword(input.current.slice(0, 1024), stored)))
    return { ok: false, reason: "wrong-current" };
  await d1.batch([
    toStatement(
      d1,
      sql`UPDATE ${editors} SET ${bare(editors.passwordHash)} = ${await hashPassword(input.next.slice(0, 1024))},
        ${bare(editors.mustChangePassword)} = 0 WHERE ${editors.id} = ${who.id}`,
    ),
    toStatement(d1, clearAttempts(account)),
    toStatement(
      d1,
      sql`UPDATE ${editorSessions} SET ${bare(editorSessions.revokedAt)} = ${NOW}
        WHERE ${editorSessions.editorId} = ${who.id} AND ${editorSessions.idHash} <> ${who.session} AND ${editorSessions.revokedAt} IS NULL`,
    ),
  ]);
  return { ok: true };
}

/** Revokes a session (sign-out); it is refused from then on even if the cookie is replayed. */
export async function revokeSession(d1: CountedD1, idHash: string): Promise<void> {
  await d1.batch([
    toStatement(
      d1,
      sql`UPDATE ${editorSessions} SET ${bare(editorSessions.revokedAt)} = ${NOW} WHERE ${editorSessions.idHash} = ${idHash}`,
    ),
  ]);
}
