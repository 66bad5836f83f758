import { z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv, CountedD1 } from "../../platform/env.ts";
import { sha256Hex } from "../../platform/http/api-key.ts";
import { invalidParams, Problem } from "../../platform/http/problem.ts";
import { credentialOf } from "./auth.ts";
import { reserveStatements, settleStatement, storedAnswer } from "./idempotency.queries.ts";

export const IDEMPOTENCY_HEADER = "idempotency-key";
/** What a client may send as a key (the IETF draft leaves it to the server): a UUID fits, so does any token. */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** The request header, as the routes that honour it declare it. */
export const IdempotencyHeaders = z.object({
  "idempotency-key": z.string().regex(KEY_FORMAT).optional().openapi({
    description:
      "Any unique value (a UUID) to make a retry safe: the same key with the same request gets the first answer again (`Idempotent-Replayed: true`) for 24 hours and writes nothing; with another request, a 422",
    example: "5f0c1b8e-4a6d-4f0e-9d3b-2c1e7a9b8d10",
  }),
});

/** The response header on a replayed answer. */
export const replayedHeader = {
  "Idempotent-Replayed": {
    schema: { type: "string" as const, enum: ["true"] },
    description: "Present on an answer given again for a repeated `Idempotency-Key`",
  },
};

/** What is stored of an answer: its body and the headers a client may act on. */
interface Kept {
  headers: Record<string, string>;
  body: string;
}
const KEPT_HEADERS = ["content-type", "location", "etag"];

/** Thrown out of the write batch when the key already holds an answer: the middleware answers with it. */
class Replay extends Problem {
  readonly stored: { status: number; body: string };
  constructor(stored: { status: number; body: string }) {
    super(409, { type: "idempotency-replay", detail: "This Idempotency-Key was already used" });
    this.stored = stored;
  }
}

/**
 * `Idempotency-Key` on a keyed POST (IETF draft-ietf-httpapi-idempotency-key-header): the first request with a
 * key is carried out and its answer stored for a day; the same key again with the same method, path and body
 * gets that answer again (`Idempotent-Replayed: true`) and writes nothing; with another request, a 422; while the
 * first is still running, a 409. Without the header nothing changes.
 *
 * The key is reserved inside the handler's own write batch (two statements appended to it), so a retry can never
 * write twice, even when both arrive at once: the second's reservation violates the key's uniqueness and D1 rolls
 * its whole batch back. A replay costs a second round trip (reading the stored answer); storing the first answer
 * costs one after the response is made. Mount after `requireChannelKey()` and the body checks.
 *
 * @example middleware: [requireChannelKey("webhooks"), ...jsonBody(MAX_BYTES), idempotent()]
 */
export function idempotent(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next();
    if (!KEY_FORMAT.test(key))
      throw invalidParams([{ name: "Idempotency-Key", reason: "must be 1 to 255 visible ASCII characters" }]);
    const cr = credentialOf(c);
    const url = new URL(c.req.url);
    // The body as received (bytes, not its parse): the same request is the same bytes.
    const requestHash = await sha256Hex(
      `${c.req.method} ${url.pathname}${url.search}\n${await c.req.text()}`,
    );
    const d1 = c.get("d1");
    let reserved = false;
    const batch = async <T>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> => {
      if (reserved) return d1.batch<T>(statements);
      reserved = true;
      try {
        const results = await d1.batch<T>([...statements, ...reserveStatements(d1, cr, key, requestHash)]);
        return results.slice(0, statements.length);
      } catch (e) {
        if (!(e instanceof Error && /UNIQUE constraint failed: idempotent_answers/.test(e.message))) throw e;
        reserved = false;
        const stored = await storedAnswer(d1, cr, key);
        if (stored && stored.request_hash !== requestHash)
          throw new Problem(422, {
            type: "idempotency-key-reused",
            detail: "This Idempotency-Key was used for another request (method, path or body); use a new key",
          });
        if (!stored || stored.status === 0)
          throw new Problem(
            409,
            {
              type: "idempotency-in-progress",
              detail: "A request with this Idempotency-Key is still being carried out; retry shortly",
            },
            { "retry-after": "1" },
          );
        throw new Replay(stored);
      }
    };
    const wrapped: CountedD1 = new Proxy(d1, {
      get: (t, p) => (p === "batch" ? batch : Reflect.get(t, p, t)),
    });
    c.set("d1", wrapped);
    await next();
    c.set("d1", d1);
    if (c.error instanceof Replay) {
      const { status, body } = c.error.stored;
      const kept = JSON.parse(body) as Kept;
      c.res = new Response(kept.body, {
        status,
        headers: { ...kept.headers, "cache-control": "no-store", "idempotent-replayed": "true" },
      });
      return;
    }
    if (!reserved) return;
    const kept: Kept = {
      headers: Object.fromEntries(
        KEPT_HEADERS.flatMap((h) => (c.res.headers.has(h) ? [[h, c.res.headers.get(h) ?? ""]] : [])),
      ),
      body: await c.res.clone().text(),
    };
    const answer = c.res.ok ? { status: c.res.status, body: JSON.stringify(kept) } : null;
    const settle = d1.batch([settleStatement(d1, cr, key, answer)]);
    try {
      c.executionCtx.waitUntil(settle);
    } catch {
      await settle;
    }
  };
}
