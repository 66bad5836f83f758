// Findings 9 and 12: a per-request bookmark never sits on a shared-cacheable response, and a request that sends
// one gets a private answer; a bookmark that is not one D1 could have issued is a 400, not passed to D1.
import { describe, expect, it } from "vitest";
import { call } from "../helpers/http.ts";
import { createKey, listing, send } from "../helpers/retail.ts";

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

describe("read-your-writes and shared caches", () => {
  for (const path of [
    "/api/v1/products?limit=2",
    "/api/v1/channels/aeon",
    "/api/v1/changes?limit=2",
    "/san-pham",
  ]) {
    it(`${path}: public without a bookmark (no bookmark header, Vary on it); private with one`, async () => {
      const shared = await call(path);
      expect(shared.status).toBe(200);
      const cc = shared.headers.get("cache-control") ?? "";
      if (/public/.test(cc)) {
        expect(shared.headers.get("x-d1-bookmark")).toBeNull();
        expect((shared.headers.get("vary") ?? "").toLowerCase()).toContain("x-d1-bookmark");
      }
      const { key } = await createKey("aeon");
      const write = await send("PUT", "/api/v1/channels/aeon/listings/mien-dong-tan-viet-a", key, listing());
      const bookmark = write.headers.get("x-d1-bookmark") ?? "";
      expect(bookmark).toMatch(BOOKMARK);
      expect(write.headers.get("cache-control")).toMatch(/no-store/);
      const mine = await call(path, { headers: { "x-d1-bookmark": bookmark } });
      expect(mine.status).toBe(200);
      expect(mine.headers.get("cache-control")).toMatch(/private/);
      expect(mine.headers.get("cache-control")).toMatch(/no-store/);
      expect(mine.headers.get("x-d1-bookmark")).toMatch(BOOKMARK);
    });
  }
});

describe("bookmarks", () => {
  for (const junk of [
    "junk",
    "abc-def",
    "00000000-00000002-00000000",
    "g0000000-00000002-00000000-00000000000000000000000000000000",
    "x".repeat(150),
  ]) {
    it(`x-d1-bookmark: ${junk.slice(0, 40)} is a 400 naming the header`, async () => {
      const res = await call("/api/v1/products?limit=1", { headers: { "x-d1-bookmark": junk } });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
      expect(JSON.stringify(await res.json())).toContain("x-d1-bookmark");
    });
  }
});
