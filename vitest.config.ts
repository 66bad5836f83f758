import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(new URL("./migrations", import.meta.url).pathname);
  return {
    plugins: [
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
            // The response cache is off here (a version age of 0): these tests write to D1 directly and read at
            // once, as no client could; test/platform/http/response-cache.test.ts turns it on and tests its rules.
            CACHE_VERSION_TTL_MS: "0",
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
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      exclude: ["test/browser/**", "test/sdk/**"],
      setupFiles: ["./test/setup.ts"],
      globalSetup: ["./test/retail/webhooks/global-setup.ts"],
    },
  };
});
