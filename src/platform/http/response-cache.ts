import type { Context, MiddlewareHandler } from "hono";
import { configAccepted } from "../config.ts";
import { CATALOGUE_VERSION, toStatement } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { noneMatchHits } from "../lib/entity-tags.ts";
import { catalogueTag } from "./etag.ts";
import { chargeAddress } from "./rate-limit.ts";

/** Development-only response header naming the layer that answered: `lru`, `cache-api`, `miss` or `bypass`. */
export const CACHE_HEADER = "x-cache";
export type CacheLayer = "lru" | "cache-api" | "miss" | "bypass";

/** How long (ms) this isolate trusts the catalogue version it last read, unless `CACHE_VERSION_TTL_MS` says. */
export const DEFAULT_VERSION_TTL_MS = 1000;
/** Bytes of response bodies the in-isolate LRU holds, unless `CACHE_LRU_BYTES` says (isolates have 128 MB). */
export const DEFAULT_LRU_BYTES = 8 * 1024 * 1024;

/** A cached 200: its body and the headers the handler chain gave it (not the per-request D1 headers). */
interface Entry {
  body: ArrayBuffer;
  headers: [string, string][];
  etag: string | null;
}

/**
 * A least-recently-used map capped by the bytes of the bodies it holds (a Map keeps insertion order: a hit is
 * moved to the end, eviction takes from the front). Hand-written because the budget has no room for a library.
 */
export function byteLru(capBytes: number) {
  const map = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string) => {
    const e = map.get(key);
    if (e) bytes -= e.body.byteLength;
    map.delete(key);
  };
  return {
    capBytes,
    get(key: string): Entry | undefined {
      const e = map.get(key);
      if (e) {
        map.delete(key);
        map.set(key, e);
      }
      return e;
    },
    set(key: string, e: Entry): void {
      drop(key);
      // One response may not take more than an eighth of the cache (a huge feed would evict everything else).
      if (e.body.byteLength > this.capBytes / 8) return;
      map.set(key, e);
      bytes += e.body.byteLength;
      for (const k of map.keys()) {
        if (bytes <= this.capBytes) break;
        drop(k);
      }
    },
    clear(): void {
      map.clear();
      bytes = 0;
    },
  };
}

// Per-isolate state: the catalogue's version and epoch last read, as its ETag (and when), bumped `generation` on
// every write seen here, and the LRU. No env or database handle is kept, only strings, numbers and response bytes.
const isolate = {
  tag: null as string | null,
  /** When the tag was read (the read's start: the bound on staleness is conservative). */
  at: 0,
  generation: 0,
  /** A background read of the version is under way (one at a time). */
  refreshing: false,
  lru: byteLru(DEFAULT_LRU_BYTES),
};

/**
 * Forgets this isolate's cached responses and the version it knows, as a fresh isolate starts (`"all"`), or only
 * the LRU's responses (`"lru"`: the next hit must come from the Cache API). For tests.
 */
export function resetIsolateCache(what: "all" | "lru" = "all"): void {
  isolate.lru.clear();
  if (what === "lru") return;
  isolate.tag = null;
  isolate.at = 0;
  isolate.generation++;
}

/** A write happened in this isolate: the version it knew is no longer the catalogue's. */
function invalidate(): void {
  isolate.tag = null;
  isolate.generation++;
}

/**
 * The cache key of a request: its path and query with parameters sorted by name (a stable sort, so the order of
 * repeated values of one parameter — which may matter — is kept). Everything that selects a response is in the
 * URL: filters, `lang`, `include`, cursors; pages carry their language in the path.
 */
export function requestKey(url: URL): string {
  const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/** Requests the cache must not answer: they want read-your-writes, or may see something personal. */
function bypasses(req: Request): boolean {
  return req.headers.has("x-d1-bookmark") || req.headers.has("authorization") || req.headers.has("cookie");
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** Headers of the request's own D1 session: never replayed to another request. */
const PER_REQUEST = new Set(["x-d1-round-trips", "x-d1-bookmark", "set-cookie", CACHE_HEADER]);

/**
 * The catalogue ETag (version and epoch) a response was made at: the one its D1 batch read, or the one its
 * catalogue ETag names (a 304 answered after the tiny version read).
 */
function tagOf(c: Context<AppEnv>): string | null {
  const d1 = c.get("d1");
  if (typeof d1?.catalogueVersion === "number" && typeof d1.catalogueEpoch === "number")
    return catalogueTag(d1.catalogueVersion, d1.catalogueEpoch);
  const etag = c.res.headers.get("etag");
  const m = etag ? /\.(\d+)\.(\d+)"$/.exec(etag) : null;
  return m && catalogueTag(Number(m[2]), Number(m[1])) === etag ? etag : null;
}

/** What background work needs of an execution context (Hono's and the Worker's types differ). */
type Background = { waitUntil(promise: Promise<unknown>): void };

/** The request's execution context, if it has one (Hono throws when the app was called without). */
function executionCtx(c: Context<AppEnv>): Background | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

const cacheApi = (): Cache | null =>
  typeof caches !== "undefined" && "default" in caches
    ? (caches as unknown as { default: Cache }).default
    : null;

/**
 * Reads the catalogue version in the background while the one known is still trusted (past half its age), so that
 * under steady traffic it never expires and no reader waits for D1; the read's start time is what counts.
 */
function refreshVersion(env: AppEnv["Bindings"], ctx: Background | undefined): void {
  if (isolate.refreshing) return;
  isolate.refreshing = true;
  const started = Date.now();
  const generation = isolate.generation;
  const read = toStatement(env.DB.withSession("first-unconstrained"), CATALOGUE_VERSION)
    .first<{ version: number; epoch: number }>()
    .then((row) => {
      if (row && generation === isolate.generation && started >= isolate.at) {
        isolate.tag = catalogueTag(row.version, row.epoch);
        isolate.at = started;
      }
    })
    .catch(() => {})
    .finally(() => {
      isolate.refreshing = false;
    });
  try {
    ctx?.waitUntil(read);
  } catch {}
}

/** The catalogue ETag this isolate trusts now (null past `ttl` ms or before the first read). */
function knownTag(now: number, ttl: number): string | null {
  return isolate.tag !== null && now - isolate.at < ttl ? isolate.tag : null;
}

/**
 * The fields a 304 carries: those RFC 9110 §15.4.5 requires of it (the validators and caching fields a 200 would
 * have had), CORS (for clients that check it on the 304 itself) and the D1 session's own headers. A 304 tells a
 * client that holds the response to keep using it, and that client's stored copy keeps every other field — the
 * security headers included: a cache updates the stored fields the 304 names and keeps the rest (RFC 9111 §4.3.4).
 */
const FIELDS_OF_304 = new Set([
  "etag",
  "cache-control",
  "expires",
  "vary",
  "date",
  "content-location",
  "access-control-allow-origin",
  "access-control-expose-headers",
  "x-d1-round-trips",
  "x-d1-bookmark",
  "set-cookie",
  CACHE_HEADER,
]);

/** A 304 with only {@link FIELDS_OF_304} of the given headers. */
function notModified(headers: Iterable<[string, string]>): Response {
  const kept = new Headers();
  for (const [name, value] of headers) if (FIELDS_OF_304.has(name)) kept.append(name, value);
  return new Response(null, { status: 304, headers: kept });
}

/**
 * Drops from a 304 the fields not in {@link FIELDS_OF_304}, in place: replacing `c.res` would not do, since Hono
 * copies the old response's headers onto the new one.
 */
function trim304(res: Response): void {
  if (res.status !== 304) return;
  for (const name of [...res.headers.keys()]) if (!FIELDS_OF_304.has(name)) res.headers.delete(name);
}

/** A response built from a cached entry: a 304 when `If-None-Match` names its ETag, else its bytes. */
function answer(e: Entry, req: Request, layer: CacheLayer, report: boolean): Response {
  const ifNoneMatch = req.headers.get("if-none-match");
  if (ifNoneMatch && e.etag && noneMatchHits(ifNoneMatch, e.etag)) {
    const headers: [string, string][] = [...e.headers, ["x-d1-round-trips", "0"]];
    if (report) headers.push([CACHE_HEADER, layer]);
    return notModified(headers);
  }
  const headers = new Headers(e.headers);
  headers.set("x-d1-round-trips", "0");
  if (report) headers.set(CACHE_HEADER, layer);
  return new Response(req.method === "HEAD" ? null : e.body.slice(0), { status: 200, headers });
}

/** The isolate's LRU, capped as `CACHE_LRU_BYTES` says. */
function lruFor(env: AppEnv["Bindings"]) {
  isolate.lru.capBytes = positive(env.CACHE_LRU_BYTES, DEFAULT_LRU_BYTES);
  return isolate.lru;
}

/** Where the Cache API keeps a request's response at a catalogue version (a key, never fetched). */
const cacheKeyUrl = (url: URL, tag: string, key: string) =>
  `${url.origin}/__response-cache/${encodeURIComponent(tag)}${key}`;

/**
 * The cached answer to a request, or null: a GET or HEAD without credentials or a bookmark, while the cache is on
 * and the catalogue version is trusted, from the isolate's LRU or else the Cache API (which then fills the LRU) —
 * and only if the deployment's configuration is accepted (a refused one serves nothing, src/platform/http/safe-config.ts)
 * and the request is within its address's rate limit, charged here since the answer skips the middleware that
 * would charge it (a request refused goes on through the app, whose middleware charges it again and answers the
 * 429 or the 500). Free of D1 (past half the version's age it starts a background read of the version). The
 * Worker calls it before any routing (src/index.ts), so a hit costs no middleware; {@link responseCache} stores
 * what it answers.
 */
export async function cachedAnswer(
  req: Request,
  env: AppEnv["Bindings"],
  ctx?: Background,
): Promise<Response | null> {
  if ((req.method !== "GET" && req.method !== "HEAD") || bypasses(req)) return null;
  const ttl = positive(env.CACHE_VERSION_TTL_MS, DEFAULT_VERSION_TTL_MS);
  if (ttl === 0) return null;
  const now = Date.now();
  const known = knownTag(now, ttl);
  if (known === null) return null;
  const url = new URL(req.url);
  const key = requestKey(url);
  let layer: CacheLayer = "lru";
  let entry = isolate.lru.get(`${known}${key}`);
  if (!entry) {
    const stored = await cacheApi()?.match(cacheKeyUrl(url, known, key));
    if (!stored) return null;
    layer = "cache-api";
    entry = {
      body: await stored.arrayBuffer(),
      headers: [...stored.headers].filter(([h]) => !PER_REQUEST.has(h)),
      etag: stored.headers.get("etag"),
    };
    lruFor(env).set(`${known}${key}`, entry);
  }
  if (!configAccepted(env, url) || !(await chargeAddress(req, env, url))) return null;
  if (now - isolate.at > ttl / 2) refreshVersion(env, ctx);
  return answer(entry, req, layer, env.DEV_MODE === "1");
}

/**
 * Marks a route's 200s as cacheable by {@link responseCache}: put it on routes whose response depends only on the
 * URL and the catalogue's data version (the API's public reads, the shopper's pages).
 *
 * @example pages.get("/san-pham", cacheable(), d1Session(), handler)
 */
export function cacheable(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("cacheable", true);
    await next();
  };
}

/**
 * A response cache in front of the app, for the routes marked {@link cacheable}: a hit is answered before the
 * rest of the chain runs, with the headers the whole chain gave the response it stored (CORS, Cache-Control,
 * ETag, CSP, the security headers). Mount it first, so that what it stores is the response as the chain left it; a
 * hit is still charged to its address and refused under a refused configuration. The Worker looks both layers up
 * before routing ({@link cachedAnswer}); this middleware stores what the chain made, forgets the version on a
 * write and makes every 304 lean ({@link FIELDS_OF_304}).
 *
 * - Key: {@link requestKey} + the catalogue's ETag (build, epoch, data version), as this isolate last read it,
 *   trusted for `CACHE_VERSION_TTL_MS` (default 1 s; 0 turns the cache off): a write elsewhere is visible here
 *   within that age. Every D1 batch reads the version anyway (countedD1), so a miss refreshes it in the same round
 *   trip; past half its age a hit has it read again in the background, so steady traffic never waits for D1.
 * - A write through this isolate (any method but GET and HEAD) forgets the version at once.
 * - Requests with `x-d1-bookmark` (read-your-writes) or credentials (`Authorization`, `Cookie`) bypass it.
 * - Layers: an in-isolate LRU capped at `CACHE_LRU_BYTES`, then the Cache API (`caches.default`: shared by the
 *   isolates of a data centre, on a custom domain; a no-op on workers.dev). Only 200s are stored; a hit answers
 *   `If-None-Match` with a 304 itself.
 * - With `DEV_MODE=1`, `x-cache` says which layer answered.
 *
 * @example app.use("*", responseCache(), securityHeaders(), addressRateLimit(), bodyCeiling())
 */
export function responseCache(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    const report = c.env.DEV_MODE === "1";
    const mark = (res: Response, layer: CacheLayer) => {
      if (report) res.headers.set(CACHE_HEADER, layer);
      return res;
    };
    if (method !== "GET" && method !== "HEAD") {
      // Forgotten before (so a read racing the write cannot keep the old version) and after the write.
      invalidate();
      await next();
      invalidate();
      return;
    }
    const ttl = positive(c.env.CACHE_VERSION_TTL_MS, DEFAULT_VERSION_TTL_MS);
    if (ttl === 0 || bypasses(c.req.raw)) {
      await next();
      if (c.get("cacheable")) mark(c.res, "bypass");
      trim304(c.res);
      return;
    }
    // Reached on a miss: src/index.ts answered every hit it could (cachedAnswer) before routing.
    const url = new URL(c.req.url);
    const key = requestKey(url);
    const now = Date.now();
    const generation = isolate.generation;
    await next();
    // Every 304 the app makes (a route's own If-None-Match check) carries the same fields as a cached one.
    trim304(c.res);
    if (!c.get("cacheable")) return;
    const tag = tagOf(c);
    if (tag === null) return;
    // A write seen here since this request began may have changed the catalogue after its read: do not trust it.
    if (generation !== isolate.generation) return;
    isolate.tag = tag;
    isolate.at = now;
    const res = c.res;
    const cc = res.headers.get("cache-control") ?? "";
    if (res.status !== 200 || res.headers.has("set-cookie") || /no-store|private/.test(cc)) {
      mark(res, "miss");
      return;
    }
    const body = await res.arrayBuffer();
    const headers = [...res.headers].filter(([h]) => !PER_REQUEST.has(h));
    const e: Entry = { body, headers, etag: res.headers.get("etag") };
    lruFor(c.env).set(`${tag}${key}`, e);
    c.res = mark(new Response(body.slice(0), { status: 200, headers: res.headers }), "miss");
    const shared = cacheApi();
    if (shared) {
      // The key names the version, so the copy never holds stale data; it keeps the route's own Cache-Control
      // (max-age=60), which is how long the data centre's cache keeps it.
      const put = shared.put(cacheKeyUrl(url, tag, key), new Response(body.slice(0), { headers }));
      const ctx = executionCtx(c);
      if (ctx) ctx.waitUntil(put.catch(() => {}));
      else await put.catch(() => {});
    }
  };
}
