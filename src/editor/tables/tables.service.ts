/**
 * The rest of the catalogue as editors keep it: retail channels, listings, khuyến công support projects and the
 * programme's reported figures. Unlike products these have no drafts: a change is public at once, so it is what
 * publishing is for products, and the role rules follow: publishers create, change and delete them; editors read
 * them and check listings (mark one checked today, correct its note or source), the review queue's task.
 *
 * Listings of a channel that has an active retailer key belong to that retailer: its feed would overwrite anything
 * an editor set, so editors may only check them (last checked, note, source); status, price, SKU, link and stores
 * stay the retailer's (409). Listings of channels without a key (fairs, export markets) publishers keep in full.
 *
 * Every write is one batch: a guard (the row's updated_at as it was read, so If-Match cannot race), the write, and
 * the audit event. Deleting a listing or a channel leaves tombstones in the change feed through the existing
 * triggers; support projects and programme figures are not in the feed, and their audit events record the delete.
 */
import { sql } from "drizzle-orm";
import { Conflict, Invalid, NotFound, Stale } from "../../domain/errors.ts";
import { bareList, toStatement } from "../../platform/db/client.ts";
import { apiKeys, auditEvents, channels } from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import { type EditorCall, requireRole } from "../auth/auth.ts";
import { ifMatchHolds } from "../if-match.ts";
import { auditStatement, diff, isGuardFailure, runBatch, type Statement } from "../records/store.ts";
import {
  type PlainState,
  plainFrom,
  type Row,
  readPlain,
  readPlainStatement,
  rereadStatement,
  TABLE,
} from "./tables.queries.ts";
import { PLAIN_SCHEMAS, type PlainEntity, type PlainRecordOf, RETAILER_FIELDS } from "./tables.schemas.ts";
import { insertStatement, keyOf, plainGuard, references, updateStatement } from "./tables.statements.ts";

export const plainNotFound = (entity: PlainEntity, key: string) =>
  new NotFound(`No ${entity.replace("_", " ")} '${key}'`);

/** If-Match against a plain record's ETag (a list, strong comparison; `*` refused); `required` turns a missing one into 428. */
export function checkPlainIfMatch(header: string | undefined, s: PlainState, required: boolean): void {
  if (!ifMatchHolds(header, s.etag, required)) throw plainStale(s);
}

export const plainStale = (s: PlainState) => new Stale(s.etag);

async function runWrite(d1: CountedD1, statements: Statement[], onStale: () => Error) {
  try {
    return await runBatch(d1, statements);
  } catch (err) {
    if (isGuardFailure(err)) throw onStale();
    if (err instanceof Error && /UNIQUE constraint failed/.test(err.message))
      throw new Conflict("A record with this key already exists");
    throw err;
  }
}

/**
 * Reads what a write needs in one round trip: the record (by `key`, or by the new record's key on create), and
 * whether each record it references exists. Throws 422 naming each missing reference.
 */
async function readForWrite<E extends PlainEntity>(
  call: EditorCall,
  entity: E,
  key: string | null,
  next: Record<string, unknown> | null,
): Promise<PlainState<E> | null> {
  const d1 = call.d1;
  const refs = next ? references(entity, next) : [];
  const lookups = [
    key === null ? toStatement(d1, sql`SELECT 1 WHERE 0`) : readPlainStatement(d1, entity, key),
    ...refs.map(([, check]) => toStatement(d1, check)),
  ];
  const [current, ...found] = await d1.batch<Row>(lookups);
  const missing = refs
    .filter((_, i) => !found[i]?.results.length)
    .map(([name, , p]) => ({ name, reason: `no ${name} '${p}'` }));
  if (missing.length) throw new Invalid(missing);
  return plainFrom(entity, current);
}

/** Role needed to create, change or delete a record of `entity` (listings: also the retailer-key rule). */
const WRITER: Record<PlainEntity, "publisher"> = {
  channel: "publisher",
  listing: "publisher",
  support_project: "publisher",
  programme_figure: "publisher",
};

const retailerOwned = (s: PlainState, fields: string[]) =>
  new Conflict(
    `The listing ${s.key} belongs to its channel's retailer API key: ${fields.join(", ")} are set by the retailer's feed. Editors may check it (mark it checked, correct the note or source).`,
    "retailer-owned",
    fields.map((name) => ({ name, reason: "is set by the channel's retailer key" })),
  );

/** Creates a record (publishers). Returns its state. 409 when its key is taken, 422 for a missing reference. */
export async function createPlain<E extends PlainEntity>(
  call: EditorCall,
  entity: E,
  input: PlainRecordOf<E>,
): Promise<PlainState<E>> {
  const record = input as Record<string, unknown>;
  const key = entity === "support_project" ? null : keyOf(entity, record);
  const existing = await readForWrite(call, entity, key, record);
  requireRole(call.editor, WRITER[entity]);
  if (existing) throw new Conflict(`A ${entity} '${key}' already exists`);
  if (entity === "listing") {
    const [keyed] = await call.d1.batch<Row>([
      toStatement(
        call.d1,
        sql`SELECT 1 FROM ${apiKeys} JOIN ${channels} ON ${channels.id} = ${apiKeys.channelId}
          WHERE ${channels.slug} = ${record.channel as string} AND ${apiKeys.revokedAt} IS NULL`,
      ),
    ]);
    if (keyed?.results.length)
      throw new Conflict(
        `The channel '${record.channel}' has a retailer API key: its listings come from the retailer's feed`,
        "retailer-owned",
      );
  }
  const { editor, address } = call;
  const table = TABLE[entity];
  const a = auditEvents;
  const [inserted] = await runWrite(
    call.d1,
    [
      insertStatement(entity, record),
      // The new row's id is known only inside the batch: the audit event takes it from the row just written.
      sql`INSERT INTO ${a} (${bareList(a.editorId, a.editorEmail, a.via, a.entity, a.entityKey, a.action, a.changes, a.address)})
        SELECT ${editor.id}, ${editor.email}, ${editor.via}, ${entity},
          ${entity === "support_project" ? sql`CAST(max(${table.id}) AS TEXT)` : key}, 'create',
          ${JSON.stringify(diff(null, record))}, ${address} FROM ${table}`,
    ],
    () => new Conflict(`A ${entity} '${key}' was just created`),
  );
  const id = Number(inserted?.results[0]?.id);
  const created = await readPlain(call.d1, entity, keyOf(entity, record, id));
  if (!created) throw new Error(`${entity} not written`);
  return created;
}

/** Changes a record (publishers; on listings editors may only check: see {@link checkListing}). */
export async function updatePlain<E extends PlainEntity>(
  call: EditorCall,
  entity: E,
  key: string,
  patch: Record<string, unknown>,
  ifMatch: string | undefined,
): Promise<PlainState<E>> {
  const s = await readForWrite(call, entity, key, null);
  requireRole(call.editor, WRITER[entity]);
  if (!s) throw plainNotFound(entity, key);
  checkPlainIfMatch(ifMatch, s, true);
  const merged = { ...(s.record as object), ...patch };
  const parsed = PLAIN_SCHEMAS[entity].safeParse(merged);
  if (!parsed.success)
    throw new Invalid(
      parsed.error.issues.map((i) => ({ name: i.path.map(String).join(".") || "(body)", reason: i.message })),
    );
  const next = parsed.data as Record<string, unknown>;
  const changes = diff(s.record, next);
  if (entity === "listing") {
    const moved = changes.filter((ch) => ch.field === "channel" || ch.field === "product");
    if (moved.length)
      throw new Invalid(
        moved.map((m) => ({ name: m.field, reason: "cannot change: delete the listing and add another" })),
      );
    const owned = changes
      .map((ch) => ch.field)
      .filter((f) => (RETAILER_FIELDS as readonly string[]).includes(f));
    if (s.retailerKeyed && owned.length) throw retailerOwned(s, owned);
  }
  if (
    entity === "support_project" &&
    next.producer &&
    next.producer !== (s.record as { producer: unknown }).producer
  )
    await readForWrite(call, entity, null, next);
  return writeUpdate(call, entity, s, next, changes, "update");
}

async function writeUpdate<E extends PlainEntity>(
  call: EditorCall,
  entity: E,
  s: PlainState<E>,
  next: Record<string, unknown>,
  changes: ReturnType<typeof diff>,
  action: string,
): Promise<PlainState<E>> {
  if (!changes.length) return s;
  const d1 = call.d1;
  const [, , , reread] = await runWrite(
    d1,
    [
      plainGuard(entity, s),
      updateStatement(entity, s.id, next),
      auditStatement(call, entity, s.key, action, changes),
      rereadStatement(entity, s.id),
    ],
    () => plainStale(s),
  );
  const out = plainFrom(entity, reread);
  if (!out) throw new Error(`${entity} not written`);
  return out;
}

/**
 * Checks a listing: marks it checked today and optionally corrects its note or source. Editors may do this on any
 * listing, also one a retailer key keeps (it changes nothing the retailer's feed sets). If-Match is optional: a
 * check is not a change someone else's edit could be lost to, but a stale one is still refused.
 */
export async function checkListing(
  call: EditorCall,
  key: string,
  body: { note?: string | null; source_url?: string | null },
  ifMatch: string | undefined,
): Promise<PlainState<"listing">> {
  const s = await readForWrite(call, "listing", key, null);
  if (!s) throw plainNotFound("listing", key);
  checkPlainIfMatch(ifMatch, s, false);
  const today = new Date().toISOString().slice(0, 10);
  const next = {
    ...s.record,
    ...("note" in body ? { note: body.note ?? null } : {}),
    ...("source_url" in body ? { source_url: body.source_url ?? null } : {}),
    last_verified: today,
  };
  const changes = diff(s.record, next);
  if (!changes.length) return s;
  return writeUpdate(call, "listing", s, next, changes, "check");
}

/** Deletes a record (publishers); listings and channels leave tombstones in the change feed. */
export async function deletePlain(
  call: EditorCall,
  entity: PlainEntity,
  key: string,
  ifMatch: string | undefined,
): Promise<void> {
  const s = await readForWrite(call, entity, key, null);
  requireRole(call.editor, WRITER[entity]);
  if (!s) throw plainNotFound(entity, key);
  checkPlainIfMatch(ifMatch, s, false);
  if (entity === "listing" && s.retailerKeyed)
    throw new Conflict(
      `The listing ${s.key} belongs to its channel's retailer API key: the retailer removes it (deleteListing)`,
      "retailer-owned",
    );
  await runWrite(
    call.d1,
    [
      plainGuard(entity, s),
      sql`DELETE FROM ${TABLE[entity]} WHERE ${TABLE[entity].id} = ${s.id}`,
      auditStatement(call, entity, s.key, "delete", diff(s.record, null)),
    ],
    () => plainStale(s),
  );
}
