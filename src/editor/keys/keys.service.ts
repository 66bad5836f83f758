/**
 * Editors manage the retail channels' API keys (issue 27: "scoped keys with an expiry, CLI and admin pages"): list
 * a channel's keys, make one with its scopes and expiry (the key returned once; only its prefix and SHA-256 are
 * stored), revoke one. The rules and statements are the CLI's own (src/domain/api-keys.ts,
 * src/platform/db/api-keys.ts); every change is audited (entity `api_key`, key: its prefix). Each call is one
 * D1 batch that also reads what the page shows next.
 */
import { sql } from "drizzle-orm";
import { keyExpiry, keyInputReason, keyName, keyScopes } from "../../domain/api-keys.ts";
import type { FieldProblem } from "../../domain/errors.ts";
import { Invalid, NotFound } from "../../domain/errors.ts";
import { SLUG_PATTERN } from "../../domain/vocabulary.ts";
import { insertKey, listKeys, revokeKey, type StoredKeySummary } from "../../platform/db/api-keys.ts";
import { toStatement } from "../../platform/db/client.ts";
import { channels } from "../../platform/db/schema.ts";
import { generateApiKey } from "../../platform/http/api-key.ts";
import { type EditorCall, requireRole } from "../auth/auth.ts";
import { auditStatement } from "../records/store.ts";

/** What the keys page shows: the keys (of one channel, or all) and the channels a key can be made for. */
export interface KeysView {
  keys: StoredKeySummary[];
  channels: { slug: string; name: string }[];
}

/** A new key as the editor asked for it (form fields as given). */
export interface KeyRequest {
  channel: string;
  name: string;
  scopes: readonly string[];
  expires: string;
}

const CHANNELS = sql`SELECT ${channels.slug}, ${channels.name} FROM ${channels} ORDER BY ${channels.name}`;

function viewStatements(call: EditorCall, channel: string | null) {
  return [listKeys(call.d1, channel), toStatement(call.d1, CHANNELS)];
}
const viewOf = (results: D1Result<unknown>[], at: number): KeysView => ({
  keys: (results[at]?.results ?? []) as StoredKeySummary[],
  channels: (results[at + 1]?.results ?? []) as KeysView["channels"],
});

/** The keys of a channel (or every channel's when null) and the channels, in one read. */
export async function keysView(call: EditorCall, channel: string | null): Promise<KeysView> {
  requireRole(call.editor, "editor");
  return viewOf(await call.d1.batch(viewStatements(call, channel)), 0);
}

/** A key's audit event, written only when the key statement before it in the batch changed a row. */
const auditKey = (
  call: EditorCall,
  prefix: string,
  action: string,
  changes: Parameters<typeof auditStatement>[4],
) => toStatement(call.d1, auditStatement(call, "api_key", prefix, action, changes, sql`changes() = 1`));

/**
 * Makes a key of a channel. Bad input is a 422 naming each field before anything is read or written; an unknown
 * channel a 422 on `channel` (nothing written). Returns the key — shown once, never stored — and the page's view.
 */
export async function createKey(
  call: EditorCall,
  input: KeyRequest,
): Promise<{ key: string; prefix: string; view: KeysView }> {
  requireRole(call.editor, "editor");
  const channel = input.channel.trim();
  const checks = [keyName(input.name, channel), keyScopes(input.scopes), keyExpiry(input.expires)];
  const errors: FieldProblem[] = checks.flatMap((r) =>
    "error" in r ? [{ name: r.error.field, reason: keyInputReason(r.error) }] : [],
  );
  if (!SLUG_PATTERN.test(channel)) errors.unshift({ name: "channel", reason: "is required" });
  if (errors.length) throw new Invalid(errors);
  const [named, scoped, expiry] = checks as [
    { name: string },
    { scopes: string[] },
    { expiresAt: string | null },
  ];
  const { key, prefix, hash } = await generateApiKey();
  const made = {
    channel,
    name: named.name,
    prefix,
    hash,
    scopes: scoped.scopes,
    expiresAt: expiry.expiresAt,
  };
  const results = await call.d1.batch([
    insertKey(call.d1, made),
    // An unknown channel writes nothing, not even the audit line.
    auditKey(call, prefix, "create", [
      { field: "channel", before: null, after: channel },
      { field: "name", before: null, after: made.name },
      { field: "scopes", before: null, after: made.scopes.join(" ") },
      { field: "expires_at", before: null, after: made.expiresAt },
    ]),
    ...viewStatements(call, channel),
  ]);
  if (!results[0]?.results.length)
    throw new Invalid([{ name: "channel", reason: `no channel '${channel}'` }]);
  return { key, prefix, view: viewOf(results, 2) };
}

/**
 * Revokes an active key by its prefix (refused from its next request on); 404 when none is active. Returns the
 * page's view of `channel`'s keys (every channel's when null).
 */
export async function revokeChannelKey(
  call: EditorCall,
  prefix: string,
  channel: string | null,
): Promise<KeysView> {
  requireRole(call.editor, "editor");
  const results = await call.d1.batch([
    revokeKey(call.d1, prefix),
    auditKey(call, prefix, "revoke", [{ field: "revoked", before: false, after: true }]),
    ...viewStatements(call, channel),
  ]);
  if (!results[0]?.results.length) throw new NotFound(`No active API key with prefix '${prefix}'`);
  return viewOf(results, 2);
}
