import { defineConfig } from "vitest/config";

// SDK tests: Node runs packages/client against the real Worker under `wrangler dev`, which the global setup starts
// on port 8811 with a freshly migrated and seeded local D1 and a key for one channel, and stops afterwards.
export default defineConfig({
  test: {
    include: ["test/sdk/**/*.test.ts"],
    globalSetup: ["test/sdk/global-setup.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
