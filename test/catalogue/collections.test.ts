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
  it("takes limit and cursor and answers { data, page } like every collection", async () => {
    const { body: whole } = await getJson(`${path}?limit=100`);
    expect(Object.keys(whole)).toEqual(expect.arrayContaining(["data", "page"]));
    expect(whole.page).toMatchObject({ limit: 100, has_more: false });
    const paged = await pages(path, 2);
    expect(paged.flatMap((p) => p.data)).toEqual(whole.data);
    expect(paged.slice(0, -1).every((p) => p.page.has_more && p.data.length === 2)).toBe(true);
  });

  it("says has_more: false on a page that holds the last items exactly", async () => {
    const { body: whole } = await getJson(`${path}?limit=100`);
    const n = whole.data.length;
    const { body } = await getJson(`${path}?limit=${n}`);
    expect(body.data).toHaveLength(n);
    expect(body.page.has_more).toBe(false);
    const { body: before } = await getJson(`${path}?limit=${n - 1}`);
    expect(before.page.has_more).toBe(true);
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
