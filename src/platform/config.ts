// Configuration that fails closed (the rules; the middleware that applies them is src/lib/safe-config.ts).
// The Worker's secrets and origin come from `wrangler secret` / `--var` in
// production and from `.dev.vars` locally (written by scripts/dev-vars.ts); nothing sensitive is in
// wrangler.toml. A deployment that lacks them, or that carries the development values, answers every request
// with a 500 problem and logs why, instead of signing cursors with a public secret or naming localhost in its
// canonical links.

/** Development secrets start with this (scripts/dev-vars.ts); the Worker refuses them on a public origin. */
export const DEV_SECRET_PREFIX = "local-development-";
/** The shortest CURSOR_SECRET accepted: 32 characters (`openssl rand -hex 32` gives 64). */
export const MIN_SECRET_LENGTH = 32;

/** Host names that only this machine can reach: development and tests. */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    h === "localhost" || h.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(h) || h === "::1" || h === ""
  );
}

// The verdict depends only on the env and on whether the request's host is local (see configErrors): judged once
// per env object (workerd passes the same one to every request of an isolate) and kind of host.
const verdicts = new WeakMap<object, (boolean | undefined)[]>();

/**
 * Whether the Worker may serve a request to `url` under `env` ({@link configErrors} finds nothing), remembered per
 * env object and kind of host, so that answering it costs no parsing on every request.
 *
 * @example if (!configAccepted(env, new URL(request.url))) return refuse();
 */
export function configAccepted(env: Parameters<typeof configErrors>[0], url: URL): boolean {
  const known = verdicts.get(env) ?? [];
  verdicts.set(env, known);
  const local = isLocalHost(url.hostname) ? 1 : 0;
  known[local] ??= configErrors(env, url.href).length === 0;
  return known[local];
}

/**
 * What is wrong with the Worker's configuration for a request to `requestUrl` (empty when it may serve).
 *
 * @example configErrors({ CURSOR_SECRET: "", PUBLIC_ORIGIN: "https://cnnt.example" }, url) // ["CURSOR_SECRET is not set"]
 */
export function configErrors(
  env: {
    CURSOR_SECRET?: string;
    CURSOR_SECRET_PREVIOUS?: string;
    PUBLIC_ORIGIN?: string;
    WEBHOOK_ALLOW_LOOPBACK?: string;
  },
  requestUrl: string,
): string[] {
  const errors: string[] = [];
  const requestLocal = isLocalHost(new URL(requestUrl).hostname);
  let origin: URL | null = null;
  try {
    origin = env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN) : null;
  } catch {}
  const originLocal = origin ? isLocalHost(origin.hostname) : false;
  if (
    !origin ||
    !/^https?:$/.test(origin.protocol) ||
    origin.origin !== (env.PUBLIC_ORIGIN ?? "").replace(/\/+$/, "")
  ) {
    errors.push("PUBLIC_ORIGIN is not set to an origin such as https://cnnt.example.vn");
  } else if (originLocal && !requestLocal) {
    errors.push(
      `PUBLIC_ORIGIN is ${origin.origin}, a local origin, on the public host ${new URL(requestUrl).host}`,
    );
  } else if (!originLocal && origin.protocol !== "https:") {
    errors.push(`PUBLIC_ORIGIN ${origin.origin} is public but not https`);
  }
  if (env.WEBHOOK_ALLOW_LOOPBACK === "1" && (!originLocal || !requestLocal)) {
    errors.push("WEBHOOK_ALLOW_LOOPBACK is a test setting, refused on a public origin");
  }
  const secret = env.CURSOR_SECRET ?? "";
  if (!secret) errors.push("CURSOR_SECRET is not set");
  else if (secret.length < MIN_SECRET_LENGTH) {
    errors.push(`CURSOR_SECRET is shorter than ${MIN_SECRET_LENGTH} characters`);
  } else if (secret.startsWith(DEV_SECRET_PREFIX) && (!requestLocal || (origin && !originLocal))) {
    errors.push("CURSOR_SECRET is the development value on a public origin");
  }
  const previous = (env.CURSOR_SECRET_PREVIOUS ?? "").split(",").map((p) => p.trim());
  if (env.CURSOR_SECRET_PREVIOUS && previous.some((p) => p.length < MIN_SECRET_LENGTH)) {
    errors.push(`CURSOR_SECRET_PREVIOUS holds a value shorter than ${MIN_SECRET_LENGTH} characters`);
  }
  return errors;
}

/**
 * Whether webhooks may go to a loopback http receiver: only with the test setting `WEBHOOK_ALLOW_LOOPBACK=1` AND a
 * local PUBLIC_ORIGIN (the queue consumer has no request URL to judge, so the origin decides; the fetch path
 * refuses to serve at all with the setting on a public origin, see {@link configErrors}).
 */
export function allowsLoopbackWebhooks(env: {
  PUBLIC_ORIGIN?: string;
  WEBHOOK_ALLOW_LOOPBACK?: string;
}): boolean {
  if (env.WEBHOOK_ALLOW_LOOPBACK !== "1") return false;
  try {
    return isLocalHost(new URL(env.PUBLIC_ORIGIN ?? "").hostname);
  } catch {
    return false;
  }
}
