import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { toStatement } from "../../platform/db/client.ts";
import { auditEvents as a } from "../../platform/db/schema.ts";
import type { AppEnv } from "../../platform/env.ts";
import { Problem } from "../../platform/http/problem.ts";
import { editorCall } from "../auth/auth.ts";
import { exportCsv, importCsv } from "../import/import.ts";
import {
  createDraft,
  createRecognitionDraft,
  deleteRecord,
  notFound,
  present,
  publishProducerDraft,
  publishProductDraft,
  type ReadBack,
  savePhoto,
  updateDraft,
} from "../records/records.service.ts";
import {
  type Entity,
  etagOf,
  productBundleFrom,
  productBundleStatements,
  type RecordState,
  stateFromResults,
  stateStatements,
} from "../records/store.ts";
import type * as routes from "./admin.routes.ts";
import type * as records from "./records.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

const respond = (
  c: Context<AppEnv>,
  entity: Entity,
  s: RecordState<unknown>,
  status: 200 | 201,
  extra: object = {},
) => c.json({ ...present(entity, s), ...extra }, status, { etag: etagOf(s) });

/** The product response, read back at the end of a write's batch (or on its own for a read). */
const productBack = (c: Context<AppEnv>, slug: string, status: 200 | 201 = 200): ReadBack<Response> => ({
  statements: productBundleStatements(c.get("d1"), slug),
  map: (results) => {
    const bundle = productBundleFrom(slug, results);
    if (!bundle.product.live && !bundle.product.draft) throw notFound("product", slug);
    return respond(c, "product", bundle.product, status, {
      recognitions: bundle.recognitions.map((r) => present("recognition", r)),
    });
  },
});
const stateBack = (
  c: Context<AppEnv>,
  entity: Entity,
  key: string,
  status: 200 | 201 = 200,
): ReadBack<Response> => ({
  statements: stateStatements(c.get("d1"), entity, key),
  map: (results) => {
    const s = stateFromResults(entity, key, results);
    if (!s.live && !s.draft) throw notFound(entity, key);
    return respond(c, entity, s, status);
  },
});
const readBack = async (c: Context<AppEnv>, back: ReadBack<Response>) =>
  back.map(await c.get("d1").batch(back.statements));
const productResponse = (c: Context<AppEnv>, slug: string, status: 200 | 201 = 200) =>
  readBack(c, productBack(c, slug, status));
const stateResponse = (c: Context<AppEnv>, entity: Entity, key: string, status: 200 | 201 = 200) =>
  readBack(c, stateBack(c, entity, key, status));

/** The fields a JSON body actually sent (patch schemas fill in defaults that must not overwrite anything). */
async function sentPatch(c: Context<AppEnv>, patch: Record<string, unknown>) {
  const sent = Object.keys((await c.req.json()) as object);
  return Object.fromEntries(Object.entries(patch).filter(([k]) => sent.includes(k)));
}

const ifMatch = (c: Context<AppEnv>) => c.req.header("if-match");

export const getProduct: H<typeof records.getProduct> = (c) =>
  productResponse(c, c.req.valid("param").slug) as never;

export const createProduct: H<typeof records.createProduct> = async (c) => {
  const record = c.req.valid("json");
  c.header("location", `/api/v1/admin/products/${record.slug}`);
  return (await createDraft(editorCall(c), "product", record, productBack(c, record.slug, 201))) as never;
};

export const updateProduct: H<typeof records.updateProduct> = async (c) => {
  const { slug } = c.req.valid("param");
  const patch = await sentPatch(c, c.req.valid("json"));
  return (await updateDraft(editorCall(c), "product", slug, patch, ifMatch(c), productBack(c, slug)))
    .back as never;
};

export const publishProduct: H<typeof records.publishProduct> = async (c) => {
  const { slug } = c.req.valid("param");
  return (await publishProductDraft(editorCall(c), slug, ifMatch(c), productBack(c, slug))) as never;
};

export const deleteProduct: H<typeof records.deleteProduct> = async (c) => {
  await deleteRecord(editorCall(c), "product", c.req.valid("param").slug, ifMatch(c));
  return c.body(null, 204) as never;
};

export const uploadProductPhoto: H<typeof records.uploadProductPhoto> = async (c) => {
  const { slug } = c.req.valid("param");
  const { photo, alt_vi, alt_en } = c.req.valid("form");
  await savePhoto(editorCall(c), slug, photo, alt_vi, alt_en, ifMatch(c));
  return productResponse(c, slug) as never;
};

export const uploadProducerPhoto: H<typeof records.uploadProducerPhoto> = async (c) => {
  const { slug } = c.req.valid("param");
  const { photo, alt_vi, alt_en } = c.req.valid("form");
  await savePhoto(editorCall(c), slug, photo, alt_vi, alt_en, ifMatch(c), "producer");
  return stateResponse(c, "producer", slug) as never;
};

export const getProducer: H<typeof records.getProducer> = (c) =>
  stateResponse(c, "producer", c.req.valid("param").slug) as never;

export const createProducer: H<typeof records.createProducer> = async (c) => {
  const record = c.req.valid("json");
  c.header("location", `/api/v1/admin/producers/${record.slug}`);
  return (await createDraft(
    editorCall(c),
    "producer",
    record,
    stateBack(c, "producer", record.slug, 201),
  )) as never;
};

export const updateProducer: H<typeof records.updateProducer> = async (c) => {
  const { slug } = c.req.valid("param");
  const patch = await sentPatch(c, c.req.valid("json"));
  return (
    await updateDraft(editorCall(c), "producer", slug, patch, ifMatch(c), stateBack(c, "producer", slug))
  ).back as never;
};

export const publishProducer: H<typeof records.publishProducer> = async (c) => {
  const { slug } = c.req.valid("param");
  return (await publishProducerDraft(
    editorCall(c),
    slug,
    ifMatch(c),
    stateBack(c, "producer", slug),
  )) as never;
};

export const getRecognition: H<typeof records.getRecognition> = (c) =>
  stateResponse(c, "recognition", String(c.req.valid("param").id)) as never;

export const createRecognition: H<typeof records.createRecognition> = async (c) => {
  const key = await createRecognitionDraft(editorCall(c), c.req.valid("json"));
  c.header("location", `/api/v1/admin/recognitions/${key}`);
  return stateResponse(c, "recognition", key, 201) as never;
};

export const updateRecognition: H<typeof records.updateRecognition> = async (c) => {
  const key = String(c.req.valid("param").id);
  const patch = await sentPatch(c, c.req.valid("json"));
  return (
    await updateDraft(editorCall(c), "recognition", key, patch, ifMatch(c), stateBack(c, "recognition", key))
  ).back as never;
};

export const deleteRecognition: H<typeof records.deleteRecognition> = async (c) => {
  await deleteRecord(editorCall(c), "recognition", String(c.req.valid("param").id), ifMatch(c));
  return c.body(null, 204) as never;
};

export const importCatalogue: H<typeof routes.importCatalogue> = async (c) => {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "text/csv") {
    throw new Problem(415, {
      type: "unsupported-media-type",
      detail: `Send the file as text/csv (got ${type ? `'${type}'` : "no Content-Type"})`,
    });
  }
  const { kind, dry_run } = c.req.valid("query");
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const report = await importCsv(c.get("d1"), {
    kind,
    bytes,
    apply: dry_run === "false",
    ctx: Object.assign(editorCall(c), { via: "import" as const }),
  });
  if (report.applied === false && dry_run === "false") {
    throw new Problem(422, {
      type: "import-refused",
      detail: `${report.counts.refuse} row(s) refused; nothing was written`,
      report,
    });
  }
  return c.json(report, 200) as never;
};

export const exportCatalogue: H<typeof routes.exportCatalogue> = async (c) => {
  const { kind } = c.req.valid("param");
  const csv = await exportCsv(c.get("d1"), kind);
  return c.body(csv, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${kind}.csv"`,
  }) as never;
};

interface AuditRow {
  id: number;
  at: string;
  editor_email: string;
  via: "page" | "api" | "import" | "cli";
  entity: string;
  entity_key: string;
  action: string;
  changes: string;
}

/** Audit events newest first, of an entity and key when given, before an id when given. */
const auditPage = (entity: string | null, key: string | null, before: number | null, limit: number) =>
  sql`SELECT ${a.id}, ${a.at}, ${a.editorEmail}, ${a.via}, ${a.entity}, ${a.entityKey}, ${a.action}, ${a.changes} FROM ${a}
       WHERE (${entity} IS NULL OR ${a.entity} = ${entity}) AND (${key} IS NULL OR ${a.entityKey} = ${key})
         AND (${before} IS NULL OR ${a.id} < ${before})
       ORDER BY ${a.id} DESC LIMIT ${limit}`;

export const listAuditEvents: H<typeof routes.listAuditEvents> = async (c) => {
  const q = c.req.valid("query");
  const d1 = c.get("d1");
  const [found] = await d1.batch<AuditRow>([
    toStatement(d1, auditPage(q.entity ?? null, q.key ?? null, q.before ?? null, q.limit + 1)),
  ]);
  const results = found?.results ?? [];
  const page = results.slice(0, q.limit);
  return c.json(
    {
      data: page.map((r) => ({
        id: r.id,
        at: r.at,
        editor: r.editor_email,
        via: r.via,
        entity: r.entity,
        key: r.entity_key,
        action: r.action,
        changes: JSON.parse(r.changes),
      })),
      next_before: results.length > q.limit ? (page.at(-1)?.id ?? null) : null,
    },
    200,
  ) as never;
};
