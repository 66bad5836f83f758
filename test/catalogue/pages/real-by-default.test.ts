// Pages show what is real by default, as the API does (issue 24): the home page, the lists and their counts hold
// real records only; the illustrative examples appear behind a visible switch, a plain link that adds
// `?include=illustrative` (no script), tagged as before; placeholder producers no source names come after the
// named ones; a product's main call to action is the enquiry unless a retailer says where to buy it.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { UNNAMED_PRODUCER_MARK } from "../../../src/domain/vocabulary.ts";
import { call, getJson } from "../../helpers/http.ts";

async function html(path: string) {
  const res = await call(path);
  expect(res.status, path).toBe(200);
  return (await res.text()).replaceAll("&amp;", "&");
}
/** A page's main content (the footer explains the "Illustrative" tag on every page). */
const mainOf = (page: string) => page.slice(page.indexOf("<main"), page.indexOf("</main>"));
const slugsOf = async (table: "products" | "producers", where: string) =>
  (await env.DB.prepare(`SELECT slug FROM ${table} WHERE ${where}`).all<{ slug: string }>()).results.map(
    (r) => r.slug,
  );
/** The product or producer pages a page links to, in order. */
const linked = (page: string, prefix: string) =>
  [...page.matchAll(new RegExp(`href="${prefix}/([a-z0-9-]+)(?:\\?include=illustrative)?"`, "g"))].map(
    (m) => m[1] ?? "",
  );
/** The examples switch: its state and its link. */
const switchOf = (page: string) => {
  const m =
    /<p class="examples-switch[^"]*" data-examples="(on|off)">[^<]*<a href="([^"]+)" rel="nofollow">([^<]+)<\/a>/.exec(
      page,
    );
  expect(m, "the page has the examples switch").not.toBeNull();
  return { state: m?.[1], href: m?.[2], label: m?.[3] };
};

describe("real by default", () => {
  it("the seed has illustrative products and producers to hide (else these tests prove nothing)", async () => {
    expect((await slugsOf("products", "provenance = 'illustrative'")).length).toBeGreaterThan(0);
    expect((await slugsOf("producers", "provenance = 'illustrative'")).length).toBeGreaterThan(0);
  });

  it.each([
    ["/", "/san-pham"],
    ["/en", "/en/products"],
    ["/en/products?tier=national&tier=regional", "/en/products"],
  ])("%s lists no illustrative product; the switch shows them, tagged", async (path, prefix) => {
    const illustrative = new Set(await slugsOf("products", "provenance = 'illustrative'"));
    const real = await html(path);
    expect(linked(real, prefix).filter((s) => illustrative.has(s))).toEqual([]);
    expect(mainOf(real)).not.toContain('class="tag-sample"');
    const sw = switchOf(real);
    expect(sw.state).toBe("off");
    expect(sw.label).toBe(
      path.startsWith("/en") ? "Show the illustrative examples" : "Xem cả ví dụ minh họa",
    );
    expect(new URL(sw.href ?? "", "http://x").searchParams.get("include")).toBe("illustrative");

    const all = await html(sw.href ?? "");
    expect(linked(all, prefix).some((s) => illustrative.has(s))).toBe(true);
    expect(mainOf(all)).toContain('class="tag-sample"');
    expect(all).toContain('<meta name="robots" content="noindex"/>');
    const back = switchOf(all);
    expect(back.state).toBe("on");
    expect(back.label).toBe(path.startsWith("/en") ? "Show real records only" : "Chỉ xem hồ sơ thật");
    expect(back.href).toBe(path);
  });

  it("the catalogue counts real products only; with the switch, every product", async () => {
    const real = (await slugsOf("products", "provenance <> 'illustrative'")).length;
    const every = (await slugsOf("products", "1")).length;
    expect(await html("/san-pham")).toContain(`${real} sản phẩm`);
    const all = await html("/san-pham?include=illustrative");
    expect(all).toContain(`${every} sản phẩm`);
    // The filter form, the language switch and the filter links keep the switch on.
    expect(all).toContain('<input type="hidden" name="include" value="illustrative"/>');
    expect(all).toMatch(/<a class="lang-switch" href="\/en\/products\?include=illustrative"/);
    const filtered = await html("/san-pham?tier=national&tier=regional&include=illustrative");
    expect(filtered).toContain('href="/san-pham?tier=regional&include=illustrative"');
  });

  it.each(["/co-so", "/en/producers"])(
    "%s: no illustrative producer, and the placeholders come after every named producer",
    async (path) => {
      const prefix = path === "/co-so" ? "/co-so" : "/en/producers";
      const illustrative = new Set(await slugsOf("producers", "provenance = 'illustrative'"));
      const unnamed = new Set(
        await slugsOf(
          "producers",
          `instr(name, '${UNNAMED_PRODUCER_MARK}') > 0 AND provenance <> 'illustrative'`,
        ),
      );
      expect(unnamed.size, "the seed has placeholder producers").toBeGreaterThan(0);
      const order = linked(await html(path), prefix);
      expect(order.filter((s) => illustrative.has(s))).toEqual([]);
      const firstUnnamed = order.findIndex((s) => unnamed.has(s));
      expect(firstUnnamed).toBeGreaterThan(0);
      expect(order.slice(firstUnnamed).every((s) => unnamed.has(s))).toBe(true);
      expect(order.filter((s) => unnamed.has(s))).toHaveLength(unnamed.size);
      // With the switch on the illustrative ones are listed too.
      const all = linked(await html(`${path}?include=illustrative`), prefix);
      expect(all.filter((s) => illustrative.has(s)).length).toBe(illustrative.size);
    },
  );

  it.each(["/kenh-phan-phoi", "/cong-nhan", "/loai"])("%s has the switch", async (path) => {
    expect(switchOf(await html(path)).state).toBe("off");
    expect(switchOf(await html(`${path}?include=illustrative`)).state).toBe("on");
  });

  it("a real product's page leaves out illustrative listings and prices unless the switch is on", async () => {
    const { n } = (await env.DB.prepare(
      `SELECT count(*) AS n FROM listings l JOIN products p ON p.id = l.product_id
       WHERE p.slug = 'mien-dong-tan-viet-a' AND l.provenance = 'illustrative'`,
    ).first<{ n: number }>()) ?? { n: 0 };
    expect(n).toBeGreaterThan(0);
    const real = await html("/san-pham/mien-dong-tan-viet-a");
    expect(real).not.toContain('class="listing listing-illustrative"');
    expect(mainOf(real)).not.toContain('class="tag-sample"');
    expect(switchOf(real)).toEqual({
      state: "off",
      href: "/san-pham/mien-dong-tan-viet-a?include=illustrative",
      label: "Xem cả ví dụ minh họa",
    });
    const all = await html("/san-pham/mien-dong-tan-viet-a?include=illustrative");
    expect(all).toContain('class="listing listing-illustrative"');
    expect(switchOf(all).href).toBe("/san-pham/mien-dong-tan-viet-a");
  });

  it("an illustrative record's own page is shown, tagged, with no switch claiming real records only", async () => {
    const [slug] = await slugsOf("products", "provenance = 'illustrative'");
    const page = await html(`/san-pham/${slug}`);
    expect(mainOf(page)).toContain('class="tag-sample"');
    expect(page).not.toContain("examples-switch");
  });
});

describe("a product page's main call to action", () => {
  /** The page's buttons under the title, in order. */
  const actions = (page: string) =>
    [
      ...(/<p class="actions">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? "").matchAll(
        /<a class="([^"]+)" href="([^"]+)"/g,
      ),
    ].map((m) => `${m[1]} ${m[2]}`);

  it("is the enquiry where no retailer says where to buy", async () => {
    const [slug] = await slugsOf(
      "products",
      `provenance <> 'illustrative' AND id NOT IN (SELECT product_id FROM listings WHERE provenance <> 'illustrative')`,
    );
    expect(slug).toBeDefined();
    expect(actions(await html(`/san-pham/${slug}`))).toEqual(["btn #enquire"]);
  });

  it("is where to buy when a retailer's real listing says where, the enquiry beside it", async () => {
    const [slug] = await slugsOf(
      "products",
      `provenance <> 'illustrative' AND id IN (SELECT product_id FROM listings WHERE provenance <> 'illustrative')`,
    );
    expect(slug).toBeDefined();
    expect(actions(await html(`/en/products/${slug}`))).toEqual([
      "btn #where-to-buy",
      "btn btn-quiet #enquire",
    ]);
  });
  it.each([
    ["/", "/san-pham"],
    ["/en", "/en/products"],
    ["/san-pham?tier=national&tier=regional", "/san-pham"],
    ["/loai/mien-dong", "/san-pham"],
  ])("%s: with the switch on, every product card keeps it; off, none carries it", async (path, prefix) => {
    const cards = (page: string) => [
      ...mainOf(page).matchAll(
        new RegExp(`class="card-title"><a href="${prefix}/[a-z0-9-]+(\\?[^"]*)?"`, "g"),
      ),
    ];
    const off = cards(await html(path));
    expect(off.length).toBeGreaterThan(0);
    expect(off.filter((m) => m[1] !== undefined)).toEqual([]);
    const sep = path.includes("?") ? "&" : "?";
    const on = cards(await html(`${path}${sep}include=illustrative`));
    expect(on.length).toBeGreaterThan(0);
    expect(on.map((m) => m[1])).toEqual(on.map(() => "?include=illustrative"));
  });

  it.each([
    ["/", "/san-pham", "Chưa ghi nhận sản phẩm nào"],
    ["/en", "/en/products", "None recorded yet"],
  ])(
    "%s: a tier tile links its products with the switch kept; a tier with none says so and links nowhere",
    async (path, prefix, none) => {
      for (const examples of [false, true]) {
        const page = mainOf(await html(examples ? `${path}?include=illustrative` : path));
        for (const tier of ["national", "regional", "provincial"]) {
          const { body } = await getJson(
            `/api/v1/products?tier=${tier}&limit=1${examples ? "&include=illustrative" : ""}`,
          );
          const href = `${prefix}?tier=${tier}${examples ? "&include=illustrative" : ""}`;
          if (body.page.total > 0) {
            expect(page).toContain(`<a class="tier-link tier-${tier}" href="${href}">`);
          } else {
            expect(page).not.toContain(`href="${href}"`);
            expect(page).toMatch(
              new RegExp(
                `<p class="tier-link tier-${tier} tier-empty"><span class="tier-link-name">[^<]+</span><span class="tier-link-count"[^>]*>${none}</span>`,
              ),
            );
          }
        }
      }
    },
  );

  it("a tier that loses its last product stops linking from the home page", async () => {
    const before = mainOf(await html("/"));
    expect(before).toContain('<a class="tier-link tier-national" href="/san-pham?tier=national">');
    await env.DB.prepare("UPDATE recognitions SET level = 'provincial' WHERE level = 'national'").run();
    const after = mainOf(await html("/?after=1"));
    expect(after).not.toContain('href="/san-pham?tier=national"');
    expect(after).toContain('<p class="tier-link tier-national tier-empty">');
    expect(after).toContain("Chưa ghi nhận sản phẩm nào");
  });
});
