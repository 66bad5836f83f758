// The headers the API's middleware reads and writes on every route (src/app.ts: rate limit, D1 session, ETag), so
// declared here once for every operation rather than in each route's contract: If-None-Match and ETag/304 on every
// GET (catalogueETag), x-d1-bookmark both ways and x-d1-round-trips (d1Session), RateLimit-Policy on every answer
// (addressRateLimit). A route that declares one itself (a listing's own ETag) keeps its own. Parameters are written
// out on each operation (tools and the contract tables read them there); response headers refer to components.

type Header = { description: string; schema: Record<string, unknown>; example?: unknown };
type Parameter = Header & { name: string; in: "header"; required?: boolean };
type Ref = { $ref: string };
interface Response {
  description: string;
  headers?: Record<string, Header | Ref>;
  content?: unknown;
}
interface Operation {
  parameters?: Parameter[];
  responses?: Record<string, Response>;
}
interface Document {
  paths?: Record<string, Record<string, Operation>>;
  components?: { headers?: Record<string, Header> };
}

const BOOKMARK = {
  type: "string",
  pattern: "^[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+$",
  example: "00000000-00000002-00000000-00000000000000000000000000000000",
};

const HEADERS: Record<string, Header> = {
  ETag: {
    description:
      'The representation\'s tag: send it back in `If-None-Match` to get a 304 while nothing changed (weak `W/"…"` for catalogue reads, strong for a listing)',
    schema: { type: "string", example: 'W/"src.0.116"' },
  },
  D1Bookmark: {
    description:
      "The D1 session's bookmark after this request: on every write, and on reads that sent one. Send it as `x-d1-bookmark` with your next reads to read your own writes",
    schema: BOOKMARK,
  },
  D1RoundTrips: {
    description: "How many D1 round trips this request took (at most one; a replayed write two)",
    schema: { type: "integer", minimum: 0 },
  },
  RateLimitPolicy: {
    description:
      'IETF RateLimit-Policy: the policies this answer is limited by, quota `q` per window `w` seconds, e.g. `"api";q=100;w=10` (a keyed write: `"key";q=50;w=10, "api";q=100;w=10`)',
    schema: { type: "string", example: '"api";q=100;w=10' },
  },
};

const PARAMETERS = {
  IfNoneMatch: {
    name: "If-None-Match",
    in: "header",
    description: "An ETag from an earlier answer: while it is still current the answer is 304 without a body",
    schema: { type: "string", example: 'W/"src.0.116"' },
  },
  D1Bookmark: {
    name: "x-d1-bookmark",
    in: "header",
    description:
      "The `x-d1-bookmark` of your last write: this read then sees it (read your writes). A value of another shape is a 400",
    schema: BOOKMARK,
  },
} satisfies Record<string, Parameter>;

const ref = (name: string): Ref => ({ $ref: `#/components/headers/${name}` });
const has = (map: Record<string, unknown> | undefined, name: string) =>
  Object.keys(map ?? {}).some((k) => k.toLowerCase() === name.toLowerCase());

/** Declares the middleware's headers on every operation of the document (in place) and returns it. */
export function declareCommonHeaders<T extends object>(document: T): T {
  const doc = document as Document;
  doc.components ??= {};
  doc.components.headers = { ...doc.components.headers, ...HEADERS };
  for (const item of Object.values(doc.paths ?? {}))
    for (const [method, op] of Object.entries(item)) {
      op.parameters ??= [];
      const params = op.parameters;
      const declared = (name: string) => params.some((p) => p.name.toLowerCase() === name.toLowerCase());
      if (method === "get" && !declared("If-None-Match")) params.push({ ...PARAMETERS.IfNoneMatch });
      if (!declared("x-d1-bookmark")) params.push({ ...PARAMETERS.D1Bookmark });
      op.responses ??= {};
      const responses = op.responses;
      if (method === "get" && responses["200"] && !responses["304"])
        responses["304"] = { description: "Not modified (the `If-None-Match` ETag matches)" };
      for (const [status, response] of Object.entries(responses)) {
        response.headers ??= {};
        const headers = response.headers;
        const ok = status.startsWith("2") || status === "304";
        if (method === "get" && (status === "200" || status === "304") && !has(headers, "ETag"))
          headers.ETag = ref("ETag");
        if (ok && !has(headers, "x-d1-bookmark")) headers["x-d1-bookmark"] = ref("D1Bookmark");
        if (!has(headers, "x-d1-round-trips")) headers["x-d1-round-trips"] = ref("D1RoundTrips");
        if (!has(headers, "RateLimit-Policy")) headers["RateLimit-Policy"] = ref("RateLimitPolicy");
      }
    }
  return document;
}
