import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * The read suites that also run with the response cache on (the `cache-on` project), as production runs: the
 * public API, the retailers' API and the shoppers' pages, and the contract tables.
 */
const CACHE_ON = [
  "test/catalogue/**/*.test.ts",
  "test/retail/{feeds,keys,listings}/**/*.test.ts",
  "test/platform/http/**/*.test.ts",
  "test/contract/**/*.test.ts",
];
/**
 * Files of those that stay cache-off only, each for its reason. (test/platform/db's round-trip and budget tests
 * are not in the list above: they count the D1 round trips of the uncached path, and a cache hit makes none —
 * test/platform/http/response-cache.test.ts counts those.)
 */
const CACHE_OFF_ONLY = [
  // They write D1 behind the Worker's back and read at once, as no client could (a write elsewhere is seen within
  // the version age, which response-cache.test.ts tests).
  "test/catalogue/facet-counts.test.ts",
  "test/catalogue/real-products.test.ts",
  "test/retail/feeds/feed.test.ts",
];

export default defineConfig(async () => {
  const migrations = await readD1Migrations(new URL("./migrations", import.meta.url).pathname);
  /** The Worker under test, with the response cache's version age (`"0"` turns the cache off). */
  const worker = (cacheVersionTtlMs: string) =>
    cloudflareTest({
      // wrangler.toml's main is the built bundle (scripts/build.ts); tests run the sources.
      main: "./src/index.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // FUZZ_RUNS multiplies the property-based tests' cases (FUZZ_RUNS=10 npm run test:workers for a long hunt);
        // FUZZ_SEED picks their cases (fixed by default, so every run tests the same ones).
        // The Worker's secret and origin for tests (wrangler.toml holds none; src/platform/config.ts refuses to serve
        // without them). A development value: accepted only on local hosts, as the tests' requests are.
        bindings: {
          TEST_MIGRATIONS: migrations,
          FUZZ_RUNS: process.env.FUZZ_RUNS ?? "1",
          FUZZ_SEED: process.env.FUZZ_SEED ?? "20261201",
          CURSOR_SECRET: "local-development-vitest-cursor-secret-0123456789",
          PUBLIC_ORIGIN: "http://localhost:8787",
          CACHE_VERSION_TTL_MS: cacheVersionTtlMs,
          // Webhooks reach the tests' loopback receiver (scripts/lib/webhook-receiver.ts) over plain http, retry at
          // once instead of after minutes, and give up on a silent receiver after 2 s.
          WEBHOOK_ALLOW_LOOPBACK: "1",
          WEBHOOK_RETRY_SCALE: "0",
          WEBHOOK_TIMEOUT_MS: "2000",
          // Enquiry emails (src/enquiries/notify.ts) go to this centre address too, through the simulated binding.
          CENTRE_EMAIL: "centre@cnnt.example.vn",
        },
        // Empty databases for the backup/restore and migration tests (each test file gets its own copy).
        d1Databases: { RESTORE_DB: "restore-db", UPGRADE_DB: "upgrade-db" },
      },
    });
  const shared = {
    // A test's timeout catches a hang, not slowness (the budget tests measure that): on this shared 2-core machine
    // under other work, request-heavy tests (list-order, count-cap, ratelimit) passed 5 s and failed while correct.
    testTimeout: 15_000,
    setupFiles: ["./test/setup.ts"],
    globalSetup: ["./test/retail/webhooks/global-setup.ts"],
  };
  return {
    test: {
      projects: [
        {
          // Every workerd suite with the response cache off (a version age of 0): these tests write to D1
          // directly and read at once; test/platform/http/response-cache.test.ts and test/contract/cache.test.ts turn it on.
          plugins: [worker("0")],
          test: {
            ...shared,
            name: "workers",
            include: ["test/**/*.test.ts"],
            exclude: ["test/browser/**", "test/sdk/**"],
          },
        },
        {
          // The read suites again with the cache on at its production default (src/platform/http/response-cache.ts).
          plugins: [worker("")],
          test: {
            ...shared,
            name: "cache-on",
            include: CACHE_ON,
            exclude: CACHE_OFF_ONLY,
            // Every miss also writes the Cache API (miniflare keeps it on disk): request-heavy tests take about twice
            // as long here (test/catalogue/list-order.test.ts: 3.3 s off, 6.5 s on, under load).
            testTimeout: 30_000,
          },
        },
      ],
    },
  };
});
