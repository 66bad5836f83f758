import { defineConfig } from "vitest/config";

/**
 * In this repository the SDK is read from its sources (packages/client/src), not from dist/, which only `npm pack`
 * builds: the package's `cnnt-source` export condition (tsconfig.node.json names it for TypeScript too). The
 * packed package itself is what test/sdk/package.test.ts installs and runs.
 */
const conditions = ["cnnt-source", "module", "node", "development|production"];

// SDK tests: Node runs packages/client against the real Worker under `wrangler dev`, which the global setup starts
// on port 8811 with a freshly migrated and seeded local D1 and a key for one channel, and stops afterwards.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["test/sdk/**/*.test.ts"],
    globalSetup: ["test/sdk/global-setup.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
