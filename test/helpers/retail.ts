import { env } from "cloudflare:workers";
import { insertKey } from "../../src/platform/db/api-keys.ts";
import { generateApiKey } from "../../src/platform/http/api-key.ts";
import { call } from "./http.ts";

/** Creates an API key for a channel the way `npm run key:create` does (only prefix and hash stored). */
export async function createKey(
  channel: string,
  name = "test key",
  { scopes = "listings webhooks", expiresAt = null }: { scopes?: string; expiresAt?: string | null } = {},
) {
  const { key, prefix, hash } = await generateApiKey();
  const row = await insertKey(env.DB, {
    channel,
    name,
    prefix,
    hash,
    scopes: scopes.split(" "),
    expiresAt,
  }).first<{ id: number }>();
  if (!row) throw new Error(`no channel ${channel}`);
  return { key, prefix, id: row.id };
}

/** A request with a retailer key and a JSON body. */
export function send(
  method: string,
  path: string,
  key: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return call(path, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Reads a response body as JSON (problem+json included). */
export const json = async (res: Response) => JSON.parse(await res.text());

export const listing = (over: Record<string, unknown> = {}) => ({
  status: "in_stock" as const,
  price_vnd: 70000,
  channel_sku: "AEON-1",
  url: "https://aeon.example.vn/p/1",
  stores: [{ name: "AEON Mall Long Biên", city: "Hà Nội", province: "Hà Nội" }],
  note: null,
  ...over,
});
