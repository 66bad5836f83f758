// Every test file gets a fresh D1: apply the real migrations, then the real seed.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { applySeed } from "./helpers/seed.ts";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const already = await env.DB.prepare("SELECT count(*) AS n FROM products").first<{ n: number }>();
if (!already?.n) {
  await applySeed();
}

// Property-based tests run the same cases on every run (CI included): a failure is reproducible and a pass means
// the same thing each time. FUZZ_SEED=<n> explores other cases; a failure report names the seed and path.
fc.configureGlobal({ seed: Number(env.FUZZ_SEED) });
