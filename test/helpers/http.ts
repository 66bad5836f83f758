import { exports } from "cloudflare:workers";

const BASE = "http://localhost";

/** Calls the Worker as a client would (through its real fetch handler, real D1). */
export function call(path: string, init?: RequestInit): Promise<Response> {
  const worker = (exports as unknown as { default: { fetch(req: Request): Promise<Response> } }).default;
  return worker.fetch(new Request(`${BASE}${path}`, init));
}

/** GETs a JSON endpoint and returns status, headers and body. */
export async function getJson<T = any>(path: string, init?: RequestInit) {
  const res = await call(path, init);
  const text = await res.text();
  return { res, status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Walks every page of a cursor-paginated endpoint. */
export async function walk<T = any>(path: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const url: string = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { status, body }: { status: number; body: any } = await getJson(url);
    if (status !== 200) throw new Error(`${url} → ${status} ${JSON.stringify(body)}`);
    items.push(...body.data);
    cursor = body.page.next_cursor;
    pages++;
    if (pages > 1000) throw new Error("pagination does not end");
  } while (cursor);
  return { items, pages };
}

/** Every query parameter of `GET /api/v1/products`, as its contract documents them (checked by the endpoint test). */
export const PRODUCT_PARAMS = [
  "q",
  "tier",
  "scheme",
  "group",
  "producer",
  "channel",
  "district",
  "sort",
  "limit",
  "cursor",
  "lang",
] as const;

/** Sends `request(i)` until the first 429; returns it and how many answers came before it. */
export async function until429(max: number, request: (i: number) => Promise<Response>) {
  for (let i = 0; i < max; i++) {
    const res = await request(i);
    if (res.status === 429) return { res, after: i };
    await res.body?.cancel();
  }
  throw new Error(`no 429 within ${max} requests`);
}
