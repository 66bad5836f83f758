// The enquirer's contact never appears in a public output: after enquiries by API and by form, every page, API
// answer, feed, the change feed, the sitemap, JSON-LD and the logs are read and searched for the name, email and
// phone. (The URL list follows the honesty walk's, test/honest/walk.test.ts: every list, every record's detail in
// both languages, with and without illustrative records, the feeds and the change feed.)
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { call } from "../helpers/http.ts";
import { catalogue } from "../helpers/seed.ts";
import { enquiry, formFields, postEnquiry, postForm, REAL_PRODUCER } from "./helpers.ts";

vi.setConfig({ testTimeout: 120_000 });

const EMAIL = "walker.privacy.4821@example.vn";
const PHONE_RAW = "098 765 4821";
const NAME = "Walkerton Privacyson";
const FORM_EMAIL = "form.privacy.7390@example.vn";
const NEEDLES = [
  EMAIL,
  "walker.privacy",
  "987654821",
  "098 765 4821",
  NAME,
  FORM_EMAIL,
  "form.privacy",
  "Walkerton",
];

function urls(): string[] {
  const list: string[] = [
    "/",
    "/en",
    "/san-pham",
    "/en/products",
    "/co-so",
    "/en/producers",
    "/kenh-phan-phoi",
    "/en/channels",
    "/cong-nhan",
    "/en/recognition",
    "/khuyen-cong",
    "/en/programme",
    "/sitemap.xml",
    "/robots.txt",
    "/hoi-mua/cam-on",
    "/en/enquire/thanks",
    "/hoi-mua/quyen-rieng-tu",
    "/api/v1/openapi.json",
    "/api/v1/programme",
    "/api/v1/recognitions?limit=100",
    "/api/v1/feeds/products.csv",
    "/api/v1/feeds/products.ndjson",
  ];
  for (const include of ["", "include=illustrative"]) {
    const q = (p: string) => (include ? `${p}${p.includes("?") ? "&" : "?"}${include}` : p);
    list.push(q("/api/v1/products?limit=100"), q("/api/v1/producers?limit=100"), q("/api/v1/channels"));
    list.push(q("/api/v1/changes?limit=100"));
    for (const p of catalogue.products) list.push(q(`/api/v1/products/${p.slug}`));
    for (const p of catalogue.producers) list.push(q(`/api/v1/producers/${p.slug}`));
    for (const c of catalogue.channels) list.push(q(`/api/v1/channels/${c.slug}`));
  }
  for (const p of catalogue.products) list.push(`/san-pham/${p.slug}`, `/en/products/${p.slug}`);
  for (const p of catalogue.producers) list.push(`/co-so/${p.slug}`, `/en/producers/${p.slug}`);
  for (const c of catalogue.channels) list.push(`/kenh-phan-phoi/${c.slug}`, `/en/channels/${c.slug}`);
  return list;
}

describe("privacy: the enquirer's contact in no public output", () => {
  it("appears nowhere after enquiries by API and by form, nor in the logs", async () => {
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
    const api = await postEnquiry(enquiry({ email: EMAIL, phone: PHONE_RAW, name: NAME }));
    expect(api.status).toBe(201);
    const byProducer = await postEnquiry(
      enquiry({ product: undefined, producer: REAL_PRODUCER.slug, email: EMAIL, name: NAME }),
    );
    expect(byProducer.status).toBe(201);
    const form = await postForm(await formFields({ email: FORM_EMAIL, name: NAME, phone: "" }));
    expect(form.status).toBe(303);
    // The stored rows hold the contact (so the search below is a real one)...
    const held = await env.DB.prepare("SELECT count(*) AS n FROM enquiries WHERE email IN (?, ?)")
      .bind(EMAIL, FORM_EMAIL)
      .first<{ n: number }>();
    expect(held?.n).toBe(3);
    // ...and nothing public does. Let the queue's emails go first, so their logs are in.
    await new Promise((r) => setTimeout(r, 1500));
    const leaks: string[] = [];
    const all = urls();
    for (const url of all) {
      const res = await call(url);
      const text = await res.text();
      for (const n of NEEDLES) if (text.includes(n)) leaks.push(`${url} contains ${n}`);
      for (const [k, v] of res.headers)
        for (const n of NEEDLES) if (v.includes(n)) leaks.push(`${url} header ${k}`);
    }
    for (const line of logged)
      for (const n of NEEDLES) if (line.includes(n)) leaks.push(`log: ${line.slice(0, 200)}`);
    const feed = await env.DB.prepare("SELECT count(*) AS n FROM changes WHERE entity LIKE 'enquir%'").first<{
      n: number;
    }>();
    expect(feed?.n).toBe(0);
    expect(all.length).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
    vi.restoreAllMocks();
  });
});
