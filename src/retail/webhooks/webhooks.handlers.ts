import type { Context } from "hono";
import { allowsLoopbackWebhooks } from "../../platform/config.ts";
import { keysetPage } from "../../platform/db/pagination.ts";
import type { AppEnv } from "../../platform/env.ts";
import { sha256Hex } from "../../platform/http/api-key.ts";
import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { invalidFields, Problem } from "../../platform/http/problem.ts";
import { cursorKeys, decodeCursor } from "../../platform/lib/cursor.ts";
import { credentialOf, verifyKey } from "../keys/auth.ts";
import { sendSigned } from "./deliver.ts";
import { urlProblem } from "./guard.ts";
import { generateMessageId, generateWebhookSecret } from "./signature.ts";
import * as queries from "./webhooks.queries.ts";
import type {
  CreateRoute,
  DeliveriesRoute,
  GetOneRoute,
  ListRoute,
  PingRoute,
  RemoveRoute,
  RotateRoute,
  UpdateRoute,
} from "./webhooks.routes.ts";

const noEndpoint = (channel: string, id: string) =>
  new Problem(404, { type: "not-found", detail: `Channel '${channel}' has no webhook endpoint '${id}'` });

/**
 * A channel's own data: never stored by a cache, and tagged by its content (not by the catalogue's version, which
 * endpoint changes do not move), so `If-None-Match` stays right.
 */
async function privateResponse(c: Context<AppEnv>, body: unknown): Promise<void> {
  c.header("cache-control", "no-store");
  c.header("etag", `W/"${(await sha256Hex(JSON.stringify(body))).slice(0, 32)}"`);
}

/** 422 naming `url` when the sender guard refuses it as written. */
function checkUrl(c: Context<AppEnv>, url: string | undefined): void {
  if (url === undefined) return;
  const problem = urlProblem(url, { allowLoopback: allowsLoopbackWebhooks(c.env) });
  if (problem) throw invalidFields([{ name: "url", reason: problem }]);
}

/** Another endpoint of the channel already has this URL: one URL, one endpoint (change its events instead). */
const duplicateEndpoint = (channel: string, existing: string) =>
  new Problem(409, {
    type: "duplicate-endpoint",
    detail: `Channel '${channel}' already has the webhook endpoint '${existing}' with this URL; change its events instead of registering the URL again`,
    existing,
    invalid_params: [{ name: "url", reason: `already registered as ${existing}` }],
  });

const newEndpointId = () =>
  `ep_${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("")}`;

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { channel } = c.req.valid("param");
  const { limit, cursor } = c.req.valid("query");
  const secret = cursorKeys(c.env);
  const scope = `webhook-endpoints|${channel}`;
  const after = cursor ? await decodeCursor(secret, cursor, scope, 2) : null;
  const { key, result } = await queries.listEndpoints(
    c.get("d1"),
    credentialOf(c),
    after ? [String(after[0]), String(after[1])] : null,
    limit,
  );
  await verifyKey(c, key);
  const page = await keysetPage(result, limit, { secret, scope, keyOf: (e) => [e.created_at, e.id] });
  const body = {
    data: page.items,
    page: { limit, has_more: page.hasMore, next_cursor: page.nextCursor },
  };
  await privateResponse(c, body);
  return c.json(body, 200);
};

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const { channel } = c.req.valid("param");
  const input = c.req.valid("json");
  checkUrl(c, input.url);
  const secret = generateWebhookSecret();
  const { key, result } = await queries.createEndpoint(
    c.get("d1"),
    credentialOf(c),
    newEndpointId(),
    secret,
    input,
  );
  await verifyKey(c, key);
  if (result === "too-many") {
    throw new Problem(409, {
      type: "too-many-endpoints",
      detail: `Channel '${channel}' has ${queries.MAX_ENDPOINTS_PER_CHANNEL} webhook endpoints already; delete one first`,
    });
  }
  if ("duplicate" in result) throw duplicateEndpoint(channel, result.duplicate);
  c.header("cache-control", "no-store");
  c.header("location", `/api/v1/channels/${channel}/webhooks/${result.id}`);
  return c.json({ ...result, secret }, 201);
};

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
  const { channel, endpoint } = c.req.valid("param");
  const { key, result } = await queries.getEndpoint(c.get("d1"), credentialOf(c), endpoint);
  await verifyKey(c, key);
  if (!result) throw noEndpoint(channel, endpoint);
  await privateResponse(c, result);
  return c.json(result, 200);
};

export const update: AppRouteHandler<UpdateRoute> = async (c) => {
  const { channel, endpoint } = c.req.valid("param");
  const patch = c.req.valid("json");
  checkUrl(c, patch.url);
  const { key, result } = await queries.updateEndpoint(c.get("d1"), credentialOf(c), endpoint, patch);
  await verifyKey(c, key);
  if (!result) throw noEndpoint(channel, endpoint);
  if ("duplicate" in result) throw duplicateEndpoint(channel, result.duplicate);
  c.header("cache-control", "no-store");
  return c.json(result, 200);
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
  const { channel, endpoint } = c.req.valid("param");
  const { key, result } = await queries.deleteEndpoint(c.get("d1"), credentialOf(c), endpoint);
  await verifyKey(c, key);
  if (!result) throw noEndpoint(channel, endpoint);
  return c.body(null, 204);
};

export const rotate: AppRouteHandler<RotateRoute> = async (c) => {
  const { channel, endpoint } = c.req.valid("param");
  const { overlap } = c.req.valid("query");
  const secret = generateWebhookSecret();
  const { key, result } = await queries.rotateSecret(c.get("d1"), credentialOf(c), endpoint, secret, overlap);
  await verifyKey(c, key);
  if (!result) throw noEndpoint(channel, endpoint);
  c.header("cache-control", "no-store");
  return c.json({ ...result, secret }, 200);
};

/**
 * Sends the endpoint a signed `webhook.ping` now and answers with what came of it: a receiver is checked before
 * any change reaches it. Not a change: nothing is stored, nothing retried.
 */
export const ping: AppRouteHandler<PingRoute> = async (c) => {
  const { channel, endpoint } = c.req.valid("param");
  const { key, result } = await queries.pingTarget(c.get("d1"), credentialOf(c), endpoint);
  await verifyKey(c, key);
  if (!result) throw noEndpoint(channel, endpoint);
  const id = generateMessageId();
  const timestamp = new Date().toISOString();
  const body = JSON.stringify({ type: "webhook.ping", timestamp, data: { channel, endpoint } });
  const sent = await sendSigned(c.env, result.url, result.secrets, id, body);
  c.header("cache-control", "no-store");
  return c.json(
    {
      id,
      delivered: sent.error === null,
      response_status: sent.status,
      latency_ms: sent.latency_ms,
      error: sent.error,
    },
    200,
  );
};

export const deliveries: AppRouteHandler<DeliveriesRoute> = async (c) => {
  const { channel, endpoint } = c.req.valid("param");
  const { limit, cursor } = c.req.valid("query");
  const secret = cursorKeys(c.env);
  const scope = `webhook-deliveries|${endpoint}`;
  const before = cursor ? Number((await decodeCursor(secret, cursor, scope, 1))[0]) : null;
  const { key, result } = await queries.listDeliveries(c.get("d1"), credentialOf(c), endpoint, before, limit);
  await verifyKey(c, key);
  if (!result) throw noEndpoint(channel, endpoint);
  const page = await keysetPage(result, limit, { secret, scope, keyOf: (d) => [d.seq] });
  const body = {
    data: page.items,
    page: { limit, has_more: page.hasMore, next_cursor: page.nextCursor },
  };
  await privateResponse(c, body);
  return c.json(body, 200);
};
