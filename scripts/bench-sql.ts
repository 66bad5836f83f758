// `npm run bench:sql`: how long the product list takes to build and compile its statements, in Node, with no
// database (a stand-in D1 that only takes the text). Statements name the schema's columns through drizzle, which
// renders each column on every compile (~1.5 µs); the list's fixed fragments are rendered once (frozen() in
// src/platform/db/sql.ts). Run it on two checkouts to compare; it prints µs per list query.
import { productListQuery } from "../src/catalogue/products/products.queries.ts";
import type { CountedD1 } from "../src/platform/env.ts";

const statement = { bind: () => statement };
const d1 = {
  prepare: () => statement,
  batch: async () => [],
  roundTrips: 0,
  catalogueVersion: null,
  catalogueEpoch: null,
  bookmark: () => null,
} as unknown as CountedD1;

const CASES = {
  plain: { lang: "vi", limit: 20, includeIllustrative: true },
  search: { lang: "vi", limit: 20, includeIllustrative: true, q: "mien dong" },
  filtered: { lang: "en", limit: 20, tier: ["national"], group: ["food"], sort: "name" },
} as const;
const RUNS = 2000;

for (let round = 0; round < 3; round++) {
  for (const [name, input] of Object.entries(CASES)) {
    const start = performance.now();
    for (let i = 0; i < RUNS; i++) await productListQuery(d1, "secret", input as never);
    const us = ((performance.now() - start) / RUNS) * 1000;
    // The first two rounds warm the JIT up.
    if (round === 2)
      console.log(`${name.padEnd(8)} ${us.toFixed(1).padStart(7)} µs per list query built and compiled`);
  }
}
