import { env } from "cloudflare:workers";
import { generateEditorToken, hashPassword } from "../../src/editor/auth/crypto.ts";
import { generateApiKey } from "../../src/platform/http/api-key.ts";
import { call } from "../helpers/http.ts";

/** Makes an editor and an API token the way `npm run editor:create` and `editor:token` do (only hashes stored). */
export async function createEditor(
  email: string,
  role: "editor" | "publisher",
  password = "correct horse battery staple",
) {
  const row = await env.DB.prepare(
    "INSERT INTO editors (email, role, password_hash) VALUES (?, ?, ?) RETURNING id",
  )
    .bind(email, role, await hashPassword(password))
    .first<{ id: number }>();
  const { token, prefix, hash } = await generateEditorToken();
  await env.DB.prepare("INSERT INTO editor_tokens (editor_id, name, prefix, hash) VALUES (?, 'test', ?, ?)")
    .bind(row?.id, prefix, hash)
    .run();
  return { id: row?.id ?? 0, email, token, prefix, password };
}

/** A request to the admin API with an editor token (or any Authorization) and a JSON body. */
export function admin(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return call(`/api/v1/admin${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined
        ? {
            "content-type":
              typeof body === "string" || ArrayBuffer.isView(body) ? "text/csv" : "application/json",
          }
        : {}),
      ...headers,
    },
    body:
      body === undefined
        ? undefined
        : typeof body === "string" || ArrayBuffer.isView(body)
          ? (body as BodyInit)
          : JSON.stringify(body),
  });
}

export const producer = (over: Record<string, unknown> = {}) => ({
  slug: "htx-thu-nghiem",
  name: "HTX Thử Nghiệm",
  legal_type: "cooperative",
  district: "Hòa An",
  sources: ["https://caobang.gov.vn/thu-nghiem"],
  ...over,
});

export const product = (over: Record<string, unknown> = {}) => ({
  slug: "banh-khao-thu-nghiem",
  producer: "htx-thu-nghiem",
  name_vi: "Bánh khảo Thử Nghiệm",
  name_en: "Test rice cake",
  product_group: "processed_food",
  category_vi: "Bánh",
  category_en: "Cakes",
  description_vi: "Bánh khảo làm từ gạo nếp.",
  sources: ["https://caobang.gov.vn/banh-khao"],
  ...over,
});

export const recognition = (over: Record<string, unknown> = {}) => ({
  product: "banh-khao-thu-nghiem",
  scheme: "ocop",
  stars: 4,
  year: 2024,
  title_vi: "OCOP 4 sao",
  title_en: "OCOP 4 stars",
  issuer: "UBND tỉnh Cao Bằng",
  decision_number: "123/QĐ-UBND",
  source_url: "https://caobang.gov.vn/ocop-2024",
  ...over,
});

export const body = async (res: Response) => {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
};

/** A retailer key of a channel, as `npm run key:create` makes it. */
export async function createRetailerKey(channel: string): Promise<string> {
  const { key, prefix, hash } = await generateApiKey();
  await env.DB.prepare(
    "INSERT INTO api_keys (channel_id, name, prefix, hash) SELECT id, 'k', ?, ? FROM channels WHERE slug = ?",
  )
    .bind(prefix, hash, channel)
    .run();
  return key;
}

/** The change feed's operations for one record, oldest first (what a mirror would replay). */
export const changesOf = async (entity: string, key: string) =>
  (
    await env.DB.prepare("SELECT op FROM changes WHERE entity = ? AND entity_key = ? ORDER BY seq")
      .bind(entity, key)
      .all<{ op: string }>()
  ).results.map((r) => r.op);
