import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { FEED_COLUMNS } from "../../../src/retail/feeds/feeds.queries.ts";
import { call, getJson } from "../../helpers/http.ts";
import { createKey, json, listing, send } from "../../helpers/retail.ts";
import { applySeed } from "../../helpers/seed.ts";

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n ?? -1;
let key: string;

beforeAll(async () => {
  ({ key } = await createKey("go-big-c"));
});

interface Change {
  seq: number;
  entity: string;
  key: string;
  op: "upsert" | "delete";
  href: string | null;
}

async function readFeed(since: string | null, limit: number) {
  // The whole feed, illustrative entities included: these tests are about the feed's mechanics.
  const q = `/api/v1/changes?limit=${limit}&include=illustrative${since ? `&since=${encodeURIComponent(since)}` : ""}`;
  const { status, body } = await getJson(q);
  expect(status).toBe(200);
  return body as { data: Change[]; page: { has_more: boolean; next_cursor: string } };
}

describe("change feed", () => {
  it("starts with every catalogue entity, and re-running the seed (npm start) adds nothing", async () => {
    const feed = await readFeed(null, 1000);
    // Seeding a recognition raises its product's tier: that product appears again (a real change).
    const keys = (entity: string) =>
      new Set(feed.data.filter((c) => c.entity === entity).map((c) => c.key)).size;
    expect(keys("product")).toBe(await count("SELECT count(*) AS n FROM products"));
    expect(keys("producer")).toBe(await count("SELECT count(*) AS n FROM producers"));
    expect(keys("recognition")).toBe(await count("SELECT count(*) AS n FROM recognitions"));
    expect(keys("listing")).toBe(await count("SELECT count(*) AS n FROM listings"));
    expect(feed.data.every((c) => c.op === "upsert")).toBe(true);
    const before = await count("SELECT count(*) AS n FROM changes");
    await applySeed();
    await applySeed();
    expect(await count("SELECT count(*) AS n FROM changes")).toBe(before);
  });

  it("records a real edit (and only that) even when it comes from the seed or a recognition", async () => {
    const before = await count("SELECT max(seq) AS n FROM changes");
    await env.DB.prepare("UPDATE producers SET representative = 'Người đại diện mới' WHERE id = 1").run();
    await env.DB.prepare("UPDATE recognitions SET note_en = note_en WHERE id = 1").run(); // no change
    const { data } = await readFeed(null, 1000);
    const fresh = data.filter((c) => c.seq > before);
    expect(fresh.map((c) => [c.entity, c.op])).toEqual([["producer", "upsert"]]);
  });

  it("is complete and in order across pages while writes happen between and during page reads", async () => {
    const products = (
      await env.DB.prepare("SELECT slug FROM products ORDER BY id LIMIT 12").all<{ slug: string }>()
    ).results.map((r) => r.slug);
    const seen: Change[] = [];
    let since: string | null = null;
    let round = 0;
    let more = true;
    while (more || round < 6) {
      // Writers run concurrently with the page read.
      const writes =
        round < 6
          ? products
              .slice(round * 2, round * 2 + 2)
              .map((p, i) =>
                i === 1 && round % 2
                  ? send("DELETE", `/api/v1/channels/go-big-c/listings/${p}`, key)
                  : send(
                      "PUT",
                      `/api/v1/channels/go-big-c/listings/${p}`,
                      key,
                      listing({ price_vnd: round }),
                    ),
              )
          : [];
      const [page] = (await Promise.all([readFeed(since, 9), ...writes])) as [
        Awaited<ReturnType<typeof readFeed>>,
      ];
      seen.push(...page.data);
      since = page.page.next_cursor;
      more = page.page.has_more;
      round++;
      if (round > 500) throw new Error("feed does not end");
    }
    const tail = await readFeed(since, 1000);
    seen.push(...tail.data);
    const all = (await env.DB.prepare("SELECT seq FROM changes ORDER BY seq").all<{ seq: number }>()).results;
    expect(seen.map((c) => c.seq)).toEqual(all.map((r) => r.seq)); // nothing missed, nothing twice, in order

    // A mirror built from the feed agrees with the database.
    const mirror = new Set<string>();
    for (const c of seen.filter((x) => x.entity === "listing")) {
      if (c.op === "delete") mirror.delete(c.key);
      else mirror.add(c.key);
    }
    const actual = (
      await env.DB.prepare(
        "SELECT c.slug || '/' || p.slug AS k FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id",
      ).all<{ k: string }>()
    ).results.map((r) => r.k);
    expect([...mirror].sort()).toEqual(actual.sort());
    expect(seen.some((c) => c.op === "delete" && c.entity === "listing" && c.href === null)).toBe(true);
  });

  it("every upsert's href answers 200 with the entity, recognitions included (GET /recognitions/{id})", async () => {
    const { data } = await readFeed(null, 1000);
    const latest = new Map(data.map((c) => [`${c.entity}:${c.key}`, c]));
    const upserts = [...latest.values()].filter((c) => c.op === "upsert");
    for (const entity of ["product", "producer", "recognition", "listing"])
      expect(upserts.some((c) => c.entity === entity)).toBe(true);
    for (const c of upserts) {
      expect(c.href, `${c.entity} ${c.key}`).not.toBeNull();
      const { status, body } = await getJson(c.href as string);
      expect(status, `${c.href}`).toBe(200);
      if (c.entity === "recognition") expect((body as { id: number }).id).toBe(Number(c.key));
    }
    // The recognition read as the list shows it; an unknown id and a non-number are a 404 and a 400.
    const list = (await getJson("/api/v1/recognitions?limit=1")).body as { data: { id: number }[] };
    const first = list.data[0];
    expect((await getJson(`/api/v1/recognitions/${first?.id}`)).body).toEqual(first);
    expect((await getJson("/api/v1/recognitions/999999")).status).toBe(404);
    expect((await getJson("/api/v1/recognitions/abc")).status).toBe(400);
  });

  it("a listing write puts its product in the feed too (its embedded listings and the feeds' channels changed)", async () => {
    const before = (await readFeed(null, 1000)).page.next_cursor;
    const put = await send(
      "PUT",
      "/api/v1/channels/go-big-c/listings/chieu-truc-688",
      key,
      listing({ price_vnd: 91_000 }),
    );
    expect(put.status).toBeLessThan(300);
    const del = await send("DELETE", "/api/v1/channels/go-big-c/listings/chieu-truc-688", key);
    expect(del.status).toBe(204);
    const { data } = await readFeed(before, 100);
    expect(data.map((c) => [c.entity, c.key, c.op])).toEqual([
      ["product", "chieu-truc-688", "upsert"],
      ["listing", "go-big-c/chieu-truc-688", "upsert"],
      ["product", "chieu-truc-688", "upsert"],
      ["listing", "go-big-c/chieu-truc-688", "delete"],
    ]);
  });

  it("answers a read with the deprecated `since` with Deprecation and Sunset headers, a `cursor` read without", async () => {
    const { page } = await readFeed(null, 1);
    const old = await call(`/api/v1/changes?limit=1&since=${encodeURIComponent(page.next_cursor)}`);
    const now = await call(`/api/v1/changes?limit=1&cursor=${encodeURIComponent(page.next_cursor)}`);
    expect(old.status).toBe(200);
    expect(await old.json()).toEqual(await now.json());
    expect(old.headers.get("deprecation")).toBe(`@${Date.parse("2026-12-01T00:00:00Z") / 1000}`);
    expect(old.headers.get("sunset")).toBe("Wed, 30 Jun 2027 00:00:00 GMT");
    expect(now.headers.get("deprecation")).toBeNull();
    expect(now.headers.get("sunset")).toBeNull();
  });

  it("an empty page keeps the position; a forged or foreign cursor is a 400 naming `since`", async () => {
    const end = await readFeed(null, 1000);
    let since = end.page.next_cursor;
    while ((await readFeed(since, 1000)).data.length) since = (await readFeed(since, 1000)).page.next_cursor;
    const empty = await readFeed(since, 10);
    expect(empty.data).toEqual([]);
    expect(empty.page.has_more).toBe(false);
    const forged = await call(`/api/v1/changes?since=${since.slice(0, -3)}abc`);
    expect(forged.status).toBe(400);
    expect((await json(forged)).invalid_params[0].name).toBe("since");
  });
});

describe("limit bounds on the change feed and the feeds", () => {
  it.each(["0", "-1", "1001", "1.5", "abc", ""])("/changes?limit=%j is a 400 naming limit", async (limit) => {
    const res = await call(`/api/v1/changes?limit=${limit}`);
    expect(res.status).toBe(400);
    expect((await json(res)).invalid_params.map((p: { name: string }) => p.name)).toEqual(["limit"]);
  });

  it("/changes takes 1 to 1000 and returns at most that many", async () => {
    expect((await readFeed(null, 1)).data).toHaveLength(1);
    const total = await count("SELECT count(*) AS n FROM changes");
    expect(total).toBeGreaterThan(1);
    expect((await readFeed(null, 1000)).data).toHaveLength(Math.min(total, 1000));
  });
});

/** A small RFC 4180 parser, to check the CSV as a spreadsheet would read it (with its list separator). */
function parseCsv(text: string, separator = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("full product feeds", () => {
  it("CSV: documented header, one row per product, UTF-8, quoting that survives commas, quotes and newlines", async () => {
    await env.DB.prepare(
      `UPDATE products SET name_en = 'Candy, "peanut" edition' || char(10) || 'line two' WHERE slug = 'khau-sli-na-giang'`,
    ).run();
    const res = await call("/api/v1/feeds/products.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual([...FEED_COLUMNS]);
    // Real products only by default.
    expect(rows).toHaveLength(
      1 + (await count("SELECT count(*) AS n FROM products WHERE provenance <> 'illustrative'")),
    );
    const col = (name: string) => FEED_COLUMNS.indexOf(name as (typeof FEED_COLUMNS)[number]);
    const khauSli = rows.find((r) => r[col("slug")] === "khau-sli-na-giang");
    expect(khauSli?.[col("name_en")]).toBe('Candy, "peanut" edition\nline two');
    const lapSuon = rows.find((r) => r[col("slug")] === "lap-suon-thit-hun-khoi-tam-hoa");
    expect(lapSuon?.[col("name_vi")]).toContain("Lạp sườn");
    expect(lapSuon?.[col("tier")]).toBe("national");
    // Its chain listings and pack prices are illustrative: not in the default feed…
    // (go-big-c may be there: earlier tests wrote real listings through the API.)
    expect(lapSuon?.[col("channels")]?.split(";")).not.toContain("aeon");
    expect(lapSuon?.[col("price_from_vnd")]).toBe("");
    expect(lapSuon?.[col("provenance")]).toBe("sourced");
    // …and marked, each in its own column, when asked for.
    const all = parseCsv(await (await call("/api/v1/feeds/products.csv?include=illustrative")).text());
    expect(all).toHaveLength(1 + (await count("SELECT count(*) AS n FROM products")));
    const lapSuonAll = all.find((r) => r[col("slug")] === "lap-suon-thit-hun-khoi-tam-hoa");
    expect(lapSuonAll?.[col("channels")]?.split(";")).toContain("aeon");
    expect(lapSuonAll?.[col("channels_provenance")]).toBe("illustrative");
    expect(lapSuonAll?.[col("price_from_vnd")]).toBe("180000");
    expect(lapSuonAll?.[col("price_from_vnd_provenance")]).toBe("illustrative");
    const banhKhao = all.find((r) => r[col("slug")] === "banh-khao-quang-hoa");
    expect(banhKhao?.[col("provenance")]).toBe("illustrative");
  });

  it("CSV with dialect=excel: a UTF-8 byte order mark, `;` between fields, the same rows; its own ETag", async () => {
    const plain = await call("/api/v1/feeds/products.csv?include=illustrative");
    const excel = await call("/api/v1/feeds/products.csv?include=illustrative&dialect=excel");
    expect(excel.status).toBe(200);
    expect(excel.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    const bytes = new Uint8Array(await excel.arrayBuffer());
    // EF BB BF: without it Excel reads UTF-8 as Windows-1252 ("BĂºn khĂ´").
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.split("\r\n")[0]).toBe(FEED_COLUMNS.join(";"));
    expect(parseCsv(text, ";")).toEqual(parseCsv(await plain.text()));
    expect(text).toContain("Bún khô");
    // A channels list holds `;`: quoted, so it stays one field.
    expect(text).toMatch(/;"[a-z-]+;[a-z-]+[^"]*";/);
    expect(excel.headers.get("etag")).not.toBe(plain.headers.get("etag"));
    const again = await call("/api/v1/feeds/products.csv?include=illustrative&dialect=excel", {
      headers: { "if-none-match": excel.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
    expect((await call("/api/v1/feeds/products.csv?dialect=xls")).status).toBe(400);
  });

  it("NDJSON: one JSON object per line with the same columns; ETag and 304", async () => {
    const res = await call("/api/v1/feeds/products.ndjson");
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines).toHaveLength(
      await count("SELECT count(*) AS n FROM products WHERE provenance <> 'illustrative'"),
    );
    expect(Object.keys(JSON.parse(lines[0] ?? "{}"))).toEqual([...FEED_COLUMNS]);
    const etag = res.headers.get("etag") ?? "";
    expect((await call("/api/v1/feeds/products.ndjson", { headers: { "if-none-match": etag } })).status).toBe(
      304,
    );
    expect(res.headers.get("x-d1-round-trips")).toBe("1");
    await send("PUT", "/api/v1/channels/go-big-c/listings/khau-sli-na-giang", key, listing({ price_vnd: 1 }));
    const after = await call("/api/v1/feeds/products.ndjson", { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
  });

  it("CSV: ETag and 304 until something changes, then a 200 with the change", async () => {
    const res = await call("/api/v1/feeds/products.csv");
    const etag = res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"feed-csv-\d+"$/);
    const same = await call("/api/v1/feeds/products.csv", { headers: { "if-none-match": etag } });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    expect(same.headers.get("etag")).toBe(etag);
    // The NDJSON feed's tag is not the CSV's: a 304 for one format never answers the other.
    const other = await call("/api/v1/feeds/products.ndjson", { headers: { "if-none-match": etag } });
    expect(other.status).toBe(200);
    await other.body?.cancel();
    const channelsOf = (csv: string) => {
      const [header = [], ...rows] = parseCsv(csv);
      const row = rows.find((r) => r[0] === "khau-sli-na-giang") ?? [];
      return (row[header.indexOf("channels")] ?? "").split(";");
    };
    expect(channelsOf(await res.text())).toContain("go-big-c"); // listed by the test above
    expect((await send("DELETE", "/api/v1/channels/go-big-c/listings/khau-sli-na-giang", key)).status).toBe(
      204,
    );
    const changed = await call("/api/v1/feeds/products.csv", { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(channelsOf(await changed.text())).not.toContain("go-big-c");
  });

  it("both feeds say `ocop` (appended last): certified with stars not stated is true with empty stars", async () => {
    // The columns before it keep their positions, for consumers that read the CSV by position.
    expect(FEED_COLUMNS.slice(0, -1)).toEqual(
      "slug,name_vi,name_en,category_vi,category_en,product_group,tier,ocop_stars,price_from_vnd,producer_slug,producer_name,district,province,channels,image,sample,updated_at,provenance,price_from_vnd_provenance,district_provenance,channels_provenance".split(
        ",",
      ),
    );
    expect(FEED_COLUMNS.at(-1)).toBe("ocop");
    // nho-ha-den-cao-bang: OCOP per its source, stars not stated; mien-dong-tan-viet-a: OCOP 4 stars; chieu-truc-688: no OCOP.
    const expected = {
      "nho-ha-den-cao-bang": { ocop: true, ocop_stars: null },
      "mien-dong-tan-viet-a": { ocop: true, ocop_stars: 4 },
      "chieu-truc-688": { ocop: false, ocop_stars: null },
    };
    const [header = [], ...rows] = parseCsv(await (await call("/api/v1/feeds/products.csv")).text());
    expect(header.at(-1)).toBe("ocop");
    const ndjson = (await (await call("/api/v1/feeds/products.ndjson")).text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const [slug, want] of Object.entries(expected)) {
      const csvRow = rows.find((r) => r[0] === slug) ?? [];
      expect([csvRow[header.indexOf("ocop")], csvRow[header.indexOf("ocop_stars")]], slug).toEqual([
        String(want.ocop),
        want.ocop_stars === null ? "" : String(want.ocop_stars),
      ]);
      const line = ndjson.find((r) => r.slug === slug);
      expect({ ocop: line?.ocop, ocop_stars: line?.ocop_stars }, slug).toEqual(want);
    }
    // The feed agrees with the list API's `ocop` on every product.
    const { body } = await getJson("/api/v1/products?limit=100");
    expect(body.page.has_more).toBe(false);
    const listed = (body.data as { slug: string; ocop: boolean }[]).map((p) => [p.slug, p.ocop]);
    expect(listed.filter(([, ocop]) => ocop).length).toBeGreaterThanOrEqual(3);
    expect(ndjson.map((r) => [r.slug, r.ocop]).sort()).toEqual(listed.sort());
  });

  it.each(["csv", "ndjson"])(
    "the %s feed is the whole catalogue: a `limit` does not cut it",
    async (format) => {
      const res = await call(`/api/v1/feeds/products.${format}?limit=1`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const rows = format === "csv" ? parseCsv(text).length - 1 : text.trimEnd().split("\n").length;
      // The whole catalogue of real products (illustrative ones only with include=illustrative).
      expect(rows).toBe(await count("SELECT count(*) AS n FROM products WHERE provenance <> 'illustrative'"));
    },
  );
});

// Last in the file: these delete catalogue rows the tests above read.
describe("change feed: deletions a mirror must apply", () => {
  /** Replays the feed from the start into a mirror keyed as the feed keys things; returns what is left. */
  async function mirror() {
    const keys = new Set<string>();
    let since: string | null = null;
    for (;;) {
      const page = await readFeed(since, 1000);
      for (const c of page.data) {
        if (c.op === "delete") keys.delete(`${c.entity}:${c.key}`);
        else keys.add(`${c.entity}:${c.key}`);
      }
      since = page.page.next_cursor;
      if (!page.page.has_more) return keys;
    }
  }

  it("a deleted product takes its listings and recognitions with it, each with a tombstone a mirror can apply", async () => {
    // A product with listings and recognitions.
    const product =
      (
        await env.DB.prepare(
          "SELECT slug FROM products p WHERE EXISTS (SELECT 1 FROM listings WHERE product_id = p.id) AND EXISTS (SELECT 1 FROM recognitions WHERE product_id = p.id) ORDER BY id LIMIT 1",
        ).first<{ slug: string }>()
      )?.slug ?? "";
    const listed = await env.DB.prepare(
      "SELECT c.slug AS channel FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id WHERE p.slug = ?",
    )
      .bind(product)
      .all<{ channel: string }>();
    const recognitions = await env.DB.prepare(
      "SELECT r.id FROM recognitions r JOIN products p ON p.id = r.product_id WHERE p.slug = ?",
    )
      .bind(product)
      .all<{ id: number }>();
    expect(listed.results.length).toBeGreaterThan(0);
    expect(recognitions.results.length).toBeGreaterThan(0);
    const before = await mirror();
    for (const { channel } of listed.results) expect(before).toContain(`listing:${channel}/${product}`);
    const seq = await count("SELECT max(seq) AS n FROM changes");

    await env.DB.prepare("DELETE FROM products WHERE slug = ?").bind(product).run();

    const { data } = await readFeed(null, 1000);
    const tombstones = data.filter((c) => c.seq > seq);
    expect(tombstones.every((c) => c.op === "delete" && c.href === null)).toBe(true);
    expect(
      tombstones
        .filter((c) => c.entity === "listing")
        .map((c) => c.key)
        .sort(),
    ).toEqual(listed.results.map(({ channel }) => `${channel}/${product}`).sort());
    expect(
      tombstones
        .filter((c) => c.entity === "recognition")
        .map((c) => c.key)
        .sort(),
    ).toEqual(recognitions.results.map((r) => String(r.id)).sort());
    expect(tombstones.filter((c) => c.entity === "product").map((c) => c.key)).toEqual([product]);
    // A mirror that applied the feed holds nothing of the product any more.
    const after = await mirror();
    expect([...after].filter((k) => k.includes(product) || k.includes("#"))).toEqual([]);
    const stillThere = await env.DB.prepare("SELECT count(*) AS n FROM listings").first<{ n: number }>();
    expect([...after].filter((k) => k.startsWith("listing:"))).toHaveLength(stillThere?.n ?? -1);
  });

  it("a deleted channel's listings get tombstones keyed by channel and product slug", async () => {
    const seq = await count("SELECT max(seq) AS n FROM changes");
    const n = await count(
      "SELECT count(*) AS n FROM listings WHERE channel_id = (SELECT id FROM channels WHERE slug = 'xuat-khau-hoa-ky')",
    );
    expect(n).toBeGreaterThan(0);
    await env.DB.prepare("DELETE FROM channels WHERE slug = 'xuat-khau-hoa-ky'").run();
    const { data } = await readFeed(null, 1000);
    const keys = data.filter((c) => c.seq > seq && c.entity === "listing").map((c) => c.key);
    expect(keys).toHaveLength(n);
    for (const k of keys) expect(k).toMatch(/^xuat-khau-hoa-ky\/[a-z0-9-]+$/);
  });

  it("a deleted recognition and a deleted producer are tombstones too", async () => {
    const seq = await count("SELECT max(seq) AS n FROM changes");
    const rec = await env.DB.prepare("SELECT id FROM recognitions ORDER BY id DESC LIMIT 1").first<{
      id: number;
    }>();
    await env.DB.prepare("DELETE FROM recognitions WHERE id = ?").bind(rec?.id).run();
    const lonely = await env.DB.prepare(
      "SELECT slug FROM producers p WHERE NOT EXISTS (SELECT 1 FROM products WHERE producer_id = p.id) LIMIT 1",
    ).first<{ slug: string }>();
    const producer =
      lonely?.slug ??
      (
        await env.DB.prepare(
          "INSERT INTO producers (slug, name, legal_type, district, district_slug) VALUES ('co-so-tam-thoi', 'Cơ sở tạm thời', 'household', 'Hà Quảng', 'ha-quang') RETURNING slug",
        ).first<{ slug: string }>()
      )?.slug;
    await env.DB.prepare("DELETE FROM producers WHERE slug = ?").bind(producer).run();
    const { data } = await readFeed(null, 1000);
    const fresh = data.filter((c) => c.seq > seq && c.op === "delete").map((c) => [c.entity, c.key]);
    expect(fresh).toContainEqual(["recognition", String(rec?.id)]);
    expect(fresh).toContainEqual(["producer", producer]);
  });
});
