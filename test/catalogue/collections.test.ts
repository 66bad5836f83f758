// Every collection pages the same way, so one generic client can walk them all: `limit` and `cursor` in,
// `{ data, page: { limit, has_more, next_cursor } }` out, in a documented, stable order.
import { describe, expect, it } from "vitest";
import { getJson } from "../helpers/http.ts";

const COLLECTIONS = [
  "/api/v1/products",
  "/api/v1/producers",
  "/api/v1/channels",
  "/api/v1/recognitions",
  "/api/v1/changes",
];

/** Follows `next_cursor` while `has_more`, as a generic client does. */
async function pages(path: string, limit: number) {
  const seen: { data: unknown[]; page: { limit: number; has_more: boolean; next_cursor: string | null } }[] =
    [];
  let cursor: string | null = null;
  do {
    const url: string = `${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { status, body } = await getJson(url);
    expect(status, url).toBe(200);
    seen.push(body);
    cursor = body.page.has_more ? body.page.next_cursor : null;
    expect(seen.length).toBeLessThan(200);
  } while (cursor);
  return seen;
}

describe.each(COLLECTIONS)("%s", (path) => {
  // A collection may hold more than one page of 100 (the change feed of the seeded catalogue does): "the whole" is
  // every page of 100, and the last page is read from the cursor before it.
  it("takes limit and cursor and answers { data, page } like every collection", async () => {
    const { body: first } = await getJson(`${path}?limit=100`);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(["data", "page"]));
    expect(first.page).toMatchObject({ limit: 100 });
    const whole = await pages(path, 100);
    expect(whole.at(-1)?.page.has_more).toBe(false);
    const paged = await pages(path, 2);
    expect(paged.flatMap((p) => p.data)).toEqual(whole.flatMap((p) => p.data));
    expect(paged.slice(0, -1).every((p) => p.page.has_more && p.data.length === 2)).toBe(true);
  });

  it("says has_more: false on a page that holds the last items exactly", async () => {
    const whole = await pages(path, 100);
    const before = whole.length > 1 ? whole.at(-2)?.page.next_cursor : null;
    const at = (limit: number) =>
      `${path}?limit=${limit}${before ? `&cursor=${encodeURIComponent(before)}` : ""}`;
    const n = whole.at(-1)?.data.length ?? 0;
    const { body } = await getJson(at(n));
    expect(body.data).toHaveLength(n);
    expect(body.page.has_more).toBe(false);
    const { body: short } = await getJson(at(n - 1));
    expect(short.page.has_more).toBe(true);
  });

  it("names a bad cursor and a bad limit as 400s", async () => {
    for (const query of ["limit=0", "limit=101x", "cursor=not-a-cursor"]) {
      const { status, body } = await getJson(`${path}?${query}`);
      expect(status, query).toBe(400);
      expect(body.invalid_params[0].name).toBe(query.split("=")[0]);
    }
  });
});

describe("the change feed's former parameter name", () => {
  it("still takes `since`, names it in errors, and refuses both names at once", async () => {
    const { body: first } = await getJson("/api/v1/changes?limit=3");
    const cursor = encodeURIComponent(first.page.next_cursor);
    const viaCursor = await getJson(`/api/v1/changes?limit=3&cursor=${cursor}`);
    const viaSince = await getJson(`/api/v1/changes?limit=3&since=${cursor}`);
    expect(viaSince.body.data).toEqual(viaCursor.body.data);
    expect(viaCursor.body.data[0].seq).toBe(first.data[2].seq + 1);
    const bad = await getJson("/api/v1/changes?since=not-a-cursor");
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params[0].name).toBe("since");
    const both = await getJson(`/api/v1/changes?cursor=${cursor}&since=${cursor}`);
    expect(both.status).toBe(400);
  });
});
