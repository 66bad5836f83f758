// The enquiry inbox through the editors' API (/api/v1/admin/enquiries), for editor tokens: list (filter by
// status, producer and age), read one with its audit trail, change its status (forwarding is a publisher's and
// emails the producer), erase its personal details. Producers' accounts have no tokens (src/editor/people/people.service.ts).
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ENQUIRY_KINDS, ENQUIRY_STATUSES } from "../../platform/db/schema.ts";
import { queueEnquiryNotice } from "../../platform/enquiry-notices.ts";
import type { AppEnv } from "../../platform/env.ts";
import { invalidFields, Problem } from "../../platform/http/problem.ts";
import { decimal, ProblemSchema, slug } from "../../platform/http/schemas.ts";
import { forEditors } from "../api/admin.routes.ts";
import { callerAddress, ensureEditor, requireEditorToken } from "../auth/auth.ts";
import { type Actor, eraseEnquiry, getEnquiry, listEnquiries, maySet, setStatus } from "./inbox-store.ts";

const problem = { "application/problem+json": { schema: ProblemSchema } };
const tags = ["Editors"];
const errors = {
  401: { description: "Missing, malformed, unknown or revoked editor token", content: problem },
  403: { description: "A retailer key, or a role too low for this operation", content: problem },
} as const;
const Ref = z.object({
  ref: z
    .string()
    .regex(/^[a-z2-9]{12}$/, "must be an enquiry reference (12 characters)")
    .openapi({ param: { name: "ref", in: "path" }, example: "k3mz8q2wn4xa" }),
});

const Enquiry = z
  .object({
    id: z.string(),
    created_at: z.string(),
    status: z.enum(ENQUIRY_STATUSES),
    kind: z.enum(ENQUIRY_KINDS),
    product: z.string().nullable(),
    producer: z.string().nullable().openapi({ description: "Null for an enquiry about a product kind" }),
    product_kind: z
      .string()
      .nullable()
      .openapi({ description: "The product kind asked about (slug), if any" }),
    name: z.string().nullable().openapi({ description: "Null once erased" }),
    organisation: z.string().nullable(),
    channel: z.string().nullable().openapi({ description: "The chain whose API key sent it" }),
    erased: z.boolean(),
  })
  .openapi("AdminEnquiry");
const EnquiryDetail = Enquiry.extend({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  quantity: z.string().nullable(),
  message: z.string().nullable(),
  consent_version: z.string(),
  via: z.string(),
  audit: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), changes: z.unknown() })),
}).openapi("AdminEnquiryDetail");

export const list = createRoute({
  method: "get",
  path: "/enquiries",
  operationId: "listEnquiries",
  tags,
  ...forEditors,
  summary: "Buyers' enquiries, newest first (at most 200)",
  description:
    "The centre's inbox: each enquiry's subject, kind, status and the enquirer's name (null once erased), with how many enquiries each status holds. Filter by status, producer and age.",
  middleware: [requireEditorToken("editor")] as const,
  request: {
    query: z
      .object({
        status: z.enum(ENQUIRY_STATUSES).optional(),
        producer: z.string().max(120).optional().openapi({ description: "A producer's slug" }),
        days: decimal(1, 3650)
          .optional()
          .openapi({ description: "At most this many days old", type: "integer" }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "Enquiries and how many each status holds",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(Enquiry), counts: z.record(z.string(), z.number().int()) }),
        },
      },
    },
    ...errors,
    400: { description: "Invalid query parameter", content: problem },
  },
});

export const getOne = createRoute({
  method: "get",
  path: "/enquiries/{ref}",
  operationId: "getEnquiry",
  tags,
  ...forEditors,
  summary: "One enquiry with the enquirer's contact and its audit trail",
  description:
    "The enquirer's email or phone, message and consent version (null once erased), and every status change with who made it.",
  middleware: [requireEditorToken("editor")] as const,
  request: { params: Ref },
  responses: {
    200: { description: "The enquiry", content: { "application/json": { schema: EnquiryDetail } } },
    ...errors,
    404: { description: "No such enquiry", content: problem },
  },
});

export const patch = createRoute({
  method: "patch",
  path: "/enquiries/{ref}",
  operationId: "setEnquiryStatus",
  tags,
  ...forEditors,
  summary: "Change an enquiry's status (`forwarded`: publishers; emails the producer's accounts)",
  description:
    "Audited with the status before and after. Forwarding emails the enquiry, contact included (the enquirer consented), to the producer's verified accounts, through the queue. An enquiry about a product kind has no producer (`producer: null`): forwarding it names one (`producer`, a real producer's slug), which becomes its producer — otherwise 422.",
  middleware: [requireEditorToken("editor")] as const,
  request: {
    params: Ref,
    body: {
      content: {
        "application/json": {
          schema: z
            .object({
              status: z.enum(ENQUIRY_STATUSES),
              producer: slug().optional().openapi({
                description:
                  "With `forwarded`, for an enquiry about a product kind (no producer yet): the producer it is routed to",
              }),
            })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    200: { description: "The enquiry now", content: { "application/json": { schema: EnquiryDetail } } },
    ...errors,
    404: { description: "No such enquiry", content: problem },
    422: {
      description: "Invalid status, or a kind's enquiry forwarded without a real producer",
      content: problem,
    },
  },
});

export const erase = createRoute({
  method: "post",
  path: "/enquiries/{ref}/erase",
  operationId: "eraseEnquiry",
  tags,
  ...forEditors,
  summary: "Erase an enquiry's personal details at once (the enquirer's request under Decree 13/2023/NĐ-CP)",
  description:
    "Name, contact, organisation, quantity and message are set to null for good; the kind, subject, status and dates remain. Audited.",
  middleware: [requireEditorToken("editor")] as const,
  request: { params: Ref },
  responses: {
    200: { description: "The enquiry now", content: { "application/json": { schema: EnquiryDetail } } },
    ...errors,
    404: { description: "No such enquiry", content: problem },
  },
});

/** Editors and publishers through a token see every enquiry; the actor is who the token belongs to. */
const tokenActor = async (c: Parameters<typeof ensureEditor>[0]): Promise<Actor> => {
  const e = await ensureEditor(c);
  return { id: e.id, email: e.email, role: e.role, via: "api", address: callerAddress(c) };
};
// A read's scope does not depend on who reads (tokens belong to editors and publishers only), so a list or a read
// costs one round trip: the token is checked in the same batch.
const READER: Actor = { id: 0, email: "", role: "editor", via: "api", address: null };

const notFound = (ref: string) => new Problem(404, { type: "not-found", detail: `No enquiry '${ref}'` });

async function detail(c: Parameters<typeof ensureEditor>[0], ref: string) {
  const e = await getEnquiry(c.get("d1"), READER, ref);
  if (!e) throw notFound(ref);
  return {
    id: e.ref,
    created_at: e.created_at,
    status: e.status,
    kind: e.kind as (typeof ENQUIRY_KINDS)[number],
    product: e.product_slug,
    producer: e.producer_slug,
    product_kind: e.kind_slug,
    name: e.name,
    organisation: e.organisation,
    channel: e.channel_name,
    erased: e.erased_at !== null,
    email: e.email,
    phone: e.phone,
    quantity: e.quantity,
    message: e.message,
    consent_version: e.consent_version,
    via: e.via,
    audit: e.audit.map((a) => ({
      at: a.at,
      by: a.editor_email,
      action: a.action,
      changes: JSON.parse(a.changes),
    })),
  };
}

/** Adds the enquiry routes to the editors' API. */
export function registerEnquiryRoutes(api: OpenAPIHono<AppEnv>) {
  api
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      const { rows, counts } = await listEnquiries(c.get("d1"), READER, {
        status: q.status,
        producer: q.producer,
        days: q.days,
      });
      return c.json(
        {
          data: rows.map((r) => ({
            id: r.ref,
            created_at: r.created_at,
            status: r.status,
            kind: r.kind as (typeof ENQUIRY_KINDS)[number],
            product: r.product_name,
            producer: r.producer_slug,
            product_kind: r.kind_slug,
            name: r.name,
            organisation: r.organisation,
            channel: r.channel_name,
            erased: r.erased_at !== null,
          })),
          counts,
        },
        200,
      );
    })
    .openapi(getOne, async (c) => c.json(await detail(c, c.req.valid("param").ref), 200))
    .openapi(patch, async (c) => {
      const { ref } = c.req.valid("param");
      const { status, producer } = c.req.valid("json");
      const actor = await tokenActor(c);
      if (!maySet(actor, status))
        throw new Problem(403, { type: "forbidden", detail: "Forwarding needs the 'publisher' role" });
      const outcome = await setStatus(c.get("d1"), actor, ref, status, producer);
      if (outcome === "not-found") throw notFound(ref);
      if (outcome === "needs-producer")
        throw invalidFields(
          [
            {
              name: "producer",
              reason: "an enquiry about a product kind is forwarded to a real producer: name its slug",
            },
          ],
          "This enquiry has no producer yet",
        );
      if (outcome === "changed" && status === "forwarded")
        queueEnquiryNotice(c.env, c.executionCtx, ref, "forwarded");
      return c.json(await detail(c, ref), 200);
    })
    .openapi(erase, async (c) => {
      const { ref } = c.req.valid("param");
      const outcome = await eraseEnquiry(c.get("d1"), await tokenActor(c), ref);
      if (outcome === "not-found") throw notFound(ref);
      return c.json(await detail(c, ref), 200);
    });
}
