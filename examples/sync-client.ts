// Mirrors one retail channel's listings through the change feed with the typed SDK (packages/client), and updates
// a price safely with If-Match. Node 22 (`npx node` uses the repo's; `--conditions=cnnt-source`
// reads the SDK from packages/client/src, so no build is needed in this repository):
//
//   npx node --conditions=cnnt-source examples/sync-client.ts --base http://127.0.0.1:8787 --channel aeon --state .sync-aeon.json
//   CNNT_API_KEY=cnnt_… npx node --conditions=cnnt-source examples/sync-client.ts --channel aeon --set-price bun-kho-cao-tuyen=66000
//
// Run it again later: it continues from the saved cursor and applies only what changed since.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type CatalogueClient, createCatalogueClient, type Listing } from "@caobang-cnnt/client";

/** What the mirror keeps between runs. */
export interface MirrorState {
  cursor: string | null;
  listings: Record<string, Listing>;
  /** Products whose catalogue data changed since the last run (refresh them from /api/v1/products/{slug}). */
  productsChanged: string[];
}

/** Applies every change since `state.cursor` to `state`, keeping `channel`'s listings; returns how many were read. */
export async function syncChannel(
  cnnt: CatalogueClient,
  channel: string,
  state: MirrorState,
  save: () => void = () => {},
): Promise<number> {
  const { read } = await cnnt.mirror({
    cursor: state.cursor,
    apply: async (changes) => {
      // Within a page only the last entry per record matters.
      const last = new Map(changes.map((c) => [`${c.entity}:${c.key}`, c]));
      for (const c of last.values()) {
        if (c.entity === "product" && !state.productsChanged.includes(c.key))
          state.productsChanged.push(c.key);
        if (c.entity !== "listing") continue;
        const [ch, product] = c.key.split("/");
        if (ch !== channel || !product) continue;
        // A listing deleted after this entry was written reads as null; its tombstone follows in the feed.
        const listing = c.op === "delete" ? null : await cnnt.getListing(channel, product);
        if (listing) state.listings[product] = listing;
        else delete state.listings[product];
      }
    },
    // The catalogue was restored from a backup: the copy may hold changes it no longer has. Start again.
    reset: () => {
      console.warn("the catalogue was restored; mirroring again from the beginning");
      Object.assign(state, { cursor: null, listings: {}, productsChanged: [] });
    },
    // Saved only after the page is applied: a crash re-reads the page, never skips it.
    save: (cursor) => {
      state.cursor = cursor;
      save();
    },
  });
  return read;
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
    : { cursor: null, listings: {}, productsChanged: [] };
  const save = () => writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  const cnnt = createCatalogueClient({ origin: values.base, apiKey: process.env.CNNT_API_KEY });
  if (values["set-price"]) {
    const [product, price] = values["set-price"].split("=");
    if (!product || !price || !/^\d+$/.test(price)) throw new Error("--set-price product-slug=price");
    const l = await cnnt.updateListing(channel, product, (current) => {
      if (!current) throw new Error(`${channel} does not list ${product}`);
      return { ...current, price_vnd: Number(price) };
    });
    console.log(`${product}: ${l.price_vnd} VND (version ${l.version}, ETag ${l.etag})`);
  }
  const read = await syncChannel(cnnt, channel, state, save);
  save();
  console.log(
    `${channel}: ${read} change(s) applied; mirror holds ${Object.keys(state.listings).length} listing(s); state in ${file}`,
  );
}
