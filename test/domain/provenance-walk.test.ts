/**
 * The honesty walk: reads every output the catalogue has — API lists and details, the single listing, the
 * programme, the change feed, both full feeds, every page's JSON-LD, meta description and Open Graph tags, the
 * sitemap, and the counts shown on the home, catalogue and channel pages — and fails wherever an illustrative or
 * inferred value appears unmarked. What is illustrative or inferred is read from the seed (src/seed/data.ts),
 * not from the code under test.
 */
import { describe, expect, it } from "vitest";
import { call, call as callPage, getJson, walk as walkAll } from "../helpers/http.ts";
import { catalogue as seed } from "../helpers/seed.ts";

type State = "sourced" | "inferred" | "illustrative";
const RANK: Record<State, number> = { sourced: 0, inferred: 1, illustrative: 2 };
const weakest = (...s: (State | undefined)[]) =>
  s.reduce<State>((a, b) => (b && RANK[b] > RANK[a] ? b : a), "sourced");

// ---- What the seed says ------------------------------------------------------------------------------------

const productBySlug = new Map(seed.products.map((p) => [p.slug, p]));
const producerBySlug = new Map(seed.producers.map((p) => [p.slug, p]));
const channelBySlug = new Map(seed.channels.map((c) => [c.slug, c]));
const recognitionById = new Map(seed.recognitions.map((r) => [r.id, r]));
const listingByKey = new Map(seed.listings.map((l) => [`${l.channel}/${l.product}`, l]));

const stateOf = (r: { provenance?: State } | undefined): State => r?.provenance ?? "sourced";
const illustrativeProducts = seed.products.filter((p) => stateOf(p) === "illustrative");
const realProducts = seed.products.filter((p) => stateOf(p) !== "illustrative");
const illustrativeProducers = seed.producers.filter((p) => stateOf(p) === "illustrative");

/** Field paths (relative to the record's object) that are weaker than sourced, with their state. */
type Expect = { record: State; fields: [string, State][] };

function productExpect(slug: string): Expect | null {
  const p = productBySlug.get(slug);
  if (!p) return null;
  const record = stateOf(p);
  const f = p.fields ?? {};
  const fields: [string, State][] = [];
  const pack = weakest(
    record,
    f.packaging,
    ...p.packaging.map((v) => (v.sample ? "illustrative" : undefined)),
  );
  fields.push(["packaging", pack], ["price_from_vnd", pack]);
  if (f.description) fields.push(["description", weakest(record, f.description)]);
  return { record, fields: fields.filter(([, s]) => s !== "sourced") };
}
function producerExpect(slug: string): Expect | null {
  const p = producerBySlug.get(slug);
  if (!p) return null;
  const record = stateOf(p);
  const f = p.fields ?? {};
  const fields: [string, State][] = [];
  if (f.district)
    for (const path of ["district", "address.district", "address.district_slug"])
      fields.push([path, weakest(record, f.district)]);
  if (f.founded_year) fields.push(["founded_year", weakest(record, f.founded_year)]);
  return { record, fields: fields.filter(([, s]) => s !== "sourced") };
}
function recognitionExpect(id: number): Expect | null {
  const r = recognitionById.get(id);
  if (!r) return null;
  const record = stateOf(r);
  const fields = Object.entries(r.fields ?? {}).map(([k, s]) => [k, weakest(record, s)] as [string, State]);
  return { record, fields: fields.filter(([, s]) => s !== "sourced") };
}
function listingExpect(key: string): Expect | null {
  const l = listingByKey.get(key);
  if (!l) return null;
  const record = stateOf(l);
  const fields = Object.entries(l.fields ?? {}).map(([k, s]) => [k, weakest(record, s)] as [string, State]);
  return { record, fields: fields.filter(([, s]) => s !== "sourced") };
}
function channelExpect(slug: string): Expect | null {
  const c = channelBySlug.get(slug);
  if (!c) return null;
  const record = stateOf(c);
  const fields = Object.entries(c.fields ?? {}).map(([k, s]) => [k, weakest(record, s)] as [string, State]);
  return { record, fields: fields.filter(([, s]) => s !== "sourced") };
}

// ---- Walking JSON --------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
interface Frame {
  obj: Obj;
  /** Path from this frame's object to the object being checked. */
  path: string[];
}

const isObj = (v: Json | undefined): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** True when some enclosing record's `provenance` marks `field` (or a prefix of it) at least as weak as `state`. */
function marked(frames: Frame[], field: string, state: State): boolean {
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i] as Frame;
    const prov = frame.obj.provenance;
    if (!isObj(prov)) continue;
    const rec = prov.record;
    if (typeof rec === "string" && RANK[rec as State] >= RANK[state]) return true;
    const fields = isObj(prov.fields) ? prov.fields : {};
    const rel = [...frame.path, ...(field ? field.split(".") : [])];
    for (let n = rel.length; n > 0; n--) {
      const s = fields[rel.slice(0, n).join(".")];
      if (typeof s === "string" && RANK[s as State] >= RANK[state]) return true;
    }
  }
  return false;
}

const present = (v: Json | undefined) =>
  v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
const at = (o: Obj, path: string): Json | undefined =>
  path.split(".").reduce<Json | undefined>((v, k) => (isObj(v) ? v[k] : undefined), o);

type Kind = "product" | "producer" | "recognition" | "listing" | "channel" | "figure" | "support" | null;
const KIND_BY_KEY: Record<string, Kind> = {
  producer: "producer",
  producers: "producer",
  recognitions: "recognition",
  listings: "listing",
  channel: "channel",
  channels: "channel",
  products: "product",
  related: "product",
  product: "product",
  support_projects: "support",
  figures: "figure",
};

interface WalkOpts {
  where: string;
  includeIllustrative: boolean;
  problems: string[];
}

function checkRecord(
  o: Obj,
  kind: Kind,
  frames: Frame[],
  ctx: { product?: string; channel?: string },
  opts: WalkOpts,
) {
  let e: Expect | null = null;
  let label = "";
  if (kind === "product" && typeof o.slug === "string") {
    e = productExpect(o.slug);
    label = `product ${o.slug}`;
  } else if (kind === "producer" && typeof o.slug === "string") {
    e = producerExpect(o.slug);
    label = `producer ${o.slug}`;
  } else if (kind === "recognition" && typeof o.id === "number") {
    e = recognitionExpect(o.id);
    label = `recognition ${o.id}`;
  } else if (kind === "channel" && typeof o.slug === "string") {
    e = channelExpect(o.slug);
    label = `channel ${o.slug}`;
  } else if (kind === "listing") {
    const channel = isObj(o.channel) ? (o.channel.slug as string) : ((o.channel as string) ?? ctx.channel);
    const product = isObj(o.product) ? (o.product.slug as string) : ((o.product as string) ?? ctx.product);
    e = listingExpect(`${channel}/${product}`);
    label = `listing ${channel}/${product}`;
  }
  if (!e) return;
  if (e.record !== "sourced") {
    if (
      e.record === "illustrative" &&
      !opts.includeIllustrative &&
      !marked(frames.slice(0, -1), "", "illustrative")
    )
      opts.problems.push(`${opts.where}: ${label} is illustrative but present without include=illustrative`);
    if (!marked(frames, "", e.record))
      opts.problems.push(`${opts.where}: ${label} is ${e.record} but not marked so`);
  }
  for (const [field, state] of e.fields) {
    if (!present(at(o, field))) continue;
    if (!marked(frames, field, state))
      opts.problems.push(
        `${opts.where}: ${label}.${field} = ${JSON.stringify(at(o, field))} is ${state}, unmarked`,
      );
  }
}

function walkJson(
  v: Json,
  kind: Kind,
  frames: Frame[],
  ctx: { product?: string; channel?: string },
  opts: WalkOpts,
) {
  if (Array.isArray(v)) {
    for (const x of v) walkJson(x, kind, frames, ctx, opts);
    return;
  }
  if (!isObj(v)) return;
  const here: Frame[] = [...frames.map((f) => ({ obj: f.obj, path: f.path })), { obj: v, path: [] }];
  checkRecord(v, kind, here, ctx, opts);
  const inner = { ...ctx };
  if (kind === "product" && typeof v.slug === "string") inner.product = v.slug;
  if (kind === "channel" && typeof v.slug === "string") inner.channel = v.slug;
  for (const [k, child] of Object.entries(v)) {
    if (k === "provenance" || k === "facets" || k === "page") continue;
    const childKind = KIND_BY_KEY[k] ?? null;
    const next = here.map((f) => ({ obj: f.obj, path: [...f.path, k] }));
    if (childKind) walkJson(child, childKind, next, inner, opts);
    else if (isObj(child) || Array.isArray(child)) {
      // A plain nested value (address, packaging, stores): checked through its record's field paths above.
    }
  }
}

async function walkApi(path: string, kind: Kind, includeIllustrative: boolean, problems: string[]) {
  const items: Json[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const url: string = `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { status, body } = await getJson(url);
    if (status !== 200) {
      problems.push(`${url}: status ${status}`);
      return [];
    }
    walkJson(
      Array.isArray(body.data) ? body.data : body,
      kind,
      [],
      {},
      { where: url, includeIllustrative, problems },
    );
    items.push(...(Array.isArray(body.data) ? body.data : [body]));
    cursor = body.page?.next_cursor ?? null;
    pages++;
  } while (cursor && pages < 100);
  return items;
}

const INC = "include=illustrative";

// ---- The walk ------------------------------------------------------------------------------------------------

describe("honesty walk: every output marks what is not sourced", () => {
  for (const include of [false, true]) {
    const q = (path: string) => (include ? `${path}${path.includes("?") ? "&" : "?"}${INC}` : path);
    const mode = include ? "with include=illustrative" : "by default";

    it(`API lists and details ${mode}`, async () => {
      const problems: string[] = [];
      for (const lang of ["vi", "en"]) {
        const list = (await walkApi(
          q(`/api/v1/products?limit=7&lang=${lang}`),
          "product",
          include,
          problems,
        )) as Obj[];
        const slugs = new Set(list.map((p) => p.slug));
        // Real records come first when illustrative ones are included.
        const firstIllustrative = list.findIndex(
          (p) => stateOf(productBySlug.get(p.slug as string)) === "illustrative",
        );
        if (
          include &&
          firstIllustrative >= 0 &&
          list
            .slice(firstIllustrative)
            .some((p) => stateOf(productBySlug.get(p.slug as string)) !== "illustrative")
        )
          problems.push(`/api/v1/products: a real product comes after an illustrative one`);
        for (const p of realProducts)
          if (!slugs.has(p.slug)) problems.push(`/api/v1/products: real product ${p.slug} missing`);
        if (include)
          for (const p of illustrativeProducts)
            if (!slugs.has(p.slug)) problems.push(`/api/v1/products (${INC}): ${p.slug} missing`);
      }
      await walkApi(q("/api/v1/producers?limit=5"), "producer", include, problems);
      await walkApi(q("/api/v1/recognitions?limit=5"), "recognition", include, problems);
      await walkApi(q("/api/v1/channels"), "channel", include, problems);
      for (const p of seed.products) {
        const res = await call(q(`/api/v1/products/${p.slug}`));
        if (res.status === 404 && !include && stateOf(p) === "illustrative") continue;
        if (res.status !== 200) problems.push(`/api/v1/products/${p.slug}: ${res.status}`);
        else
          walkJson(
            await res.json(),
            "product",
            [],
            {},
            { where: `/api/v1/products/${p.slug}`, includeIllustrative: include, problems },
          );
      }
      for (const p of seed.producers) {
        const res = await call(q(`/api/v1/producers/${p.slug}`));
        if (res.status === 404 && !include && stateOf(p) === "illustrative") continue;
        if (res.status !== 200) problems.push(`/api/v1/producers/${p.slug}: ${res.status}`);
        else
          walkJson(
            await res.json(),
            "producer",
            [],
            {},
            { where: `/api/v1/producers/${p.slug}`, includeIllustrative: include, problems },
          );
      }
      for (const c of seed.channels) {
        const res = await call(q(`/api/v1/channels/${c.slug}`));
        if (res.status !== 200) problems.push(`/api/v1/channels/${c.slug}: ${res.status}`);
        else
          walkJson(
            await res.json(),
            "channel",
            [],
            {},
            { where: `/api/v1/channels/${c.slug}`, includeIllustrative: include, problems },
          );
      }
      for (const l of seed.listings) {
        const res = await call(q(`/api/v1/channels/${l.channel}/listings/${l.product}`));
        if (res.status === 404 && !include && stateOf(l) === "illustrative") continue;
        if (res.status !== 200) problems.push(`listing ${l.channel}/${l.product}: ${res.status}`);
        else
          walkJson(
            await res.json(),
            "listing",
            [],
            { channel: l.channel, product: l.product },
            {
              where: `/api/v1/channels/${l.channel}/listings/${l.product}`,
              includeIllustrative: include,
              problems,
            },
          );
      }
      expect(problems).toEqual([]);
    });

    it(`counts ${mode}: channel listing counts and facet counts say how many are illustrative`, async () => {
      const problems: string[] = [];
      const { body: channels } = await getJson(q("/api/v1/channels"));
      for (const c of channels.data as Obj[]) {
        const ls = seed.listings.filter((l) => l.channel === c.slug);
        const real = ls.filter((l) => stateOf(l) !== "illustrative").length;
        const ill = ls.length - real;
        const expected = include ? real + ill : real;
        if (c.listing_count !== expected)
          problems.push(`channel ${c.slug}: listing_count ${c.listing_count}, expected ${expected}`);
        if (include && c.illustrative_listing_count !== ill)
          problems.push(
            `channel ${c.slug}: illustrative_listing_count ${c.illustrative_listing_count}, expected ${ill}`,
          );
      }
      const { body: all } = await getJson(q("/api/v1/products?limit=100"));
      const expectedTotal = include ? seed.products.length : realProducts.length;
      if (all.page.total !== expectedTotal)
        problems.push(`products total ${all.page.total}, expected ${expectedTotal}`);
      if (include) {
        const { body: plain } = await getJson("/api/v1/products?limit=100");
        for (const [facet, values] of Object.entries(all.facets as Record<string, Obj[]>))
          for (const v of values) {
            if (typeof v.illustrative !== "number") {
              problems.push(`facet ${facet}=${v.value}: no illustrative count`);
              continue;
            }
            const real = (plain.facets[facet] as Obj[]).find((x) => x.value === v.value)?.count ?? 0;
            if ((v.count as number) - v.illustrative !== real)
              problems.push(
                `facet ${facet}=${v.value}: ${v.count} − ${v.illustrative} illustrative ≠ ${real} real`,
              );
          }
      }
      expect(problems).toEqual([]);
    });

    it(`change feed payloads ${mode}`, async () => {
      const problems: string[] = [];
      let since: string | null = null;
      const seen: Obj[] = [];
      for (let i = 0; i < 50; i++) {
        const { body }: { body: { data: Obj[]; page: { next_cursor: string; has_more: boolean } } } =
          await getJson(q(`/api/v1/changes?limit=100${since ? `&since=${encodeURIComponent(since)}` : ""}`));
        seen.push(...body.data);
        since = body.page.next_cursor;
        if (!body.page.has_more) break;
      }
      for (const c of seen) {
        const key = c.key as string;
        const state =
          c.entity === "product"
            ? stateOf(productBySlug.get(key))
            : c.entity === "producer"
              ? stateOf(producerBySlug.get(key))
              : c.entity === "listing"
                ? stateOf(listingByKey.get(key))
                : stateOf(recognitionById.get(Number(key)));
        if (state !== "illustrative") continue;
        if (!include) problems.push(`/changes: ${c.entity} ${key} is illustrative`);
        else if (!isObj(c.provenance) || c.provenance.record !== "illustrative")
          problems.push(`/changes: ${c.entity} ${key} not marked illustrative`);
      }
      if (
        include &&
        !seen.some(
          (c) => c.entity === "product" && stateOf(productBySlug.get(c.key as string)) === "illustrative",
        )
      )
        problems.push(`/changes (${INC}): no illustrative product`);
      expect(problems).toEqual([]);
    });

    it(`full feeds ${mode}`, async () => {
      const problems: string[] = [];
      const ndjson = await (await call(q("/api/v1/feeds/products.ndjson"))).text();
      const rows = ndjson
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Obj);
      const csv = await (await call(q("/api/v1/feeds/products.csv"))).text();
      const [header, ...lines] = csv.trim().split("\r\n");
      if (lines.length !== rows.length) problems.push(`CSV has ${lines.length} rows, NDJSON ${rows.length}`);
      const headerCols = (header ?? "").split(",");
      for (const col of [
        "provenance",
        "price_from_vnd_provenance",
        "district_provenance",
        "channels_provenance",
      ])
        if (!headerCols.includes(col)) problems.push(`CSV header lacks ${col}`);
      for (const r of rows) {
        const slug = r.slug as string;
        const p = productBySlug.get(slug);
        const e = productExpect(slug);
        if (!p || !e) continue;
        const where = `feed row ${slug}`;
        if (e.record === "illustrative") {
          if (!include) problems.push(`${where}: illustrative product in the default feed`);
          if (r.provenance !== "illustrative") problems.push(`${where}: not marked illustrative`);
          continue;
        }
        const mark = (col: string, state: State) => {
          if (state === "sourced") return;
          const m = r[`${col}_provenance`];
          if (present(r[col]) && !(typeof m === "string" && RANK[m as State] >= RANK[state]))
            problems.push(`${where}: ${col} = ${JSON.stringify(r[col])} is ${state}, unmarked`);
        };
        for (const [f, s] of e.fields) if (f === "price_from_vnd") mark(f, s);
        const pe = producerExpect(p.producer);
        for (const [f, s] of pe?.fields ?? []) if (f === "district") mark("district", s);
        // "sold at": the weakest state of the listings it comes from.
        const listed = seed.listings.filter((l) => l.product === slug);
        for (const ch of String(r.channels ?? "")
          .split(";")
          .filter(Boolean)) {
          const l = listed.find((x) => x.channel === ch);
          if (!l) continue;
          if (stateOf(l) === "illustrative" && !include)
            problems.push(`${where}: channel ${ch} comes from an illustrative listing`);
          mark("channels", stateOf(l));
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("the programme's figures keep their source's qualifiers in the API and on the pages, in both languages", async () => {
    const problems: string[] = [];
    const words = {
      vi: { more_than: "hơn", nearly: "gần", about: "khoảng" },
      en: { more_than: "more than", nearly: "nearly", about: "about" },
    };
    for (const lang of ["vi", "en"] as const) {
      const { body } = await getJson(`/api/v1/programme?lang=${lang}`);
      for (const f of seed.programmeFigures) {
        const out = (body.figures as Obj[]).find((x) => x.key === f.key);
        if ((out?.qualifier ?? null) !== (f.qualifier ?? null))
          problems.push(
            `/programme ${f.key}: qualifier ${out?.qualifier}, source says ${f.qualifier ?? "exact"}`,
          );
      }
      for (const page of lang === "vi" ? ["/", "/khuyen-cong"] : ["/en", "/en/programme"]) {
        const html = await (await call(page)).text();
        for (const f of seed.programmeFigures) {
          const m = html.match(new RegExp(`data-figure="${f.key}"[^>]*>([^<]*)<`));
          if (!m) {
            if (page.endsWith("programme") || page.endsWith("khuyen-cong"))
              problems.push(`${page}: figure ${f.key} not found`);
            continue;
          }
          const text = (m[1] ?? "").toLowerCase();
          if (f.qualifier && !text.startsWith(words[lang][f.qualifier]))
            problems.push(`${page}: ${f.key} shows "${m[1]}" without "${words[lang][f.qualifier]}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("search engines get facts only: JSON-LD, meta description and Open Graph; illustrative pages noindex and out of the sitemap", async () => {
    const problems: string[] = [];
    // Text that must never reach a search engine: every illustrative record's name and description.
    const forbidden = [
      ...illustrativeProducts.flatMap((p) => [p.descriptionVi, p.descriptionEn]),
      ...illustrativeProducers.flatMap((p) => [p.descriptionVi, p.descriptionEn]),
    ];
    const pages: { path: string; product?: string; producer?: string }[] = [
      ...[
        "/",
        "/en",
        "/san-pham",
        "/en/products",
        "/co-so",
        "/en/producers",
        "/kenh-phan-phoi",
        "/en/channels",
        "/cong-nhan",
        "/en/recognition",
        "/khuyen-cong",
        "/en/programme",
        "/loai",
        "/en/kinds",
      ].map((path) => ({ path })),
      ...seed.products.flatMap((p) => [
        { path: `/san-pham/${p.slug}`, product: p.slug },
        { path: `/en/products/${p.slug}`, product: p.slug },
      ]),
      ...seed.producers.flatMap((p) => [
        { path: `/co-so/${p.slug}`, producer: p.slug },
        { path: `/en/producers/${p.slug}`, producer: p.slug },
      ]),
      ...seed.channels.flatMap((c) => [
        { path: `/kenh-phan-phoi/${c.slug}` },
        { path: `/en/channels/${c.slug}` },
      ]),
      ...seed.kinds.flatMap((k) => [{ path: `/loai/${k.slug}` }, { path: `/en/kinds/${k.slug}` }]),
    ];
    for (const page of pages) {
      const res = await call(page.path);
      if (res.status !== 200) {
        problems.push(`${page.path}: ${res.status}`);
        continue;
      }
      const html = await res.text();
      const meta = (attr: string, name: string) =>
        html
          .match(new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`))?.[1]
          ?.replaceAll("&amp;", "&")
          .replaceAll("&quot;", '"') ?? "";
      const seo = [
        meta("name", "description"),
        meta("property", "og:description"),
        meta("property", "og:title"),
      ];
      const ld = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) =>
        JSON.parse(m[1] ?? "null"),
      );
      const ldText = JSON.stringify(ld);
      for (const text of forbidden) {
        const head = text.slice(0, 40);
        if (seo.some((s) => s.includes(head)))
          problems.push(`${page.path}: meta/OG carries illustrative text "${head}…"`);
        if (ldText.includes(head))
          problems.push(`${page.path}: JSON-LD carries illustrative text "${head}…"`);
      }
      const noindex = /<meta name="robots" content="noindex/.test(html);
      const p = page.product ? productBySlug.get(page.product) : undefined;
      const pr = page.producer ? producerBySlug.get(page.producer) : undefined;
      if ((p && stateOf(p) === "illustrative") || (pr && stateOf(pr) === "illustrative")) {
        if (!noindex) problems.push(`${page.path}: illustrative page is indexable`);
        if (ld.length) problems.push(`${page.path}: illustrative page has JSON-LD`);
        const desc = p ? [p.descriptionVi, p.descriptionEn] : pr ? [pr.descriptionVi, pr.descriptionEn] : [];
        if (desc.some((d) => seo.some((s) => s.includes(d.slice(0, 30)))))
          problems.push(`${page.path}: meta describes an illustrative record`);
      }
      if (p && stateOf(p) !== "illustrative") {
        const producer = producerBySlug.get(p.producer);
        const product = ld.find((x) => x?.["@type"] === "Product");
        if (!product) problems.push(`${page.path}: real product without JSON-LD`);
        const locality: string = product?.manufacturer?.address?.addressLocality ?? "";
        if (producer?.fields?.district && producer.district && locality.includes(producer.district))
          problems.push(
            `${page.path}: JSON-LD addressLocality "${locality}" uses an ${producer.fields.district} district`,
          );
        if (/"offers"|"price"/.test(JSON.stringify(product ?? {})))
          problems.push(`${page.path}: JSON-LD has a price (illustrative)`);
        for (const r of seed.recognitions.filter((x) => x.product === p.slug)) {
          const certs: Obj[] = product?.hasCertification ?? [];
          const f = r.fields ?? {};
          if (
            stateOf(r) !== "sourced" &&
            certs.some(
              (c) =>
                c.url === r.sourceUrl &&
                c.name &&
                String(c.name).length &&
                !seed.recognitions.some(
                  (o) =>
                    o !== r &&
                    o.product === p.slug &&
                    stateOf(o) === "sourced" &&
                    o.sourceUrl === r.sourceUrl,
                ),
            )
          )
            problems.push(`${page.path}: JSON-LD certifies a ${stateOf(r)} recognition ${r.id}`);
          if (f.year && r.year && certs.some((c) => c.datePublished === String(r.year)))
            problems.push(`${page.path}: JSON-LD datePublished ${r.year} is ${f.year}`);
          if (f.issuer && r.issuer && certs.some((c) => isObj(c.issuedBy) && c.issuedBy.name === r.issuer))
            problems.push(`${page.path}: JSON-LD issuedBy "${r.issuer}" is ${f.issuer}`);
        }
        const meta0 = seo[0] ?? "";
        if (p.fields?.description && meta0.includes(p.descriptionVi.slice(0, 30)))
          problems.push(`${page.path}: meta uses an ${p.fields.description} description`);
      }
    }
    const sitemap = await (await call("/sitemap.xml")).text();
    for (const p of illustrativeProducts)
      if (sitemap.includes(`/${p.slug}<`)) problems.push(`sitemap lists illustrative product ${p.slug}`);
    for (const p of illustrativeProducers)
      if (sitemap.includes(`/${p.slug}<`)) problems.push(`sitemap lists illustrative producer ${p.slug}`);
    for (const p of realProducts)
      if (!sitemap.includes(`/${p.slug}<`)) problems.push(`sitemap misses real product ${p.slug}`);
    expect(problems).toEqual([]);
  });

  it("shoppers' counts say how many are illustrative: home tier tiles, catalogue facets, channels", async () => {
    const problems: string[] = [];
    // The pages count real records only, unless the examples switch is on: then each count says its share.
    const call = (path: string) => callPage(`${path}?include=illustrative`);
    const tierOf = (slug: string) => {
      const ranks = { district: 1, provincial: 2, regional: 3, national: 4 } as const;
      const levels = seed.recognitions
        .filter((r) => r.product === slug && r.scheme === "cnnt" && r.level)
        .map((r) => ranks[r.level as keyof typeof ranks]);
      return ["", "district", "provincial", "regional", "national"][Math.max(0, ...levels)];
    };
    const counts = (html: string, attr: string) =>
      [
        ...html.matchAll(
          new RegExp(`data-${attr}="([^"]+)"[^>]*data-count="(\\d+)"[^>]*data-illustrative="(\\d+)"`, "g"),
        ),
      ].map((m) => ({
        value: m[1] as string,
        count: Number(m[2]),
        illustrative: Number(m[3]),
      }));
    for (const path of ["/", "/en"]) {
      const html = await (await call(path)).text();
      const tiles = counts(html, "tier");
      for (const tier of ["national", "regional", "provincial"]) {
        const all = seed.products.filter((p) => tierOf(p.slug) === tier);
        const ill = all.filter((p) => stateOf(p) === "illustrative").length;
        const tile = tiles.find((t) => t.value === tier);
        if (!tile) problems.push(`${path}: tier tile ${tier} has no count with its illustrative share`);
        else if (tile.count !== all.length || tile.illustrative !== ill)
          problems.push(
            `${path}: tier ${tier} shows ${tile.count}/${tile.illustrative} illustrative, expected ${all.length}/${ill}`,
          );
      }
      const label = path === "/" ? "minh họa" : "illustrative";
      if (!new RegExp(`tier-link-count[^>]*>[^<]*<span class="count-illustrative">[^<]*${label}`).test(html))
        problems.push(`${path}: no tier tile says "${label}"`);
    }
    for (const path of ["/san-pham", "/en/products"]) {
      const html = await (await call(path)).text();
      const facets = counts(html, "facet");
      if (!facets.length) problems.push(`${path}: facet counts do not say how many are illustrative`);
      const channel = facets.find((f) => f.value === "channel:go-big-c");
      const ls = seed.listings.filter((l) => l.channel === "go-big-c");
      if (
        channel &&
        channel.illustrative !==
          ls.filter(
            (l) => stateOf(l) === "illustrative" || stateOf(productBySlug.get(l.product)) === "illustrative",
          ).length
      )
        problems.push(`${path}: GO! facet illustrative share ${channel.illustrative} is wrong`);
    }
    for (const path of ["/kenh-phan-phoi", "/en/channels"]) {
      const html = await (await call(path)).text();
      const chans = counts(html, "channel");
      for (const c of seed.channels) {
        const ls = seed.listings.filter((l) => l.channel === c.slug);
        const ill = ls.filter((l) => stateOf(l) === "illustrative").length;
        const shown = chans.find((x) => x.value === c.slug);
        if (!shown || shown.count !== ls.length || shown.illustrative !== ill)
          problems.push(
            `${path}: channel ${c.slug} count ${JSON.stringify(shown)}, expected ${ls.length}/${ill}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it("a rating is of its year: one that may have lapsed is never shown as current — API, product pages in both languages, cards, JSON-LD", async () => {
    // From the seed, not the code under test: a real OCOP rating of year Y may have lapsed from 1 January of Y + 3
    // (36 months from a decision whose day is not recorded) unless a later OCOP rating of the product is recorded.
    const now = new Date().getUTCFullYear();
    const real = seed.recognitions.filter(
      (r) =>
        r.scheme === "ocop" &&
        stateOf(r) !== "illustrative" &&
        stateOf(productBySlug.get(r.product)) !== "illustrative",
    );
    const laterRating = (r: (typeof real)[number]) =>
      real.some((o) => o.product === r.product && o.year !== undefined && o.year > (r.year ?? 0));
    const lapsed = real.filter((r) => r.year !== undefined && r.year + 3 <= now && !laterRating(r));
    const undated = real.filter((r) => r.year === undefined);
    // 2020, 2021 and 2023 ratings in the seed today.
    expect(lapsed.length).toBeGreaterThanOrEqual(6);
    const problems: string[] = [];
    type Out = {
      scheme: string;
      stars: number | null;
      year: number | null;
      standing: { status: string; text: string };
    };
    for (const r of [...lapsed, ...undated]) {
      const expected = r.year === undefined ? "year_not_stated" : "may_have_lapsed";
      const { body } = await getJson(`/api/v1/products/${r.product}`);
      const out = (body.recognitions as Out[]).find(
        (x) => x.scheme === "ocop" && x.year === (r.year ?? null) && x.stars === (r.stars ?? null),
      );
      if (out?.standing.status !== expected)
        problems.push(
          `${r.product} ${r.stars}★ ${r.year}: API standing ${out?.standing.status}, not ${expected}`,
        );
      const words = { vi: "có thể đã hết hiệu lực", en: "may have lapsed" };
      for (const lang of ["vi", "en"] as const) {
        const path = lang === "vi" ? `/san-pham/${r.product}` : `/en/products/${r.product}`;
        const html = await (await call(path)).text();
        const recs = html.match(/<ul class="recs">[\s\S]*?<\/section>/)?.[0] ?? "";
        if (expected === "may_have_lapsed") {
          if (!recs.includes(`standing-may_have_lapsed`) || !recs.includes(words[lang]))
            problems.push(`${path}: the ${r.year} rating is not said to have maybe lapsed`);
          if (!recs.includes(lang === "vi" ? `Công nhận năm ${r.year}` : `Recognized in ${r.year}`))
            problems.push(`${path}: the ${r.year} rating does not say its year`);
        }
        // The badge at the top is the product's highest stars: when that rating may have lapsed, it says so.
        if (body.ocop_stars === r.stars && body.ocop_stars !== null) {
          const latestTop = real
            .filter((o) => o.product === r.product && o.stars === r.stars)
            .sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0];
          const top = html.match(/<p class="badges">[\s\S]*?<\/p>/)?.[0] ?? "";
          if (latestTop === r && expected === "may_have_lapsed" && !top.includes(words[lang]))
            problems.push(`${path}: the top OCOP badge shows a rating that may have lapsed as current`);
        }
        if (lang === "vi" && r.year !== undefined && !r.fields?.year) {
          const ld = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1] ?? "{}";
          const certs = (JSON.parse(ld).hasCertification ?? []) as {
            datePublished?: string;
            description?: string;
          }[];
          const cert = certs.find((c) => c.datePublished === String(r.year));
          if (cert && !cert.description?.includes(words.vi))
            problems.push(`${path}: JSON-LD states the ${r.year} rating without saying it may have lapsed`);
        }
      }
    }
    // Cards (lists): a product whose highest rating may have lapsed says so on its card.
    const { items } = await walkAll("/api/v1/products", 100);
    for (const p of items as {
      slug: string;
      name: string;
      ocop_stars: number | null;
      ocop_standing: string | null;
    }[]) {
      if (p.ocop_standing !== "may_have_lapsed") continue;
      const page = await (await call(`/san-pham?q=${encodeURIComponent(p.name)}`)).text();
      const card = page
        .split('<article class="card product-card">')
        .find((c) => c.includes(`href="/san-pham/${p.slug}"`));
      if (!card?.includes("có thể đã hết hiệu lực"))
        problems.push(`card of ${p.slug}: a lapsed rating shown as current`);
    }
    expect(problems).toEqual([]);
  });
});
