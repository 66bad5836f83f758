// The one keyset-page helper every cursor list uses, without HTTP: the extra row only says there is more, and the
// next cursor names the last row served, signed for the list's scope.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keysetPage } from "../../../src/platform/db/pagination.ts";
import { decodeCursor } from "../../../src/platform/lib/cursor.ts";

const SECRET = "unit-test-secret";
const opts = { secret: SECRET, scope: "things", keyOf: (r: { id: number }) => [r.id] };

describe("keysetPage", () => {
  it("serves `limit` rows of `limit + 1`, and a cursor naming the last one served", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 40 }), async (limit, n) => {
        const rows = Array.from({ length: Math.min(n, limit + 1) }, (_, i) => ({ id: i + 1 }));
        const page = await keysetPage(rows, limit, opts);
        expect(page.items).toEqual(rows.slice(0, limit));
        expect(page.hasMore).toBe(rows.length > limit);
        if (!page.hasMore) expect(page.nextCursor).toBeNull();
        else {
          const key = await decodeCursor(SECRET, page.nextCursor ?? "", "things", 1);
          expect(key).toEqual([limit]);
        }
      }),
    );
  });

  it("with an empty key (a polling feed) always gives a cursor, at the end too", async () => {
    const end = await keysetPage([], 10, { ...opts, emptyKey: [42] });
    expect(end.items).toEqual([]);
    expect(end.hasMore).toBe(false);
    expect(await decodeCursor(SECRET, end.nextCursor ?? "", "things", 1)).toEqual([42]);
    const last = await keysetPage([{ id: 7 }], 10, { ...opts, emptyKey: [0] });
    expect(await decodeCursor(SECRET, last.nextCursor ?? "", "things", 1)).toEqual([7]);
  });
});
