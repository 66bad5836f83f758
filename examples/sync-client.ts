// A small typed client that mirrors one retail channel's listings through the change feed, and updates a price
// safely with If-Match. Node 22 (`npx node` uses the repo's), no dependencies:
//
//   npx node examples/sync-client.ts --base http://127.0.0.1:8787 --channel aeon --state .sync-aeon.json
//   CNNT_API_KEY=cnnt_… npx node examples/sync-client.ts --channel aeon --set-price mien-dong-tan-viet-a=72000
//
// Run it again later: it continues from the saved cursor and applies only what changed since.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

/** A listing as `GET /api/v1/channels/{channel}/listings/{product}` returns it. */
export interface Listing {
  channel: string;
  product: string;
  status: "in_stock" | "out_of_stock" | "coming_soon" | "discontinued";
  price_vnd: number | null;
  channel_sku: string | null;
  url: string | null;
  stores: { name: string; city: string; province: string }[];
  note: string | null;
  version: number;
  etag: string;
  updated_at: string;
}

/** One change-feed entry. */
export interface Change {
  seq: number;
  entity: "product" | "producer" | "recognition" | "listing";
  key: string;
  op: "upsert" | "delete";
  changed_at: string;
  href: string | null;
}

interface ChangePage {
  data: Change[];
  page: { limit: number; has_more: boolean; next_cursor: string };
}

/** What the mirror keeps between runs. */
export interface MirrorState {
  cursor: string | null;
  /** The newest D1 bookmark seen: sent back so no read is older than what was already seen. */
  bookmark: string | null;
  listings: Record<string, Listing>;
  /** Products whose catalogue data changed since the last run (refresh them from /api/v1/products/{slug}). */
  productsChanged: string[];
}

export class CatalogueClient {
  // Plain fields (not parameter properties): Node runs this file by stripping types only.
  private readonly base: string;
  private readonly state: MirrorState;
  private readonly key: string | undefined;

  constructor(base: string, state: MirrorState, key?: string) {
    this.base = base;
    this.state = state;
    this.key = key;
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(init.headers);
      if (this.state.bookmark) headers.set("x-d1-bookmark", this.state.bookmark);
      if (this.key && init.method && init.method !== "GET")
        headers.set("authorization", `Bearer ${this.key}`);
      const res = await fetch(new URL(path, this.base), { ...init, headers });
      const bookmark = res.headers.get("x-d1-bookmark");
      if (bookmark) this.state.bookmark = bookmark;
      if (res.status !== 429 || attempt >= 5) return res;
      await res.body?.cancel();
      const wait = Number(res.headers.get("retry-after") ?? "10");
      console.warn(`rate limited; waiting ${wait} s`);
      await new Promise((r) => setTimeout(r, wait * 1000));
    }
  }

  private async json<T>(res: Response): Promise<T> {
    const body = await res.json();
    if (!res.ok) throw new Error(`${res.status} ${(body as { detail?: string }).detail ?? res.statusText}`);
    return body as T;
  }

  /** Applies every change since the saved cursor; returns how many entries were read. */
  async sync(channel: string): Promise<number> {
    let read = 0;
    for (;;) {
      const since = this.state.cursor ? `&since=${encodeURIComponent(this.state.cursor)}` : "";
      const res = await this.request(`/api/v1/changes?limit=500${since}`);
      if (res.status === 410) {
        // The catalogue was restored from a backup: the copy may hold changes it no longer has. Start again.
        await res.body?.cancel();
        console.warn("the catalogue was restored; mirroring again from the beginning");
        Object.assign(this.state, { cursor: null, bookmark: null, listings: {}, productsChanged: [] });
        continue;
      }
      const page = await this.json<ChangePage>(res);
      // Within a page only the last entry per key matters.
      const last = new Map(page.data.map((c) => [`${c.entity}:${c.key}`, c]));
      for (const c of last.values()) await this.apply(channel, c);
      read += page.data.length;
      // Save the cursor only after the page is applied: a crash re-reads the page, never skips it.
      this.state.cursor = page.page.next_cursor;
      if (!page.page.has_more) return read;
    }
  }

  private async apply(channel: string, c: Change): Promise<void> {
    if (c.entity === "product" && !this.state.productsChanged.includes(c.key)) {
      this.state.productsChanged.push(c.key);
    }
    if (c.entity !== "listing") return;
    const [ch, product] = c.key.split("/");
    if (ch !== channel || !product) return;
    if (c.op === "delete") {
      delete this.state.listings[product];
      return;
    }
    const res = await this.request(`/api/v1/channels/${channel}/listings/${product}`);
    if (res.status === 404) {
      // Deleted after this entry was written; its tombstone follows in the feed.
      await res.body?.cancel();
      delete this.state.listings[product];
      return;
    }
    this.state.listings[product] = await this.json<Listing>(res);
  }

  /** Sets a price without overwriting someone else's concurrent edit (If-Match; re-read and retry on 412). */
  async setPrice(channel: string, product: string, price: number): Promise<Listing> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.json<Listing>(
        await this.request(`/api/v1/channels/${channel}/listings/${product}`),
      );
      const { status, channel_sku, url, stores, note } = current;
      const put = await this.request(`/api/v1/channels/${channel}/listings/${product}`, {
        method: "PUT",
        headers: { "content-type": "application/json", "if-match": current.etag },
        body: JSON.stringify({ status, price_vnd: price, channel_sku, url, stores, note }),
      });
      if (put.status === 412) {
        await put.body?.cancel();
        continue;
      }
      const written = await this.json<Listing>(put);
      this.state.listings[product] = written;
      return written;
    }
    throw new Error(`${product}: changed by someone else three times in a row; giving up`);
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({
    options: {
      base: { type: "string", default: "http://127.0.0.1:8787" },
      channel: { type: "string", default: "aeon" },
      state: { type: "string" },
      "set-price": { type: "string" },
    },
  });
  const channel = values.channel;
  const file = values.state ?? `.sync-${channel}.json`;
  const state: MirrorState = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as MirrorState)
    : { cursor: null, bookmark: null, listings: {}, productsChanged: [] };
  const client = new CatalogueClient(values.base, state, process.env.CNNT_API_KEY);
  if (values["set-price"]) {
    const [product, price] = values["set-price"].split("=");
    if (!product || !price) throw new Error("--set-price product-slug=price");
    const l = await client.setPrice(channel, product, Number(price));
    console.log(`${product}: ${l.price_vnd} VND (version ${l.version}, ETag ${l.etag})`);
  }
  const read = await client.sync(channel);
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  console.log(
    `${channel}: ${read} change(s) applied; mirror holds ${Object.keys(state.listings).length} listing(s); state in ${file}`,
  );
}
