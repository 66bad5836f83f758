// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the mutations quote source code, template literals included
// The mutations `npm run mutate` applies, one at a time: realistic one-line bugs in the riskiest modules, each
// with the test files that should catch it (only those run, so a mutant costs seconds, not the whole suite).
// A mutation's `search` must occur exactly once in its file; when the code moved or changed, the run reports the
// mutation "stale" rather than guessing: fix its file or search text here.
//
// `equivalent`: a mutant no test can kill because it changes no behaviour a user could see; say why.

export interface Mutation {
  file: string;
  search: string;
  replace: string;
  why: string;
  /** Test files that should fail on it (defaults to its module's). */
  tests?: string[];
  equivalent?: string;
}

export interface Module {
  name: string;
  tests: string[];
  mutations: Mutation[];
}

export const MODULES: Module[] = [
  {
    name: "response cache",
    tests: [
      "test/contract/cache.test.ts",
      "test/platform/http/response-cache.test.ts",
      "test/security/caching.test.ts",
    ],
    mutations: [
      {
        file: "src/platform/http/response-cache.ts",
        search: "const params = [...url.searchParams].sort(",
        replace: 'const params = [...url.searchParams].filter(([k]) => k !== "include").sort(',
        why: "the cache key forgets include: illustrative rows reach clients that did not ask (issue 29, 1)",
      },
      {
        file: "src/platform/http/response-cache.ts",
        search: "const params = [...url.searchParams].sort(",
        replace: 'const params = [...url.searchParams].filter(([k]) => k !== "lang").sort(',
        why: "the cache key forgets lang: one language's answer for the other",
      },
      {
        file: "src/platform/http/response-cache.ts",
        search: 'if (res.status !== 200 || res.headers.has("set-cookie")',
        replace: 'if (res.status >= 500 || res.headers.has("set-cookie")',
        why: "stores every status below 500: a 304 comes back as an empty 200 (issue 29, 2)",
      },
      {
        file: "src/platform/http/response-cache.ts",
        search: 'return req.headers.has("x-d1-bookmark") || req.headers.has("authorization") ||',
        replace: 'return req.headers.has("x-d1-bookmark") ||',
        why: "requests with credentials are answered from the shared cache",
      },
      {
        file: "src/platform/http/response-cache.ts",
        search: 'return req.headers.has("x-d1-bookmark") || req.headers.has("authorization") ||',
        replace: 'return req.headers.has("authorization") ||',
        why: "a writer's read-your-writes bookmark is answered from the cache (its own write unseen)",
      },
      {
        file: "src/platform/http/response-cache.ts",
        search: "    if (generation !== isolate.generation) return;",
        replace: "",
        why: "a read that raced a write is stored under the version after the write",
      },
      {
        file: "src/platform/http/response-cache.ts",
        search: "return isolate.tag !== null && now - isolate.at < ttl ? isolate.tag : null;",
        replace: "return isolate.tag !== null && now - isolate.at < ttl * 1000 ? isolate.tag : null;",
        why: "the version age read as seconds: a write elsewhere unseen for minutes",
      },
      {
        file: "src/platform/http/response-cache.ts",
        search: "/no-store|private/.test(cc)",
        replace: "/no-store/.test(cc)",
        why: "private responses are stored and shared",
      },
      {
        file: "src/platform/http/response-cache.ts",
        search: "if (!configAccepted(env, url) || !(await chargeAddress(req, env, url))) return null;",
        replace: "if (!configAccepted(env, url)) return null;",
        why: "cache hits skip the address rate limit",
      },
      {
        file: "src/platform/http/response-cache.ts",
        search:
          'return new Response(req.method === "HEAD" ? null : e.body.slice(0), { status: 200, headers });',
        replace: "return new Response(e.body.slice(0), { status: 200, headers });",
        why: "a HEAD answered from the cache carries a body",
      },
      {
        file: "src/platform/lib/entity-tags.ts",
        search: "return star || tags.some((t) => t.opaque === opaqueOf(current));",
        replace: "return star || tags.some((t) => !t.weak && t.opaque === opaqueOf(current));",
        why: "strong comparison of If-None-Match: weak tags never revalidate from the cache",
      },
    ],
  },
  {
    name: "auth and roles",
    tests: [
      "test/contract/roles.test.ts",
      "test/editor/admin.test.ts",
      "test/editor/signin.test.ts",
      "test/retail/keys/auth.test.ts",
    ],
    mutations: [
      {
        file: "src/editor/api/records.routes.ts",
        search:
          'summary: "Publish a producer\'s draft (publishers; also happens when one of its products is published)",\n  description:\n    "Applies the producer\'s draft to the catalogue. Refused (422) without an https source. Without a draft, answers the producer as it is.",\n  middleware: [requireEditorToken("publisher")]',
        replace:
          'summary: "Publish a producer\'s draft (publishers; also happens when one of its products is published)",\n  description:\n    "Applies the producer\'s draft to the catalogue. Refused (422) without an https source. Without a draft, answers the producer as it is.",\n  middleware: [requireEditorToken("editor")]',
        why: "an editor may publish a producer (issue 29, 3)",
      },
      {
        file: "src/editor/api/admin.routes.ts",
        search: 'middleware: [requireEditorToken("publisher", { beforeBody: true }), importBody]',
        replace: 'middleware: [requireEditorToken("editor", { beforeBody: true }), importBody]',
        why: "an editor may import (and publish) a whole sheet",
      },
      {
        file: "src/editor/auth/auth.ts",
        search:
          "AND ((${cred.role} = 'editor' AND ${editors.role} = 'editor') OR ${editors.role} = 'publisher'))",
        replace: "AND ((${cred.role} = 'editor') OR ${editors.role} = 'publisher'))",
        why: "the token guard lets every role through",
      },
      {
        file: "src/editor/auth/auth.ts",
        search: "AND ${editorTokens.revokedAt} IS NULL AND ${editors.disabledAt} IS NULL",
        replace: "AND ${editors.disabledAt} IS NULL",
        why: "a revoked editor token still works",
      },
      {
        file: "src/editor/auth/auth.ts",
        search: "AND ${editorTokens.revokedAt} IS NULL AND ${editors.disabledAt} IS NULL",
        replace: "AND ${editorTokens.revokedAt} IS NULL",
        why: "a disabled editor's token still works",
      },
      {
        file: "src/editor/auth/auth.ts",
        search: "export const hasRole = (role: Role, needed: Role) => RANK[role] >= RANK[needed];",
        replace: "export const hasRole = (role: Role, needed: Role) => RANK[role] > 0;",
        why: "every signed-in editor counts as a publisher on the pages",
      },
      {
        file: "src/retail/keys/auth.ts",
        search: "if (row.revoked_at) return refuse(",
        replace: "if (false) return refuse(",
        why: "a revoked retailer key still writes",
      },
      {
        file: "src/retail/keys/auth.ts",
        search: "if (row.channel_slug !== cr.channel) {",
        replace: "if (!row.channel_slug) {",
        why: "a retailer key writes another channel's listings",
      },
      {
        file: "src/retail/keys/auth.ts",
        search: 'await enforceRateLimit(c, "RATE_LIMIT_KEY", `key:${hash}`);',
        replace: "",
        why: "retailer keys are not rate limited",
        tests: ["test/platform/http/ratelimit.test.ts", "test/security/write-charging.test.ts"],
      },
    ],
  },
  {
    name: "cursors and pagination",
    tests: [
      "test/contract/cursors.test.ts",
      "test/platform/lib/cursor.test.ts",
      "test/platform/db/pagination.test.ts",
      "test/catalogue/products.test.ts",
    ],
    mutations: [
      {
        file: "src/catalogue/recognitions/recognitions.queries.ts",
        search: '|${input.year ?? ""}|',
        replace: "|",
        why: "a cursor of ?year=A goes on in ?year=B (issue 29, 4)",
      },
      {
        file: "src/catalogue/producers/producers.queries.ts",
        search: 'const scope = `producers|${input.district ?? ""}|',
        replace: "const scope = `producers|",
        why: "a producers cursor outlives a changed district",
      },
      {
        file: "src/catalogue/channels/channels.queries.ts",
        search: 'const scope = `channels|${include ? "all" : "real"}`;',
        replace: 'const scope = "channels";',
        why: "a channels cursor outlives a changed include",
      },
      {
        file: "src/catalogue/products/products.queries.ts",
        search: '    input.includeIllustrative ? "all" : "real",',
        replace: "",
        why: "a products cursor outlives a changed include",
        equivalent:
          "include also adds the illustrative flag to the products keyset (sortSpec), so a cursor of the other list has another key length and decodeCursor's arity check refuses it (400 naming cursor, 'malformed cursor')",
      },
      {
        file: "src/platform/lib/cursor.ts",
        search: "if (!Array.isArray(decoded) || decoded[0] !== scope || !Array.isArray(decoded[1])) {",
        replace: "if (!Array.isArray(decoded) || !Array.isArray(decoded[1])) {",
        why: "no cursor is checked against its query",
      },
      {
        file: "src/platform/lib/cursor.ts",
        search: "if (!verified || b64url(given) !== sig) {",
        replace: "if (!verified) {",
        why: "a signature spelt another way (base64url's spare bits) is accepted",
      },
      {
        file: "src/platform/lib/cursor.ts",
        search: "let diff = given.length ^ expected.length;",
        replace: "let diff = 0;",
        why: "a signature with bytes appended is accepted",
      },
      {
        file: "src/platform/lib/cursor.ts",
        search: "if ((arity !== undefined && key.length !== arity) || !key.every(scalar))",
        replace: "if (!key.every(scalar))",
        why: "a cursor of another list's key length is read as this one's",
      },
      {
        file: "src/platform/db/pagination.ts",
        search: "const hasMore = rows.length > limit;",
        replace: "const hasMore = rows.length >= limit;",
        why: "a full last page says there is more",
      },
      {
        file: "src/platform/db/pagination.ts",
        search: "const items = rows.slice(0, limit);",
        replace: "const items = rows.slice(0, limit + 1);",
        why: "the look-ahead row is served, then served again on the next page",
      },
    ],
  },
  {
    name: "provenance",
    tests: [
      "test/domain/provenance.test.ts",
      "test/domain/provenance-walk.test.ts",
      "test/catalogue/products.test.ts",
      "test/retail/feeds/feed.test.ts",
    ],
    mutations: [
      {
        file: "src/domain/provenance.ts",
        search: 'return v === "sourced" || v === "inferred" || v === "illustrative" ? v : "illustrative";',
        replace: 'return v === "sourced" || v === "inferred" || v === "illustrative" ? v : "sourced";',
        why: "an unknown state in the database is promoted to fact",
      },
      {
        file: "src/domain/provenance.ts",
        search: 'if (state !== "sourced") out[k] = state;',
        replace: 'if (state === "illustrative") out[k] = state;',
        why: "inferred fields lose their mark",
      },
      {
        file: "src/domain/provenance.ts",
        search: 'if (s !== "illustrative") continue;',
        replace: 'if (s === "sourced") continue;',
        why: "inferred values are withheld as if made up",
      },
      {
        file: "src/domain/provenance.ts",
        search: "for (const s of states) if (s && RANK[s] > RANK[out]) out = s;",
        replace: "for (const s of states) if (s && RANK[s] >= RANK[out]) out = s;",
        why: "ties take the later state",
        equivalent: "states of equal rank are the same state: assigning it again changes nothing",
      },
      {
        file: "src/platform/db/mappers.ts",
        search: 'include ? undefined : ne(provenance, "illustrative");',
        replace: "undefined;",
        why: "illustrative records are listed without include",
      },
      {
        file: "src/retail/feeds/feeds.queries.ts",
        search: "(include ? sql`` : sql`AND ${t.provenance} <> 'illustrative'`);",
        replace: "(sql``);",
        why: "the full feeds carry illustrative products and listings without include",
      },
      {
        file: "src/platform/db/mappers.ts",
        search: "AND (${r.provenance} <> 'illustrative' OR ${qualified(t.provenance)} = 'illustrative')`;",
        replace: "AND (1 OR ${qualified(t.provenance)} = 'illustrative')`;",
        why: "an illustrative OCOP recognition makes a real product OCOP-certified in lists and feeds",
      },
      {
        file: "src/domain/provenance.ts",
        search: 'v.sample ? "illustrative" : undefined',
        replace: "undefined",
        why: "sample prices are not marked illustrative",
      },
    ],
  },
  {
    name: "rate limits",
    tests: [
      "test/platform/http/ratelimit.test.ts",
      "test/security/addresses.test.ts",
      "test/security/write-charging.test.ts",
    ],
    mutations: [
      {
        file: "src/platform/http/rate-limit.ts",
        search:
          'const limiterOf = (path: string): Limiter => (isApiCall(path) ? "RATE_LIMIT_ANON" : "RATE_LIMIT_PAGES");',
        replace: 'const limiterOf = (_path: string): Limiter => "RATE_LIMIT_PAGES";',
        why: "API calls are charged to the looser pages limit",
      },
      {
        file: "src/platform/http/rate-limit.ts",
        search: "  if (success) return;",
        replace: "  return;",
        why: "the limit is read and ignored",
      },
      {
        file: "src/platform/http/client-address.ts",
        search: "    .slice(0, 4)",
        replace: "    .slice(0, 8)",
        why: "IPv6 callers are counted per address, not per /64: rotating the low bits escapes the limit",
      },
      {
        file: "src/platform/http/client-address.ts",
        search: "if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {",
        replace: "if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0) {",
        why: "an IPv4-mapped address gets a bucket apart from its IPv4 address",
      },
      {
        file: "src/platform/http/client-address.ts",
        search: "return isLocalHost(url.hostname) ? null : NO_ADDRESS_BUCKET;",
        replace: "return null;",
        why: "requests without an address go unlimited on a public host (fail open)",
      },
      {
        file: "src/platform/http/client-address.ts",
        search: 'key.startsWith("v4:127.") ||',
        replace: 'key === "v4:127.0.0.1" ||',
        why: "only 127.0.0.1 counts as loopback",
      },
    ],
  },
  {
    name: "webhooks guard and signing",
    tests: [
      "test/retail/webhooks/guard.test.ts",
      "test/retail/webhooks/address.test.ts",
      "test/retail/webhooks/delivery.test.ts",
      "test/retail/webhooks/endpoints.test.ts",
    ],
    mutations: [
      {
        file: "src/retail/webhooks/guard.ts",
        search: "if (url.username || url.password) return",
        replace: "if (url.password) return",
        why: "a URL with a user name (credentials in the log) is accepted",
      },
      {
        file: "src/retail/webhooks/guard.ts",
        search:
          '  if (!host.includes(".") || host.endsWith(".") || PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) {',
        replace: '  if (host.endsWith(".") || PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) {',
        why: "single-label hosts (intranet names) are accepted",
      },
      {
        file: "src/retail/webhooks/guard.ts",
        search: '".internal", ',
        replace: "",
        why: "*.internal hosts are accepted",
      },
      {
        file: "src/retail/webhooks/guard.ts",
        search: "    if (p) return `${host} resolves to ${address}, a ${p}`;",
        replace: "    if (p && addresses.length === 1) return `${host} resolves to ${address}, a ${p}`;",
        why: "a name with a public and a private address (DNS rebinding) is accepted",
      },
      {
        file: "src/retail/webhooks/guard.ts",
        search: "  if (!addresses.length) return `${host} has no address`;",
        replace: "",
        why: "a name without addresses is accepted",
      },
      {
        file: "src/retail/webhooks/address.ts",
        search: '  [[169, 254, 0, 0], 16, "link local"],',
        replace: "",
        why: "link-local addresses (cloud metadata at 169.254.169.254) are accepted",
      },
      {
        file: "src/retail/webhooks/signature.ts",
        search: "enc.encode(`${id}.${timestamp}.${body}`)",
        replace: "enc.encode(`${id}.${body}`)",
        why: "the signature does not cover the timestamp: replays pass",
      },
      {
        file: "src/retail/webhooks/signature.ts",
        search: "const timestamp = Math.floor(now.getTime() / 1000);",
        replace: "const timestamp = now.getTime();",
        why: "milliseconds where Standard Webhooks says seconds",
      },
      {
        file: "src/retail/webhooks/signature.ts",
        search: '"webhook-signature": signatures.join(" "),',
        replace: '"webhook-signature": signatures.join(","),',
        why: "several signatures (a rotated secret) run together",
      },
      {
        file: "src/retail/webhooks/deliver.ts",
        search: 'redirect: "manual",',
        replace: 'redirect: "follow",',
        why: "a receiver can redirect the delivery to an internal address",
      },
    ],
  },
  {
    name: "backup and restore",
    tests: ["test/ops/backup-restore.test.ts", "test/ops/restore-security.test.ts"],
    mutations: [
      {
        file: "src/platform/db/backup/restore.ts",
        search: 'versionColumns.includes("epoch") ? `, "epoch" = max("epoch" + 1, ${epoch})` : ""',
        replace: '""',
        why: "a restore keeps the epoch: clients' old ETags and cursors match restored data",
      },
      {
        file: "src/platform/db/backup/restore.ts",
        search: '`UPDATE "catalogue_version" SET "version" = "version" + 1${',
        replace: '`UPDATE "catalogue_version" SET "version" = "version"${',
        why: "a restore does not bump the version",
      },
      {
        file: "src/platform/db/backup/restore.ts",
        search: 'THEN coalesce("api_keys"."revoked_at", excluded."revoked_at")',
        replace: 'THEN excluded."revoked_at"',
        why: "a key revoked after the backup comes back to life on restore",
      },
      {
        file: "src/platform/db/backup/restore.ts",
        search: 'const mergeKeys = keyColumns.length > 0 && target.tables.includes("channels");',
        replace: "const mergeKeys = false;",
        why: "a restore forgets keys made after the backup",
      },
      {
        file: "src/platform/db/backup/restore.ts",
        search: '(c) => `${ident(c)} = max("catalogue_version".${ident(c)}, excluded.${ident(c)})`,',
        replace: "(c) => `${ident(c)} = excluded.${ident(c)}`,",
        why: "an older backup moves the version counter back",
      },
    ],
  },
  {
    name: "CSV",
    tests: [
      "test/security/csv.test.ts",
      "test/security/csv-export.test.ts",
      "test/editor/csv.test.ts",
      "test/retail/feeds/csv.test.ts",
      "test/retail/feeds/feed.test.ts",
    ],
    mutations: [
      {
        file: "src/platform/lib/csv.ts",
        search: "const FORMULA = /^'*[=+\\-@\\t\\r]/;",
        replace: "const FORMULA = /^'*[=+\\-@]/;",
        why: "a field starting with a tab or CR runs as a formula",
      },
      {
        file: "src/platform/lib/csv.ts",
        search: "const FORMULA = /^'*[=+\\-@\\t\\r]/;",
        replace: "const FORMULA = /^'*[=+@\\t\\r]/;",
        why: "a field starting with - runs as a formula",
      },
      {
        file: "src/platform/lib/csv.ts",
        search: "const FORMULA = /^'*[=+\\-@\\t\\r]/;",
        replace: "const FORMULA = /^[=+\\-@\\t\\r]/;",
        why: "a value that already starts with an apostrophe and a formula is written live once the reader strips one",
      },
      {
        file: "src/platform/lib/csv.ts",
        search: 'const needsQuotes = /[",\\r\\n]|^\\s|\\s$/;',
        replace: 'const needsQuotes = /[",\\n]|^\\s|\\s$/;',
        why: "a lone CR inside a field is written unquoted and splits the row",
      },
      {
        file: "src/platform/lib/csv.ts",
        search: 'const text = input.startsWith("\\ufeff") ? input.slice(1) : input;',
        replace: "const text = input;",
        why: "a sheet saved with a byte-order mark loses its first column's name",
      },
      {
        file: "src/platform/lib/csv.ts",
        search: "if (rows.length && row.length !== rows[0]?.length) {",
        replace: "if (rows.length && row.length > (rows[0]?.length ?? 0)) {",
        why: "a short row is accepted, its missing fields read as absent",
      },
      {
        file: "src/platform/lib/csv.ts",
        search: 'const needsQuotes = /[",\\r\\n]|^\\s|\\s$/;',
        replace: 'const needsQuotes = /[",\\r\\n]/;',
        why: "values with leading or trailing spaces are exported unquoted",
        equivalent:
          "RFC 4180 keeps spaces as part of a field and so does parseCsv, so the export still imports back unchanged; the quotes only help spreadsheet programs set to trim, which no test here runs",
      },
    ],
  },
];
