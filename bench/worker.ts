// The Worker as the benchmarks run it: the deployable Worker (src/index.ts) wrapped, with the cheapest responses a
// Worker can give (bench/floor.ts, `npm run bench:profile`) and a D1 that waits before each round trip
// (bench/d1-delay.ts, `npm run bench`), both only with DEV_MODE=1. Built instead of src/index.ts when
// WORKER_DEV_TOOLS=1 (scripts/build.ts), so the production chain carries no benchmark code.
import worker from "../src/index.ts";
import type { Env, WebhookMessage } from "../src/platform/env.ts";
import { withD1Delay } from "./d1-delay.ts";
import { benchFloor } from "./floor.ts";

export default {
  ...worker,
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    return benchFloor(request, env) ?? worker.fetch(request, withD1Delay(env), ctx);
  },
} satisfies ExportedHandler<Env, WebhookMessage>;
