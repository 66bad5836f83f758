// Issue 23, finding 11: rotating CURSOR_SECRET broke every retailer's mirror (each old cursor got a generic 400 the
// SDK cannot handle). Now the previous secret keeps verifying during an overlap (CURSOR_SECRET_PREVIOUS), cursors
// carry the id of the key that signed them, and a change-feed cursor signed by a key the server no longer holds
// gets the documented 410 feed-reset, which the SDK answers by reading the feed again.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createCatalogueClient } from "../../packages/client/src/index.ts";
import worker from "../../src/index.ts";

const OLD = env.CURSOR_SECRET;
const NEW = "local-development-rotated-cursor-secret-0123456789";

/** Calls the Worker as deployed with other secrets (a rotation), through its real fetch handler and D1. */
function deployed(vars: { CURSOR_SECRET: string; CURSOR_SECRET_PREVIOUS?: string }) {
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  const fetch = (request: Request) =>
    worker.fetch(request, { ...env, CURSOR_SECRET_PREVIOUS: undefined, ...vars } as never, ctx);
  const get = async (path: string) => {
    const res = await fetch(new Request(`http://localhost${path}`));
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return { fetch, get };
}

const before = deployed({ CURSOR_SECRET: OLD });
const overlap = deployed({ CURSOR_SECRET: NEW, CURSOR_SECRET_PREVIOUS: OLD });
const after = deployed({ CURSOR_SECRET: NEW });

describe("rotating CURSOR_SECRET", () => {
  it("during the overlap an old change-feed cursor continues, and the next one is signed with the new key", async () => {
    const held = (await before.get("/api/v1/changes?limit=5")).body.page.next_cursor as string;
    const next = await overlap.get(`/api/v1/changes?limit=5&cursor=${encodeURIComponent(held)}`);
    expect(next.status).toBe(200);
    expect(next.body.data.length).toBeGreaterThan(0);
    const moved = next.body.page.next_cursor as string;
    // Once the old key is dropped, the cursor handed out during the overlap still works.
    expect((await after.get(`/api/v1/changes?limit=5&cursor=${encodeURIComponent(moved)}`)).status).toBe(200);
  });

  it("after the overlap, a change-feed cursor of the old key is the documented 410 feed-reset, not a 400", async () => {
    const held = (await before.get("/api/v1/changes?limit=5")).body.page.next_cursor as string;
    const res = await after.get(`/api/v1/changes?limit=5&cursor=${encodeURIComponent(held)}`);
    expect(res.status).toBe(410);
    expect(res.body.type).toBe("/problems/feed-reset");
    expect(res.body.detail).toMatch(/key/);
    // Its former name, `since`, the same.
    expect((await after.get(`/api/v1/changes?since=${encodeURIComponent(held)}`)).status).toBe(410);
  });

  it("the SDK's mirror resets and reads the feed again from the beginning", async () => {
    const total = (await before.get("/api/v1/changes?limit=1000")).body.data.length as number;
    const held = (await before.get("/api/v1/changes?limit=5")).body.page.next_cursor as string;
    const client = createCatalogueClient({ origin: "http://localhost", fetch: after.fetch });
    let resets = 0;
    let applied = 0;
    const { read } = await client.mirror({
      cursor: held,
      limit: 500,
      reset: () => {
        resets++;
        applied = 0;
      },
      apply: (changes) => {
        applied += changes.length;
      },
    });
    expect(resets).toBe(1);
    expect(applied).toBe(total);
    expect(read).toBe(total);
  });

  it("an edited cursor is still a 400 naming it, with the key id known or not", async () => {
    const held = (await before.get("/api/v1/changes?limit=5")).body.page.next_cursor as string;
    const parts = held.split(".");
    const edited = [...parts.slice(0, -1), `${parts.at(-1)?.slice(0, -3)}abc`].join(".");
    const res = await before.get(`/api/v1/changes?cursor=${encodeURIComponent(edited)}`);
    expect(res.status).toBe(400);
    expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(["cursor"]);
  });

  it("a list cursor works through the overlap; after it, a 400 that says to start the list again", async () => {
    const held = (await before.get("/api/v1/products?limit=2")).body.page.next_cursor as string;
    expect((await overlap.get(`/api/v1/products?limit=2&cursor=${encodeURIComponent(held)}`)).status).toBe(
      200,
    );
    const stale = await after.get(`/api/v1/products?limit=2&cursor=${encodeURIComponent(held)}`);
    expect(stale.status).toBe(400);
    expect(stale.body.invalid_params).toEqual([{ name: "cursor", reason: expect.stringMatching(/start/) }]);
  });
});
