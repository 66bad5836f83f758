import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import { invalidFields } from "../../platform/http/problem.ts";
import { issuesToParams } from "../../platform/http/validation.ts";
import {
  etag,
  forEditors,
  forPublishers,
  IfMatch,
  ifMatchMissing,
  problem,
  staleProblem,
  tags,
} from "../api/admin.routes.ts";
import { editorCall, requireEditorToken } from "../auth/auth.ts";
import { slugSchema } from "../schemas.ts";
import {
  LIST_LIMIT,
  listPlainStatement,
  type PlainState,
  plainFrom,
  plainListFrom,
  readPlainStatement,
} from "./tables.queries.ts";
import { ListingCheck, PLAIN_SCHEMAS, type PlainEntity } from "./tables.schemas.ts";
import { checkListing, createPlain, deletePlain, plainNotFound, updatePlain } from "./tables.service.ts";

const readErrors = {
  401: { description: "Missing, malformed, unknown or revoked editor token", content: problem },
  403: { description: "A retailer key, or a role too low for this operation", content: problem },
  404: { description: "No such record", content: problem },
} as const;
const writeErrors = {
  ...readErrors,
  409: {
    description: "The key is taken, or the listing belongs to its channel's retailer key",
    content: problem,
  },
  412: {
    description: "If-Match is not the record's current ETag (someone changed it)",
    content: staleProblem,
  },
  422: {
    description: "Invalid fields or unknown references, each named in `invalid_params`",
    content: problem,
  },
} as const;

/** How each entity appears in paths, operationIds and words. */
const META: Record<
  PlainEntity,
  {
    path: string;
    one: string;
    many: string;
    ops: [list: string, get: string, create: string, update: string, remove: string];
    params: z.ZodObject;
    facet: string;
  }
> = {
  channel: {
    path: "/channels",
    one: "retail channel",
    many: "retail channels",
    ops: ["listAdminChannels", "getAdminChannel", "createChannel", "updateChannel", "deleteChannel"],
    params: z.object({
      slug: slugSchema.openapi({ param: { name: "slug", in: "path" }, example: "aeon" }),
    }),
    facet: "Only channels of this kind (supermarket_chain, trade_fair, export_market, online_store)",
  },
  listing: {
    path: "/listings",
    one: "listing",
    many: "listings",
    ops: [
      "listAdminListings",
      "getAdminListing",
      "createAdminListing",
      "updateAdminListing",
      "deleteAdminListing",
    ],
    params: z.object({
      channel: slugSchema.openapi({ param: { name: "channel", in: "path" }, example: "aeon" }),
      product: slugSchema.openapi({
        param: { name: "product", in: "path" },
        example: "mien-dong-tan-viet-a",
      }),
    }),
    facet: "Only listings of this channel (its slug)",
  },
  support_project: {
    path: "/support-projects",
    one: "khuyến công support project",
    many: "khuyến công support projects",
    ops: [
      "listSupportProjects",
      "getSupportProject",
      "createSupportProject",
      "updateSupportProject",
      "deleteSupportProject",
    ],
    params: z.object({
      id: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ param: { name: "id", in: "path" }, example: 1, type: "integer" }),
    }),
    facet: "Only projects of this fund (national or local)",
  },
  programme_figure: {
    path: "/programme-figures",
    one: "programme figure",
    many: "programme figures",
    ops: [
      "listProgrammeFigures",
      "getProgrammeFigure",
      "createProgrammeFigure",
      "updateProgrammeFigure",
      "deleteProgrammeFigure",
    ],
    params: z.object({
      key: z
        .string()
        .max(80)
        .regex(/^[a-z0-9_]+$/)
        .openapi({ param: { name: "key", in: "path" }, example: "projects_total" }),
    }),
    facet: "Only figures of this group (e.g. projects, funding)",
  },
};

const pathOf = (entity: PlainEntity) =>
  `${META[entity].path}/${entity === "listing" ? "{channel}/{product}" : entity === "support_project" ? "{id}" : entity === "channel" ? "{slug}" : "{key}"}`;
const keyFrom = (entity: PlainEntity, p: Record<string, string | number>) =>
  entity === "listing"
    ? `${p.channel}/${p.product}`
    : String(p[entity === "support_project" ? "id" : entity === "channel" ? "slug" : "key"]);

const schemaName = (entity: PlainEntity) =>
  `Admin${entity.replace(/(^|_)(\w)/g, (_, __, ch: string) => ch.toUpperCase())}`;
const PlainResponse = (entity: PlainEntity) =>
  z
    .object({
      entity: z.literal(entity),
      key: z.string().openapi({ description: "What the record's path names" }),
      etag: z.string().openapi({ description: "Send back in If-Match to change or delete it" }),
      record: PLAIN_SCHEMAS[entity],
      retailer_keyed: z.boolean().openapi({
        description:
          "Listings: the channel has a retailer API key, which owns status, price, SKU, link and stores",
      }),
    })
    .openapi(schemaName(entity));

const present = (s: PlainState) => ({
  entity: s.entity,
  key: s.key,
  etag: s.etag,
  record: s.record,
  retailer_keyed: s.retailerKeyed,
});

/** The fields a JSON body actually sent (patch schemas fill in defaults that must not overwrite anything). */
async function sentPatch(c: Context<AppEnv>, patch: Record<string, unknown>) {
  const sent = Object.keys((await c.req.json()) as object);
  return Object.fromEntries(Object.entries(patch).filter(([k]) => sent.includes(k)));
}

/**
 * Registers list, get, create, update and delete of channels, listings, support projects and programme figures
 * on the admin API (and `checkListing`), with stable operationIds. Reads need an editor token; writes a
 * publisher's (src/editor/tables/tables.service.ts says why), except checking a listing.
 */
export function registerTableRoutes(api: OpenAPIHono<AppEnv>) {
  for (const entity of ["channel", "listing", "support_project", "programme_figure"] as const) {
    const m = META[entity];
    const Response = PlainResponse(entity);
    const one = (description: string, status: 200 | 201 = 200) => ({
      [status]: { description, headers: etag, content: { "application/json": { schema: Response } } },
    });
    const [listOp, getOp, createOp, updateOp, deleteOp] = m.ops;
    const single = async (c: Context<AppEnv>, key: string, status: 200 | 201 = 200) => {
      const d1 = c.get("d1");
      const [res] = await d1.batch([readPlainStatement(d1, entity, key)]);
      const s = plainFrom(entity, res as D1Result<Record<string, unknown>>);
      if (!s) throw plainNotFound(entity, key);
      return c.json(present(s), status, { etag: s.etag });
    };

    api.openapi(
      createRoute({
        method: "get",
        path: m.path,
        operationId: listOp,
        tags,
        ...forEditors,
        summary: `The ${m.many}, for editors (at most ${LIST_LIMIT})`,
        description: `Every ${m.one} with its ETag. \`q\` matches names without accents; \`facet\` narrows the list.${entity === "listing" ? " stale=true keeps only listings not checked for 90 days." : ""}`,
        middleware: [requireEditorToken("editor")] as const,
        request: {
          query: z
            .object({
              q: z
                .string()
                .max(200)
                .optional()
                .openapi({ description: "Words of the name (accents optional)" }),
              facet: z.string().max(120).optional().openapi({ description: m.facet }),
              stale: z.enum(["true", "false"]).optional().openapi({
                description: "Listings only: true keeps those not checked for 90 days",
              }),
            })
            .strict(),
        },
        responses: {
          200: {
            description: `The ${m.many}`,
            content: { "application/json": { schema: z.object({ data: z.array(Response) }) } },
          },
          401: readErrors[401],
          403: readErrors[403],
        },
      }),
      (async (c: Context<AppEnv>) => {
        const q = c.req.query();
        const d1 = c.get("d1");
        const [res] = await d1.batch([
          listPlainStatement(d1, entity, { facet: q.facet, stale: q.stale === "true" }),
        ]);
        const rows = plainListFrom(entity, res as D1Result<Record<string, unknown>>, q.q ?? "");
        return c.json({ data: rows.map(present) }, 200);
      }) as never,
    );

    api.openapi(
      createRoute({
        method: "get",
        path: pathOf(entity),
        operationId: getOp,
        tags,
        ...forEditors,
        summary: `One ${m.one} as editors see it, with its ETag`,
        description:
          "The record as the public sees it (there are no drafts of these), with the ETag to send back in If-Match to change or delete it. Listings also say whether a retailer key owns their channel.",
        middleware: [requireEditorToken("editor")] as const,
        request: { params: m.params },
        responses: { ...one(`The ${m.one}`), ...readErrors },
      }),
      ((c: Context<AppEnv>) => single(c, keyFrom(entity, c.req.param() as Record<string, string>))) as never,
    );

    api.openapi(
      createRoute({
        method: "post",
        path: m.path,
        operationId: createOp,
        tags,
        ...forPublishers,
        summary: `Add a ${m.one} (publishers; public at once)`,
        description:
          entity === "listing"
            ? "For channels without a retailer API key (fairs, export markets); a keyed channel's listings come from its feed (409)."
            : `A ${m.one} has no draft: it is public as soon as it is added, so adding one is a publisher's act.`,
        middleware: [requireEditorToken("publisher")] as const,
        request: {
          body: { required: true, content: { "application/json": { schema: PLAIN_SCHEMAS[entity] } } },
        },
        responses: { ...one(`The new ${m.one}`, 201), ...writeErrors },
      }),
      (async (c: Context<AppEnv>) => {
        const s = await createPlain(
          editorCall(c),
          entity,
          (c.req as { valid: (t: "json") => never }).valid("json"),
        );
        c.header("location", `/api/v1/admin${m.path}/${s.key}`);
        return c.json(present(s), 201, { etag: s.etag });
      }) as never,
    );

    api.openapi(
      createRoute({
        method: "patch",
        path: pathOf(entity),
        operationId: updateOp,
        tags,
        ...forPublishers,
        summary: `Change a ${m.one} (publishers; public at once)`,
        description: `Fields given replace the record's; \`If-Match\` is required.${entity === "listing" ? " On a channel with a retailer key, status, price, SKU, link and stores are the retailer's (409); use checkListing." : ""}`,
        middleware: [requireEditorToken("publisher")] as const,
        request: {
          params: m.params,
          headers: IfMatch,
          body: {
            required: true,
            content: {
              "application/json": {
                schema: (PLAIN_SCHEMAS[entity] as z.ZodObject)
                  .partial()
                  .strict()
                  .openapi(`${schemaName(entity)}Patch`),
              },
            },
          },
        },
        responses: {
          ...one(`The changed ${m.one}`),
          ...ifMatchMissing,
          ...writeErrors,
        },
      }),
      (async (c: Context<AppEnv>) => {
        const key = keyFrom(entity, c.req.param() as Record<string, string>);
        const patch = await sentPatch(
          c,
          (c.req as { valid: (t: "json") => Record<string, unknown> }).valid("json"),
        );
        const s = await updatePlain(editorCall(c), entity, key, patch, c.req.header("if-match"));
        return c.json(present(s), 200, { etag: s.etag });
      }) as never,
    );

    api.openapi(
      createRoute({
        method: "delete",
        path: pathOf(entity),
        operationId: deleteOp,
        tags,
        ...forPublishers,
        summary: `Delete a ${m.one} (publishers)`,
        description:
          entity === "listing" || entity === "channel"
            ? "The change feed keeps a tombstone (for a channel: one for each of its listings)."
            : "Not in the change feed; the audit trail keeps what was deleted.",
        middleware: [requireEditorToken("publisher")] as const,
        request: { params: m.params, headers: IfMatch },
        responses: { 204: { description: "Deleted" }, ...writeErrors },
      }),
      (async (c: Context<AppEnv>) => {
        const key = keyFrom(entity, c.req.param() as Record<string, string>);
        await deletePlain(editorCall(c), entity, key, c.req.header("if-match"));
        return c.body(null, 204);
      }) as never,
    );
  }

  api.openapi(
    createRoute({
      method: "post",
      path: "/listings/{channel}/{product}/check",
      operationId: "checkListing",
      tags,
      ...forEditors,
      summary: "Mark a listing checked today, optionally correcting its note or source (editors)",
      description:
        "Allowed on every listing, also one a retailer key keeps: it changes nothing the retailer's feed sets. `If-Match` is optional (a stale one is refused).",
      middleware: [requireEditorToken("editor")] as const,
      request: {
        params: META.listing.params,
        headers: IfMatch,
        body: { required: false, content: { "application/json": { schema: ListingCheck } } },
      },
      responses: {
        200: {
          description: "The checked listing",
          headers: etag,
          content: { "application/json": { schema: PlainResponse("listing") } },
        },
        ...writeErrors,
      },
    }),
    (async (c: Context<AppEnv>) => {
      const p = c.req.param() as Record<string, string>;
      const raw = (c.req.header("content-type") ?? "").includes("json") ? await c.req.json() : {};
      const parsed = ListingCheck.safeParse(raw ?? {});
      if (!parsed.success) throw invalidFields(issuesToParams(parsed.error.issues));
      const body = parsed.data;
      const s = await checkListing(
        editorCall(c),
        `${p.channel}/${p.product}`,
        body,
        c.req.header("if-match"),
      );
      return c.json(present(s), 200, { etag: s.etag });
    }) as never,
  );
}
