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
import { z } from "@hono/zod-openapi";
import { PROVENANCE, QUALIFIERS } from "../../domain/provenance.ts";
import { CHANNEL_KINDS, FUNDS, LISTING_STATUSES } from "../../domain/vocabulary.ts";
import { listingEtag } from "../../platform/db/listing-etag.ts";
import type { CountedD1 } from "../../platform/env.ts";
import { invalidFields, Problem } from "../../platform/http/problem.ts";
import { fold } from "../../platform/lib/fold.ts";
import { type EditorCall, requireRole } from "../auth/auth.ts";
import { ifMatchHolds } from "../if-match.ts";
import {
  auditStatement,
  diff,
  EDITOR_ID_FLOOR,
  isGuardFailure,
  type SqlValue,
  type Statement,
} from "../records/store.ts";
import { httpsUrl, longText, optionalText, RESERVED_SLUGS, slugSchema, text, year } from "../schemas.ts";

export const PLAIN_ENTITIES = ["channel", "listing", "support_project", "programme_figure"] as const;
export type PlainEntity = (typeof PLAIN_ENTITIES)[number];

const provenance = z.enum(PROVENANCE).default("sourced").openapi({
  description:
    "How the catalogue knows the record: sourced (a cited source states it), inferred, or illustrative (made up to show what the catalogue can hold; shown as such everywhere)",
});
const figureKey = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, "must be lowercase letters, digits and underscores")
  .refine((s) => !RESERVED_SLUGS.has(s), "is reserved (a path of the editor pages)");
const isoDate = z.iso.date("must be a date (YYYY-MM-DD)").nullable().default(null);

export const ChannelRecord = z
  .object({
    slug: slugSchema,
    name: text(200),
    kind: z.enum(CHANNEL_KINDS),
    website: httpsUrl.nullable().default(null),
    description_vi: longText(5000),
    description_en: longText(5000),
    sources: z.array(httpsUrl).max(20).default([]),
    provenance,
  })
  .strict()
  .openapi("EditorChannel");
export type ChannelRecord = z.infer<typeof ChannelRecord>;

const Store = z.object({ name: text(200), city: text(120), province: text(120) }).strict();
export const ListingRecord = z
  .object({
    channel: slugSchema.openapi({ description: "The channel's slug" }),
    product: slugSchema.openapi({ description: "The product's slug" }),
    status: z.enum(LISTING_STATUSES),
    price_vnd: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
    channel_sku: optionalText(80),
    url: httpsUrl.nullable().default(null),
    stores: z.array(Store).max(50).default([]),
    note: optionalText(1000),
    last_verified: isoDate.openapi({ description: "When someone last checked the listing (YYYY-MM-DD)" }),
    source_url: httpsUrl.nullable().default(null),
    provenance,
  })
  .strict()
  .openapi("EditorListing");
export type ListingRecord = z.infer<typeof ListingRecord>;

export const SupportProjectRecord = z
  .object({
    producer: slugSchema.nullable().default(null).openapi({ description: "The supported producer's slug" }),
    year: year.nullable().default(null),
    fund: z.enum(FUNDS),
    amount_vnd: z.number().int().min(0).max(1_000_000_000_000).nullable().default(null),
    title_vi: text(300),
    title_en: text(300),
    kind: optionalText(120),
    source_url: httpsUrl,
    provenance,
  })
  .strict()
  .openapi("EditorSupportProject");
export type SupportProjectRecord = z.infer<typeof SupportProjectRecord>;

export const ProgrammeFigureRecord = z
  .object({
    key: figureKey,
    group_key: figureKey,
    label_vi: text(300),
    label_en: text(300),
    value: z.number().finite().min(0),
    unit: z.enum(["projects", "vnd", "facilities", "products"]),
    fund: z.enum(["national", "local", "total"]).nullable().default(null),
    period: text(40),
    qualifier: z.enum(QUALIFIERS).nullable().default(null).openapi({
      description: "The source's hedge on the value (more than, nearly, about); null when exact",
    }),
    source_url: httpsUrl,
    provenance,
  })
  .strict()
  .openapi("EditorProgrammeFigure");
export type ProgrammeFigureRecord = z.infer<typeof ProgrammeFigureRecord>;

/** What an editor (not only a publisher) may change on a listing: checking it is the review queue's task. */
export const ListingCheck = z
  .object({
    note: optionalText(1000).optional(),
    source_url: httpsUrl.nullable().optional(),
  })
  .strict()
  .openapi("EditorListingCheck");

export const PLAIN_SCHEMAS = {
  channel: ChannelRecord,
  listing: ListingRecord,
  support_project: SupportProjectRecord,
  programme_figure: ProgrammeFigureRecord,
} as const;
export type PlainRecordOf<E extends PlainEntity> = z.infer<(typeof PLAIN_SCHEMAS)[E]>;

/** Fields of a listing its channel's retailer key owns. */
export const RETAILER_FIELDS = ["status", "price_vnd", "channel_sku", "url", "stores"] as const;

/** A plain record as editors see it, with the ETag to send back in If-Match. */
export interface PlainState<E extends PlainEntity = PlainEntity> {
  entity: E;
  key: string;
  id: number;
  record: PlainRecordOf<E>;
  etag: string;
  /** updated_at as read: the write guard. */
  stamp: string;
  /** Listings: whether the channel has an active retailer key. */
  retailerKeyed: boolean;
}

type Row = Record<string, unknown>;
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
const EPOCH = "(SELECT epoch FROM catalogue_version WHERE id = 1)";
const parseJson = <T>(v: unknown, fallback: T): T => {
  try {
    return typeof v === "string" ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
};

const SELECT: Record<PlainEntity, string> = {
  channel: `SELECT t.id, t.slug AS key, t.slug, t.name, t.kind, t.website, t.description_vi, t.description_en, t.sources,
    t.provenance, t.updated_at, t.created_at FROM channels t`,
  listing: `SELECT t.id, c.slug || '/' || p.slug AS key, c.slug AS channel, p.slug AS product, t.status, t.price_vnd,
    t.channel_sku, t.url, t.stores, t.note, t.last_verified, t.source_url, t.provenance, t.version, t.updated_at, t.created_at,
    ${EPOCH} AS epoch, p.name_vi AS product_name, c.name AS channel_name,
    EXISTS (SELECT 1 FROM api_keys k WHERE k.channel_id = c.id AND k.revoked_at IS NULL) AS keyed
    FROM listings t JOIN channels c ON c.id = t.channel_id JOIN products p ON p.id = t.product_id`,
  support_project: `SELECT t.id, CAST(t.id AS TEXT) AS key, pr.slug AS producer, t.year, t.fund, t.amount_vnd, t.title_vi,
    t.title_en, t.kind, t.source_url, t.provenance, t.updated_at, t.created_at, pr.name AS producer_name
    FROM support_projects t LEFT JOIN producers pr ON pr.id = t.producer_id`,
  programme_figure: `SELECT t.id, t.key, t.key AS key, t.group_key, t.label_vi, t.label_en, t.value, t.unit, t.fund, t.period,
    t.qualifier, t.source_url, t.provenance, t.updated_at, t.created_at FROM programme_figures t`,
};
const TABLE: Record<PlainEntity, string> = {
  channel: "channels",
  listing: "listings",
  support_project: "support_projects",
  programme_figure: "programme_figures",
};

/** The WHERE clause and parameters that find one record by its key (listing keys are `channel/product`). */
function byKey(entity: PlainEntity, key: string): { where: string; params: SqlValue[] } {
  switch (entity) {
    case "channel":
      return { where: "t.slug = ?", params: [key] };
    case "programme_figure":
      return { where: "t.key = ?", params: [key] };
    case "support_project":
      return { where: "t.id = ?", params: [/^\d{1,15}$/.test(key) ? Number(key) : -1] };
    case "listing": {
      const [channel = "", product = ""] = key.split("/");
      return { where: "c.slug = ? AND p.slug = ?", params: [channel, product] };
    }
  }
}

const digits = (s: string) => s.replace(/\D/g, "");

/** Maps a row of {@link SELECT} to the record and its state. */
function stateOf<E extends PlainEntity>(entity: E, r: Row): PlainState<E> {
  const base = { provenance: r.provenance };
  let record: unknown;
  switch (entity) {
    case "channel":
      record = {
        slug: r.slug,
        name: r.name,
        kind: r.kind,
        website: r.website ?? null,
        description_vi: r.description_vi ?? "",
        description_en: r.description_en ?? "",
        sources: parseJson<string[]>(r.sources, []),
        ...base,
      };
      break;
    case "listing":
      record = {
        channel: r.channel,
        product: r.product,
        status: r.status,
        price_vnd: r.price_vnd ?? null,
        channel_sku: r.channel_sku ?? null,
        url: r.url ?? null,
        stores: parseJson(r.stores, []),
        note: r.note ?? null,
        last_verified: r.last_verified ?? null,
        source_url: r.source_url ?? null,
        ...base,
      };
      break;
    case "support_project":
      record = {
        producer: r.producer ?? null,
        year: r.year ?? null,
        fund: r.fund,
        amount_vnd: r.amount_vnd ?? null,
        title_vi: r.title_vi,
        title_en: r.title_en,
        kind: r.kind ?? null,
        source_url: r.source_url,
        ...base,
      };
      break;
    case "programme_figure":
      record = {
        key: r.key,
        group_key: r.group_key,
        label_vi: r.label_vi,
        label_en: r.label_en,
        value: r.value,
        unit: r.unit,
        fund: r.fund ?? null,
        period: r.period,
        qualifier: r.qualifier ?? null,
        source_url: r.source_url,
        ...base,
      };
      break;
  }
  const id = Number(r.id);
  const stamp = String(r.updated_at);
  const etag =
    entity === "listing"
      ? listingEtag({
          id,
          version: Number(r.version),
          created_at: String(r.created_at),
          epoch: Number(r.epoch ?? 0),
        })
      : `"${entity[0]}${id}u${digits(stamp)}"`;
  return {
    entity,
    key: String(r.key),
    id,
    record: record as PlainRecordOf<E>,
    etag,
    stamp,
    retailerKeyed: Boolean(r.keyed),
  };
}

/** The statement that reads one record (to put in a batch with others). */
export function readPlainStatement(d1: CountedD1, entity: PlainEntity, key: string): D1PreparedStatement {
  const { where, params } = byKey(entity, key);
  return d1.prepare(`${SELECT[entity]} WHERE ${where}`).bind(...params);
}

/** Maps the result of {@link readPlainStatement}. */
export const plainFrom = <E extends PlainEntity>(entity: E, res: D1Result<Row> | undefined) => {
  const row = res?.results[0];
  return row ? stateOf(entity, row) : null;
};

/** Reads one record (null when there is none). */
export async function readPlain<E extends PlainEntity>(
  d1: CountedD1,
  entity: E,
  key: string,
): Promise<PlainState<E> | null> {
  const [res] = await d1.batch<Row>([readPlainStatement(d1, entity, key)]);
  return plainFrom(entity, res);
}

/** Filters of the editors' lists (each applies only to the entity it names). */
export interface PlainFilter {
  q?: string;
  /** channel: kind; listing: channel slug; support project: fund; programme figure: group key. */
  facet?: string;
  /** Listings: only those not checked for 90 days. */
  stale?: boolean;
}

const FACET: Record<PlainEntity, string> = {
  channel: "t.kind",
  listing: "c.slug",
  support_project: "t.fund",
  programme_figure: "t.group_key",
};
const ORDER: Record<PlainEntity, string> = {
  channel: "t.id",
  listing: "c.slug, p.sort_vi",
  support_project: "t.year DESC, t.id",
  programme_figure: "t.group_key, t.id",
};
export const LIST_LIMIT = 200;

/**
 * The statement that lists records for the editor pages and the admin API, newest or in the public order; the
 * name search folds accents (as shoppers' search does), so "hoi cho" finds "Hội chợ". At most {@link LIST_LIMIT}.
 */
export function listPlainStatement(d1: CountedD1, entity: PlainEntity, f: PlainFilter): D1PreparedStatement {
  const stale =
    entity === "listing" && f.stale
      ? " AND (t.last_verified IS NULL OR t.last_verified < date('now', '-90 days'))"
      : "";
  // fold() runs in JS; rows are few (the province's whole catalogue), so the text filter runs after the read.
  return d1
    .prepare(
      `${SELECT[entity]} WHERE (?1 IS NULL OR ${FACET[entity]} = ?1)${stale} ORDER BY ${ORDER[entity]} LIMIT ${LIST_LIMIT * 5}`,
    )
    .bind(f.facet || null);
}

/** Maps and text-filters the result of {@link listPlainStatement}. */
export function plainListFrom<E extends PlainEntity>(
  entity: E,
  res: D1Result<Row> | undefined,
  q = "",
): (PlainState<E> & { label: string })[] {
  const needle = fold(q.trim());
  const label = (r: Row) =>
    entity === "listing"
      ? `${r.product_name} — ${r.channel_name}`
      : entity === "channel"
        ? String(r.name)
        : entity === "support_project"
          ? `${r.title_vi}${r.producer_name ? ` — ${r.producer_name}` : ""}`
          : String(r.label_vi);
  return (res?.results ?? [])
    .filter((r) => !needle || fold(`${label(r)} ${r.key}`).includes(needle))
    .slice(0, LIST_LIMIT)
    .map((r) => ({ ...stateOf(entity, r), label: label(r) }));
}

export const plainNotFound = (entity: PlainEntity, key: string) =>
  new Problem(404, { type: "not-found", detail: `No ${entity.replace("_", " ")} '${key}'` });

/** If-Match against a plain record's ETag (a list, strong comparison; `*` refused); `required` turns a missing one into 428. */
export function checkPlainIfMatch(header: string | undefined, s: PlainState, required: boolean): void {
  if (!ifMatchHolds(header, s.etag, required)) throw plainStale(s);
}

export const plainStale = (s: PlainState) =>
  new Problem(
    412,
    {
      type: "precondition-failed",
      detail: `The record changed: its current ETag is ${s.etag}. Read it again, then retry with that ETag.`,
      current_etag: s.etag,
    },
    { etag: s.etag },
  );

/** Aborts its batch unless the row is still as it was read (see store.ts `guard`: json() of 'stale' raises). */
const plainGuard = (entity: PlainEntity, s: PlainState): Statement => ({
  sql: `SELECT json(CASE WHEN (SELECT updated_at FROM ${TABLE[entity]} WHERE id = ?) IS ? THEN '1' ELSE 'stale' END)`,
  params: [s.id, s.stamp],
});

/** Column values of a record, as SQL expressions with their parameters (references become id lookups). */
function columns(entity: PlainEntity, r: Record<string, unknown>): [string, string, SqlValue[]][] {
  const v = (name: string, value: unknown): [string, string, SqlValue[]] => [
    name,
    "?",
    [value === undefined ? null : (value as SqlValue)],
  ];
  const sample = v("sample", r.provenance === "illustrative" ? 1 : 0);
  switch (entity) {
    case "channel":
      return [
        v("slug", r.slug),
        v("name", r.name),
        v("kind", r.kind),
        v("website", r.website),
        v("description_vi", r.description_vi),
        v("description_en", r.description_en),
        v("sources", JSON.stringify(r.sources ?? [])),
        sample,
        v("provenance", r.provenance),
      ];
    case "listing":
      return [
        ["channel_id", "(SELECT id FROM channels WHERE slug = ?)", [r.channel as string]],
        ["product_id", "(SELECT id FROM products WHERE slug = ?)", [r.product as string]],
        v("status", r.status),
        v("price_vnd", r.price_vnd),
        v("channel_sku", r.channel_sku),
        v("url", r.url),
        v("stores", JSON.stringify(r.stores ?? [])),
        v("note", r.note),
        v("last_verified", r.last_verified),
        v("source_url", r.source_url),
        sample,
        v("provenance", r.provenance),
        // An editor's write is not a retailer key's: the change feed names no key for it.
        ["updated_by", "NULL", []],
      ];
    case "support_project":
      return [
        ["producer_id", "(SELECT id FROM producers WHERE slug = ?)", [(r.producer as string | null) ?? null]],
        v("year", r.year),
        v("fund", r.fund),
        v("amount_vnd", r.amount_vnd),
        v("title_vi", r.title_vi),
        v("title_en", r.title_en),
        v("kind", r.kind),
        v("source_url", r.source_url),
        sample,
        v("provenance", r.provenance),
      ];
    case "programme_figure":
      return [
        v("key", r.key),
        v("group_key", r.group_key),
        v("label_vi", r.label_vi),
        v("label_en", r.label_en),
        v("value", r.value),
        v("unit", r.unit),
        v("fund", r.fund),
        v("period", r.period),
        v("qualifier", r.qualifier),
        v("source_url", r.source_url),
        v("provenance", r.provenance),
      ];
  }
}

function insertStatement(entity: PlainEntity, r: Record<string, unknown>): Statement {
  const cols = columns(entity, r);
  const table = TABLE[entity];
  return {
    sql: `INSERT INTO ${table} (id, ${cols.map(([n]) => n).join(", ")}, updated_at)
      VALUES ((SELECT max(${EDITOR_ID_FLOOR}, coalesce(max(id), 0) + 1) FROM ${table}), ${cols.map(([, e]) => e).join(", ")}, ${NOW})
      RETURNING id`,
    params: cols.flatMap(([, , p]) => p),
  };
}

function updateStatement(entity: PlainEntity, id: number, r: Record<string, unknown>): Statement {
  const cols = columns(entity, r);
  const version = entity === "listing" ? ", version = version + 1" : "";
  return {
    sql: `UPDATE ${TABLE[entity]} SET ${cols.map(([n, e]) => `${n} = ${e}`).join(", ")}${version}, updated_at = ${NOW} WHERE id = ?`,
    params: [...cols.flatMap(([, , p]) => p), id],
  };
}

/** The key a record is found by (what its path names). */
export function keyOf(entity: PlainEntity, r: Record<string, unknown>, id?: number): string {
  if (entity === "channel") return String(r.slug);
  if (entity === "programme_figure") return String(r.key);
  if (entity === "listing") return `${r.channel}/${r.product}`;
  return String(id ?? "");
}

/** References a record makes to others, as existence checks (name of the field, SQL, parameter). */
function references(entity: PlainEntity, r: Record<string, unknown>): [string, string, SqlValue][] {
  if (entity === "listing")
    return [
      ["channel", "SELECT 1 FROM channels WHERE slug = ?", r.channel as string],
      ["product", "SELECT 1 FROM products WHERE slug = ?", r.product as string],
    ];
  if (entity === "support_project" && r.producer)
    return [["producer", "SELECT 1 FROM producers WHERE slug = ?", r.producer as string]];
  return [];
}

async function runWrite(d1: CountedD1, statements: Statement[], onStale: () => Problem) {
  try {
    return await d1.batch<Row>(statements.map((s) => d1.prepare(s.sql).bind(...s.params)));
  } catch (err) {
    if (isGuardFailure(err)) throw onStale();
    if (err instanceof Error && /UNIQUE constraint failed/.test(err.message))
      throw new Problem(409, { type: "conflict", detail: "A record with this key already exists" });
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
    key === null ? d1.prepare("SELECT 1 WHERE 0") : readPlainStatement(d1, entity, key),
    ...refs.map(([, sql, p]) => d1.prepare(sql).bind(p)),
  ];
  const [current, ...found] = await d1.batch<Row>(lookups);
  const missing = refs
    .filter((_, i) => !found[i]?.results.length)
    .map(([name, , p]) => ({ name, reason: `no ${name} '${p}'` }));
  if (missing.length) throw invalidFields(missing);
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
  new Problem(409, {
    type: "retailer-owned",
    detail: `The listing ${s.key} belongs to its channel's retailer API key: ${fields.join(", ")} are set by the retailer's feed. Editors may check it (mark it checked, correct the note or source).`,
    invalid_params: fields.map((name) => ({ name, reason: "is set by the channel's retailer key" })),
  });

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
  if (existing) throw new Problem(409, { type: "conflict", detail: `A ${entity} '${key}' already exists` });
  if (entity === "listing") {
    const [keyed] = await call.d1.batch<Row>([
      call.d1
        .prepare(
          "SELECT 1 FROM api_keys k JOIN channels c ON c.id = k.channel_id WHERE c.slug = ? AND k.revoked_at IS NULL",
        )
        .bind(record.channel as string),
    ]);
    if (keyed?.results.length)
      throw new Problem(409, {
        type: "retailer-owned",
        detail: `The channel '${record.channel}' has a retailer API key: its listings come from the retailer's feed`,
      });
  }
  const ctx = call;
  const insert = insertStatement(entity, record);
  const [inserted] = await runWrite(
    call.d1,
    [
      insert,
      // The new row's id is known only inside the batch: the audit event takes it from the row just written.
      {
        sql: `INSERT INTO audit_events (editor_id, editor_email, via, entity, entity_key, action, changes, address)
          SELECT ?, ?, ?, ?, ${entity === "support_project" ? "CAST(max(id) AS TEXT)" : "?"}, 'create', ?, ? FROM ${TABLE[entity]}`,
        params: [
          ctx.editor.id,
          ctx.editor.email,
          ctx.editor.via,
          entity,
          ...(entity === "support_project" ? [] : [key]),
          JSON.stringify(diff(null, record)),
          ctx.address,
        ],
      },
    ],
    () => new Problem(409, { type: "conflict", detail: `A ${entity} '${key}' was just created` }),
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
    throw invalidFields(
      parsed.error.issues.map((i) => ({ name: i.path.map(String).join(".") || "(body)", reason: i.message })),
    );
  const next = parsed.data as Record<string, unknown>;
  const changes = diff(s.record, next);
  if (entity === "listing") {
    const moved = changes.filter((ch) => ch.field === "channel" || ch.field === "product");
    if (moved.length)
      throw invalidFields(
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
      { sql: `${SELECT[entity]} WHERE t.id = ?`, params: [s.id] },
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
    throw new Problem(409, {
      type: "retailer-owned",
      detail: `The listing ${s.key} belongs to its channel's retailer API key: the retailer removes it (deleteListing)`,
    });
  await runWrite(
    call.d1,
    [
      plainGuard(entity, s),
      { sql: `DELETE FROM ${TABLE[entity]} WHERE id = ?`, params: [s.id] },
      auditStatement(call, entity, s.key, "delete", diff(s.record, null)),
    ],
    () => plainStale(s),
  );
}
