// Smoke test of what ships: wrangler dev serves wrangler.toml's main, dist/worker.js, built by scripts/build.ts (the
// [build] command) — not the sources the workerd tests import. Every public route (scripts/lib/public-routes.ts)
// must answer 200 with its media type from that build, and the OpenAPI document must be the static file the build
// wrote, so a library that breaks only when bundled, or a build step that breaks a route, fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PUBLIC_ROUTES } from "../../scripts/lib/public-routes.ts";
import { BASE } from "./server.ts";

const root = new URL("../../", import.meta.url).pathname;

describe("the built Worker (dist/) under wrangler dev", () => {
  it.each(PUBLIC_ROUTES.map((r) => [r.route, r] as const))(
    "%s answers 200",
    async (_route, { path, type }) => {
      const res = await fetch(`${BASE}${path}`);
      const body = await res.text();
      expect(res.status, body.slice(0, 300)).toBe(200);
      expect(res.headers.get("content-type")).toContain(type);
      expect(body.length).toBeGreaterThan(0);
    },
  );

  // The router that ships is the one the workerd tests run: Hono's tiny preset, which the build once swapped in,
  // served a page's path with a trailing slash as the page (200) where the tests expect this redirect.
  it("redirects a page's path with a trailing slash, as the workerd tests expect", async () => {
    const res = await fetch(`${BASE}/san-pham/?tier=national`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/san-pham?tier=national");
  });

  it("serves the OpenAPI document the build generated, with its own origin as the server", async () => {
    const served = JSON.parse(await (await fetch(`${BASE}/api/v1/openapi.json`)).text());
    const built = JSON.parse(readFileSync(`${root}public/api-docs/openapi-v1.json`, "utf8"));
    expect(served.servers).toEqual([
      { url: `${new URL(BASE).origin}/api/v1`, description: "This catalogue" },
    ]);
    expect({ ...served, servers: built.servers }).toEqual(built);
  });
});
