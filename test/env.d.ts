import type { Env } from "../src/env.ts";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      CURSOR_SECRET: string;
      PUBLIC_ORIGIN: string;
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    }
  }
}

export type { Env };
