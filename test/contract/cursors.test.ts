// Every list × every parameter that selects its rows or their order: a cursor is signed for the query it came
// from, so reusing it with that parameter changed answers 400 naming `cursor` (the contract says so), never a page
// of another query from the wrong place.
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/http.ts";
import { createKey } from "../helpers/retail.ts";
import { candidateValues, isList, NOT_SELECTING, type Operation, operations, urlOf } from "./operations.ts";

const lists = (await operations()).filter(isList);
const headers: Record<string, string> = {};

beforeAll(async () => {
  headers.authorization = `Bearer ${(await createKey("aeon", "cursor test")).key}`;
});

async function get(op: Operation, query: Record<string, string>) {
  const init = op.security.some((s) => "RetailerKey" in s) ? { headers } : {};
  const res = await call(urlOf(op, query), init);
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

/**
 * Parameters a list's cursor outlives by design, each with its reason. The change feed's cursor is a position in
 * the one log every reader walks (webhooks hand it out without knowing a reader's `include`), so it stays valid
 * when `include` changes.
 */
const OUTLIVED: Record<string, string[]> = { "GET /changes": ["include"] };

const cases = lists.flatMap((op) =>
  op.parameters
    .filter((p) => p.in === "query" && !NOT_SELECTING.has(p.name) && !OUTLIVED[op.name]?.includes(p.name))
    .map((p) => [`${op.name} ?${p.name}`, op, p.name] as const),
);

describe("cursors belong to their query", () => {
  it("the table covers every list's selecting parameters", () => {
    const names = cases.map(([name]) => name);
    for (const name of ["GET /products ?tier", "GET /products ?sort", "GET /recognitions ?year"])
      expect(names).toContain(name);
    expect(lists.length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases)("%s changed under a cursor → 400 naming cursor", async (_, op, name) => {
    const first = await get(op, { limit: "1" });
    expect(first.status, first.text).toBe(200);
    const cursor: string | null = first.body.page?.next_cursor ?? null;
    expect(cursor, `${op.name} needs two rows in the seed to page`).toBeTruthy();
    const p = op.parameters.find((x) => x.name === name);
    if (!p) throw new Error(name);
    const rows = async (query: Record<string, string>) => {
      const r = await get(op, { ...query, limit: "100" });
      return r.status === 200 ? JSON.stringify(r.body.data) : null;
    };
    const base = await rows({});
    const sample = (await get(op, { limit: "100", include: "illustrative" })).body;
    // A value the query accepts on its own (200), so that a 400 with the cursor is the cursor's, and that selects
    // other rows or another order (`sort=relevance` without `q` is the default order: a cursor may go on).
    let tried = 0;
    for (const value of candidateValues(p, sample)) {
      const alone = await rows({ [name]: value });
      if (alone === null || alone === base) continue;
      tried++;
      const reused = await get(op, { [name]: value, limit: "1", cursor: cursor ?? "" });
      expect([value, reused.status, reused.text], `a cursor reused with ${name}=${value}`).toEqual([
        value,
        400,
        expect.stringContaining('"name":"cursor"'),
      ]);
      break;
    }
    expect(tried, `no value of ${name} found that ${op.name} accepts`).toBe(1);
  });
});
