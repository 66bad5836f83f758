// Every test file gets a fresh D1: apply the real migrations, then the real seed.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { seedStatements } from "../src/seed/statements.ts";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const already = await env.DB.prepare("SELECT count(*) AS n FROM products").first<{ n: number }>();
if (!already?.n) {
  await env.DB.batch(seedStatements().map((s) => env.DB.prepare(s.sql).bind(...s.params)));
}
