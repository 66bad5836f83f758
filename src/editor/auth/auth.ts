import { sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { aroundStatements, toStatement } from "../../platform/db/client.ts";
import { editorSessions, editors, editorTokens, producers } from "../../platform/db/schema.ts";
import type { AppEnv, CountedD1 } from "../../platform/env.ts";
import { KEY_PATTERN } from "../../platform/http/api-key.ts";
import { addressBucket } from "../../platform/http/client-address.ts";
import { Problem } from "../../platform/http/problem.ts";
import { EDITOR_TOKEN_PATTERN, EDITOR_TOKEN_PREFIX_LENGTH, sha256Hex } from "./crypto.ts";

/**
 * `editor` changes drafts; `publisher` also publishes; `producer` (issue 24) is a producer's own account, scoped to
 * one producer record: it sees that producer's enquiries and nothing of the editors' pages or API.
 */
export type Role = "editor" | "publisher" | "producer";
/** Where a change was made, as the audit trail records it. */
export type Via = "page" | "api" | "import" | "cli";

/** The signed-in editor of a request. */
export interface EditorIdentity {
  id: number;
  email: string;
  role: Role;
  via: Via;
  /** The session's token hash (page requests), for CSRF tokens and sign-out. */
  session?: string;
  /** A `producer` account's producer record id (null for editors and publishers). */
  producerId?: number | null;
  /** That producer record's slug (its pages, its proposals). */
  producerSlug?: string | null;
  /** The account still has a password someone else chose (an invitation's): the pages ask for a new one first. */
  mustChangePassword?: boolean;
}

declare module "hono" {
  interface ContextVariableMap {
    editor: EditorIdentity;
  }
}

/** Name of the session cookie: `__Host-` binds it to this host, over HTTPS, for every path. */
export const SESSION_COOKIE = "__Host-cnnt_editor";
/** How long a session lasts from sign-in (absolute; no sliding renewal). */
export const SESSION_SECONDS = 8 * 60 * 60;

const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
/** Compares two SHA-256 hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = fromHex(a);
  const y = fromHex(b);
  return x.length === 32 && y.length === 32 && crypto.subtle.timingSafeEqual(x, y);
}

const RANK: Record<Role, number> = { producer: 0, editor: 1, publisher: 2 };
/** True when `role` may do what `needed` may. */
export const hasRole = (role: Role, needed: Role) => RANK[role] >= RANK[needed];

function unauthorized(detail: string): Problem {
  return new Problem(
    401,
    { type: "unauthorized", detail },
    { "www-authenticate": 'Bearer realm="cnnt-editors"' },
  );
}

/**
 * A refused credential. Every API call was already charged to its address (addressRateLimit, before anything
 * else), so guessing tokens is rate-limited like any other call.
 */
async function refuse(_c: Context<AppEnv>, p: Problem): Promise<never> {
  throw p;
}

/** The caller's address as Cloudflare reports it (for the audit trail), or null. */
export const callerAddress = (c: Context<AppEnv>): string | null =>
  c.req.header("cf-connecting-ip")?.trim() || null;

/** The caller's rate-limit bucket (an IPv6 address by its /64), or "local" for calls without one. */
export const callerBucket = (c: Context<AppEnv>): string =>
  addressBucket(c.req.header("cf-connecting-ip"), c.req.url) ?? "local";

interface TokenRow {
  editor_id: number;
  email: string;
  role: Role;
  hash: string;
  revoked_at: string | null;
  disabled_at: string | null;
}

/** Marks the error of the credential guard (see {@link authenticatedD1}): SQLite names the bad JSON path. */
const REFUSED = "editor-credential-refused";

/** An editor token with its account. */
const TOKEN_AND_ACCOUNT = sql`${editorTokens} JOIN ${editors} ON ${editors.id} = ${editorTokens.editorId}`;

/**
 * Requires an editor API token (`Authorization: Bearer cnnted_…`) with at least `role`. A retailer key gets 403
 * (it is a real credential, for other routes); a malformed one 401 at once. A well-formed token is checked inside
 * the request's first D1 batch (see {@link authenticatedD1}), so an admin read costs one round trip and a write
 * two; unknown or revoked tokens get 401, a role too low 403. With `beforeBody`, the token is judged before the
 * route reads its body (one more round trip; for routes whose bodies are expensive to read and parse). Session cookies are not accepted here: the admin
 * API is for scripts, and a cookie-authenticated JSON API would need CSRF defences of its own.
 *
 * @example admin.use("*", requireEditorToken("editor"))
 */
export function requireEditorToken(
  role: Role = "editor",
  { beforeBody = false }: { beforeBody?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (!header)
      return refuse(c, unauthorized("This request needs an editor token: `Authorization: Bearer cnnted_…`"));
    const token = /^Bearer +(\S+) *$/i.exec(header)?.[1] ?? "";
    if (KEY_PATTERN.test(token)) {
      throw new Problem(403, {
        type: "forbidden",
        detail: "Retailer API keys cannot use the editor API; use an editor token (npm run editor:token)",
      });
    }
    if (!EDITOR_TOKEN_PATTERN.test(token)) return refuse(c, unauthorized("Malformed editor token"));
    const credential = {
      prefix: token.slice(0, EDITOR_TOKEN_PREFIX_LENGTH),
      hash: await sha256Hex(token),
      role,
    };
    c.set("d1", authenticatedD1(c, c.get("d1"), credential));
    // A route with an expensive body (a CSV import, a photo) judges the token first, in a round trip of its own,
    // so that a refused caller never has the body read and parsed.
    if (beforeBody) await ensureEditor(c);
    await next();
  };
}

/**
 * The request's D1 with the editor token checked in its first batch: a guard statement goes first and raises
 * (SQLite: JSON path error) unless the token exists with that hash, is not revoked, its account is not disabled
 * and its role suffices, so the whole batch, writes included, rolls back for a refused token; a second statement
 * reads who the editor is (then `editorOf(c)` answers). A statement run on its own before any batch first runs the
 * check alone. Only a refused token costs a further read, to say why (unknown, revoked or role).
 *
 * The hash is compared in SQL, not in constant time: it is the SHA-256 of 24 random bytes, so timing reveals
 * nothing that helps to find a token.
 */
export function authenticatedD1(
  c: Context<AppEnv>,
  inner: CountedD1,
  cred: { prefix: string; hash: string; role: Role },
): CountedD1 {
  let verified = false;
  const guard = () =>
    toStatement(
      inner,
      sql`SELECT json_extract('{}', CASE WHEN EXISTS (SELECT 1 FROM ${TOKEN_AND_ACCOUNT}
          WHERE ${editorTokens.prefix} = ${cred.prefix} AND ${editorTokens.hash} = ${cred.hash}
          AND ${editorTokens.revokedAt} IS NULL AND ${editors.disabledAt} IS NULL
          AND ((${cred.role} = 'editor' AND ${editors.role} = 'editor') OR ${editors.role} = 'publisher'))
          THEN '$' ELSE ${sql.raw(`'${REFUSED}'`)} END)`,
    );
  const who = () =>
    toStatement(
      inner,
      sql`SELECT ${editorTokens.editorId}, ${editors.email}, ${editors.role} FROM ${TOKEN_AND_ACCOUNT}
        WHERE ${editorTokens.prefix} = ${cred.prefix}`,
    );

  async function why(): Promise<never> {
    const row = await toStatement(
      inner,
      sql`SELECT ${editorTokens.editorId}, ${editors.email}, ${editors.role}, ${editorTokens.hash},
          ${editorTokens.revokedAt}, ${editors.disabledAt}
        FROM ${TOKEN_AND_ACCOUNT} WHERE ${editorTokens.prefix} = ${cred.prefix}`,
    ).first<TokenRow>();
    if (!row || !sameDigest(cred.hash, row.hash)) throw unauthorized("Unknown editor token");
    if (row.revoked_at || row.disabled_at) throw unauthorized("This editor token was revoked");
    throw new Problem(403, { type: "forbidden", detail: `This needs the '${cred.role}' role` });
  }

  const batch = async <T>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> => {
    const unwrapped = statements.map(unwrap);
    if (verified) return inner.batch<T>(unwrapped);
    let results: D1Result<T>[];
    try {
      results = await inner.batch<T>([guard(), who(), ...unwrapped]);
    } catch (err) {
      if (err instanceof Error && err.message.includes(REFUSED)) return why();
      throw err;
    }
    const row = results[1]?.results[0] as { editor_id: number; email: string; role: Role } | undefined;
    if (!row) return why();
    verified = true;
    c.set("editor", { id: row.editor_id, email: row.email, role: row.role, via: "api" });
    return results.slice(2);
  };
  // A statement run on its own, before any batch, first has the token checked by a batch of its own.
  const { prepare, unwrap } = aroundStatements(inner, async (execute) => {
    if (!verified) await batch([]);
    return execute();
  });
  return {
    prepare,
    batch,
    get roundTrips() {
      return inner.roundTrips;
    },
    get catalogueVersion() {
      return inner.catalogueVersion;
    },
    get catalogueEpoch() {
      return inner.catalogueEpoch;
    },
    bookmark: () => inner.bookmark(),
  };
}

/**
 * The request's editor, once known: an admin API handler that needs it before its first D1 batch calls this (it
 * runs the token check alone, one round trip); pages have it from their session already.
 */
export async function ensureEditor(c: Context<AppEnv>): Promise<EditorIdentity> {
  if (!c.get("editor")) await c.get("d1").batch([]);
  return editorOf(c);
}

/** The request's editor (set by {@link requireEditorToken} or the page session middleware). */
export function editorOf(c: Context<AppEnv>): EditorIdentity {
  const e = c.get("editor");
  if (!e) throw new Error("route without editor authentication");
  return e;
}

/** Throws 403 unless `editor` has `role`. */
export function requireRole(editor: EditorIdentity, role: Role): void {
  if (!hasRole(editor.role, role)) {
    throw new Problem(403, { type: "forbidden", detail: `This needs the '${role}' role` });
  }
}

/** Throws 403 unless the request's editor has `role`. */
export const needRole = (c: Context<AppEnv>, role: Role): void => requireRole(editorOf(c), role);

/**
 * What the editors' services need of a request, as plain values, so that they take no Hono Context and can be
 * called by a page, the admin API, an import or a script alike. `editor` is read when it is used: on the admin
 * API the editor is known only after the request's first batch (the token is checked inside it). It is also the
 * audit context of the writes the services make.
 */
export interface EditorCall {
  readonly d1: CountedD1;
  readonly editor: EditorIdentity;
  readonly address: string | null;
  readonly via?: Via;
  readonly photos?: R2Bucket;
}

/** The {@link EditorCall} of a request. */
export const editorCall = (c: Context<AppEnv>): EditorCall => ({
  d1: c.get("d1"),
  get editor() {
    return editorOf(c);
  },
  address: callerAddress(c),
  photos: c.env.PHOTOS,
});

interface SessionRow {
  editor_id: number;
  email: string;
  role: Role;
  producer_id: number | null;
  producer_slug: string | null;
  expires_at: string;
  revoked_at: string | null;
  disabled_at: string | null;
  must_change_password: number;
}

/**
 * Reads the page session from the `__Host-` cookie: the cookie's token is hashed and looked up; expired or
 * revoked sessions and disabled accounts count as signed out. Returns null when there is no valid session.
 */
export async function readSession(c: Context<AppEnv>): Promise<EditorIdentity | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || !/^[\w-]{43}$/.test(token)) return null;
  const idHash = await sha256Hex(token);
  const s = editorSessions;
  const row = await toStatement(
    c.get("d1"),
    sql`SELECT ${s.editorId}, ${editors.email}, ${editors.role}, ${editors.producerId}, ${s.expiresAt}, ${s.revokedAt},
        ${editors.disabledAt}, ${editors.mustChangePassword},
        (SELECT ${producers.slug} FROM ${producers} WHERE ${producers.id} = ${editors.producerId}) AS producer_slug
      FROM ${s} JOIN ${editors} ON ${editors.id} = ${s.editorId} WHERE ${s.idHash} = ${idHash}`,
  ).first<SessionRow>();
  if (!row || row.revoked_at || row.disabled_at || Date.parse(row.expires_at) <= Date.now()) return null;
  return {
    id: row.editor_id,
    email: row.email,
    role: row.role,
    via: "page",
    session: idHash,
    producerId: row.producer_id,
    producerSlug: row.producer_slug,
    mustChangePassword: row.must_change_password === 1,
  };
}

/**
 * The CSRF token of a session: derived from the session's secret (its hash never leaves the server), so it
 * needs no storage and changes with every sign-in. Forms carry it in `_csrf`; see {@link checkCsrf}.
 */
export const csrfToken = (sessionHash: string) => sha256Hex(`csrf:${sessionHash}`);

/** Throws 403 unless a form post comes from this site (`Origin`, or without one `Referer`; neither: allowed). */
export function checkOrigin(c: Context<AppEnv>): void {
  const here = new URL(c.req.url).origin;
  const referer = c.req.header("referer");
  let origin = c.req.header("origin") ?? null;
  if (origin === null && referer) origin = URL.canParse(referer) ? new URL(referer).origin : "invalid";
  const publicOrigin = (c.env.PUBLIC_ORIGIN ?? "").replace(/\/+$/, "");
  if (origin !== null && origin !== here && origin !== publicOrigin) throw csrfProblem();
}

const csrfProblem = () =>
  new Problem(403, {
    type: "csrf",
    detail: "The form is stale or came from another site; reload it and try again",
  });

/**
 * Checks a form post: it must come from this site ({@link checkOrigin}) and carry the session's token in
 * `_csrf`. SameSite=Strict already keeps the cookie off cross-site posts; this is the second wall.
 */
export async function checkCsrf(c: Context<AppEnv>, expected: string, given: unknown): Promise<void> {
  checkOrigin(c);
  if (typeof given !== "string" || given.length !== 64 || !sameDigest(given, expected)) throw csrfProblem();
}
