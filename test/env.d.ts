import type { Env } from "../src/platform/env.ts";

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import("../src/index.ts");
    }
    interface Env {
      DB: D1Database;
      RESTORE_DB: D1Database;
      UPGRADE_DB: D1Database;
      PHOTOS: R2Bucket;
      CURSOR_SECRET: string;
      PUBLIC_ORIGIN: string;
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
      FUZZ_RUNS: string;
      FUZZ_SEED: string;
      WEBHOOKS: Queue<import("../src/platform/env.ts").WebhookMessage>;
      WEBHOOK_ALLOW_LOOPBACK: string;
      WEBHOOK_RETRY_SCALE: string;
      WEBHOOK_TIMEOUT_MS: string;
      CENTRE_EMAIL: string;
      EMAIL: SendEmail;
    }
  }
}

export type { Env };
