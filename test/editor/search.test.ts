// Editors extend the search (issue 26): synonyms are data, added and removed through the admin API and the back
// office, effective at once and both ways, never merging two product kinds; searches that fail are counted after
// the response (through the queue, no D1 round trip of the shopper's) and listed once searched often enough.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, getJson } from "../helpers/http.ts";
import { admin, createEditor } from "./helpers.ts";
import { signedIn } from "./session.ts";

let token = "";
beforeAll(async () => {
  token = (await createEditor("search-editor@example.vn", "editor")).token;
});

const slugs = async (q: string) =>
  (
    (await getJson(`/api/v1/products?q=${encodeURIComponent(q)}&limit=50`)).body.data as { slug: string }[]
  ).map((p) => p.slug);

describe("synonyms through the admin API", () => {
  it("a new synonym works at once, both ways, and stops when removed", async () => {
    // "mật ong bạc hà" (mint honey): no product says "bạc hà", so nothing, until the synonym names honey.
    expect(await slugs("mat ong bac ha")).toEqual([]);
    const made = await admin("POST", "/search/synonyms", token, {
      term: "Mật ong bạc hà",
      synonym: "mật ong",
    });
    expect(made.status).toBe(201);
    const row = (await made.json()) as { id: number; term: string; synonym: string };
    expect(row).toMatchObject({ term: "Mật ong bạc hà", synonym: "mật ong" });
    expect(await slugs("mat ong bac ha")).toContain("mat-ong-doan-linh");
    expect(await slugs("mật ong bạc hà")).toContain("mat-ong-doan-linh");
    const listed = await (await admin("GET", "/search/synonyms", token)).json();
    expect((listed as { data: { id: number }[] }).data.map((s) => s.id)).toContain(row.id);
    // Recorded in the audit trail with who and what.
    const audit = await env.DB.prepare(
      "SELECT editor_email, action, changes FROM audit_events WHERE entity = 'search_synonym' AND entity_key = ?",
    )
      .bind(String(row.id))
      .first<{ editor_email: string; action: string; changes: string }>();
    expect(audit?.editor_email).toBe("search-editor@example.vn");
    expect(audit?.changes).toContain("Mật ong bạc hà");

    expect((await admin("DELETE", `/search/synonyms/${row.id}`, token)).status).toBe(204);
    expect(await slugs("mat ong bac ha")).toEqual([]);
    expect((await admin("DELETE", `/search/synonyms/${row.id}`, token)).status).toBe(404);
  }, 30_000);

  it("refuses a pair that exists either way round (409), and one joining two product kinds (422)", async () => {
    const again = await admin("POST", "/search/synonyms", token, { term: "trà", synonym: "chè" });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toContain("application/problem+json");
    // Bún and miến are different noodles: a synonym never merges distinct products.
    const noodles = await admin("POST", "/search/synonyms", token, { term: "bún", synonym: "miến" });
    expect(noodles.status).toBe(422);
    expect(((await noodles.json()) as { detail: string }).detail).toMatch(/different product kinds/);
    expect(await slugs("bun")).not.toContain("mien-dong-cai-bo");
    const none = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE entity = 'search_synonym' AND changes LIKE '%miến%'",
    ).first<{ n: number }>();
    expect(none?.n).toBe(0);
  });

  it.each([
    [{ term: "", synonym: "trà" }, "term"],
    [{ term: "!!!", synonym: "trà" }, "term"],
    [{ term: "Trà", synonym: "tra" }, "synonym"],
    [{ term: "x".repeat(61), synonym: "trà" }, "term"],
  ])("refuses %j naming %s (422)", async (body, name) => {
    const res = await admin("POST", "/search/synonyms", token, body);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { invalid_params: { name: string }[] };
    expect(problem.invalid_params.map((p) => p.name)).toContain(name);
  });
});

describe("failed searches", () => {
  it("are counted per folded query after the response, shown once searched 3 times, without who searched", async () => {
    const misses = async () =>
      ((await (await admin("GET", "/search/misses", token)).json()) as { data: { query: string }[] }).data;
    // Three searches for words the catalogue lacks (API and page, accents and case aside), one for others; one good one.
    for (const path of [
      "/api/v1/products?q=Zzqx%20W%C3%A2kj",
      "/api/v1/products?q=zzqx%20wakj",
      "/san-pham?q=ZZQX+w%E1%BA%A5kj",
      "/api/v1/products?q=banh%20gio%20mot%20lan",
      "/api/v1/products?q=mien%20dong",
    ])
      expect((await call(path, { headers: { "cf-connecting-ip": "203.0.113.77" } })).status).toBe(200);
    let listed: { query: string; searches?: number; found_nothing?: number }[] = [];
    for (let i = 0; i < 100 && !listed.some((m) => m.query === "zzqx wakj"); i++) {
      await new Promise((r) => setTimeout(r, 200));
      listed = await misses();
    }
    const zz = listed.find((m) => m.query === "zzqx wakj");
    expect(zz).toMatchObject({ searches: 3, found_nothing: 3 });
    // A query searched once, and one that finds products, are not listed.
    expect(listed.map((m) => m.query)).not.toContain("banh gio mot lan");
    expect(listed.map((m) => m.query)).not.toContain("mien dong");
    // Words and a day: no address anywhere in the table.
    const stored = await env.DB.prepare("SELECT * FROM search_misses").all();
    expect(JSON.stringify(stored.results)).not.toContain("203.0.113.77");
    expect(Object.keys(stored.results[0] ?? {}).sort()).toEqual(["day", "n", "query", "zero"]);
  }, 40_000);

  it("the back office lists them with a form to add a synonym, and adds it", async () => {
    await env.DB.prepare(
      "INSERT INTO search_misses (day, query, n, zero) VALUES (date('now'), 'che day', 5, 5)",
    ).run();
    const editor = await createEditor("search-page@example.vn", "editor");
    const s = await signedIn(editor.email, editor.password);
    const page = await s.get("/quan-tri/tim-kiem");
    expect(page.res.status).toBe(200);
    expect(page.html).toContain("che day");
    expect(page.html).toMatch(/<input type="hidden" name="term" value="che day"/);
    const added = await s.post("/quan-tri/tim-kiem", { term: "che day", synonym: "trà" });
    expect(added.res.status).toBe(200);
    expect(added.html).toContain("che day ↔ trà");
    expect(await slugs("che day")).toContain("danh-tra-kolia");
  });
});
