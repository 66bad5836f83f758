// The route manifest (src/routes.ts) against the routes themselves: every route of an on-demand group lies under
// that group's prefixes (else the Worker would answer it from the public app: a 404), and no route of a public group
// lies under another group's prefixes (else the Worker would load that group for it and never reach it).
import { describe, expect, it } from "vitest";
import type { RouteGroup } from "../../src/platform/http/route-group.ts";
import { claims, ROUTES, type RouteEntry } from "../../src/routes.ts";

/** A concrete path for a route pattern: each `:param` (with its optional `{regex}`) and `*` becomes "x". */
const sample = (pattern: string) => pattern.replace(/:[^/{]+(\{[^}]*\})?/g, "x").replace(/\*/g, "x");

/** The paths a group serves: its API routes under /api/v1 (and their `at`), its page routes. */
function pathsOf(group: RouteGroup): string[] {
  const api = (group.api ?? []).flatMap(({ at = "/", routes }) =>
    routes.routes.map((r) => `/api/v1${at === "/" ? "" : at}${r.path}`),
  );
  const pages = (group.pages?.routes ?? []).map((r) => r.path);
  return [...api, ...pages].filter((p) => p !== "*" && !p.endsWith("/*")).map(sample);
}

/** Each route the manifest sends to the wrong app, as "<path>: <why>". */
function misrouted(entries: readonly RouteEntry[], groups: readonly RouteGroup[]): string[] {
  const wrong: string[] = [];
  entries.forEach((entry, i) => {
    for (const path of pathsOf(groups[i] ?? {})) {
      const claimedBy = entries.filter((e) => e.audience !== "public" && claims(e, path));
      if (entry.audience !== "public" && !claimedBy.includes(entry))
        wrong.push(`${path}: not under its group's prefixes (${entry.prefixes.join(", ")})`);
      if (entry.audience === "public" && claimedBy.length)
        wrong.push(`${path}: a public route claimed by ${claimedBy.map((e) => e.prefixes[0]).join(", ")}`);
    }
  });
  return wrong;
}

describe("the route manifest", () => {
  it("sends every route to the app that has it", async () => {
    const groups = await Promise.all(ROUTES.map((r) => r.load()));
    expect(groups.flatMap(pathsOf).length).toBeGreaterThan(50);
    expect(misrouted(ROUTES, groups)).toEqual([]);
  });

  it("fails on a prefix that misses its routes or claims a public one", async () => {
    const groups = await Promise.all(ROUTES.map((r) => r.load()));
    const planted = ROUTES.map((r) =>
      r.prefixes[0] === "/api/v1/changes" ? { ...r, prefixes: ["/api/v1/products"] } : r,
    );
    const wrong = misrouted(planted, groups);
    expect(wrong).toContain("/api/v1/changes: not under its group's prefixes (/api/v1/products)");
    expect(wrong).toContain("/api/v1/products: a public route claimed by /api/v1/products");
  });
});
