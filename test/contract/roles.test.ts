// Every editors' operation × every kind of caller, against the role its contract declares (`x-required-role`):
// a route whose guard disagrees with its contract fails here, whether or not anyone wrote a test for that route.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createEditor } from "../editor/helpers.ts";
import { call } from "../helpers/http.ts";
import { createKey } from "../helpers/retail.ts";
import { neutralInit, type Operation, operations, urlOf } from "./operations.ts";

interface Caller {
  name: string;
  /** The credential this caller sends (none for the anonymous). */
  authorization: () => Promise<string | null>;
  /** The declared roles whose operations this caller may call. */
  may: ReadonlySet<string>;
  /** How it is refused elsewhere: 401 without a credential the editors' API knows, 403 for one too low. */
  refused: 401 | 403;
  /**
   * Refused only once D1 is read (the token's row says so), after the request passed validation: an invalid
   * request is told what is invalid first, having read and changed nothing (0 D1 round trips).
   */
  afterValidation?: boolean;
}

// One line per kind of caller: a new role is one more line (the producer's, when it comes, may its own routes).
const CALLERS: Caller[] = [
  { name: "anonymous", authorization: async () => null, may: new Set(), refused: 401 },
  {
    name: "retailer key",
    authorization: async () => `Bearer ${(await createKey("aeon", "roles test")).key}`,
    may: new Set(),
    refused: 403,
  },
  {
    name: "editor",
    authorization: async () => `Bearer ${(await createEditor("roles-editor@example.vn", "editor")).token}`,
    may: new Set(["editor"]),
    refused: 403,
  },
  {
    name: "publisher",
    authorization: async () =>
      `Bearer ${(await createEditor("roles-publisher@example.vn", "publisher")).token}`,
    may: new Set(["editor", "publisher"]),
    refused: 403,
  },
  {
    // A producer's own account (it answers its enquiries on the pages): no editors' operation is its to call.
    name: "producer",
    authorization: async () => {
      const { token, id } = await createEditor("roles-producer@example.vn", "publisher");
      await env.DB.prepare(
        "UPDATE editors SET role = 'producer', producer_id = (SELECT min(id) FROM producers) WHERE id = ?",
      )
        .bind(id)
        .run();
      return `Bearer ${token}`;
    },
    may: new Set(),
    refused: 403,
    afterValidation: true,
  },
  {
    name: "publisher whose account is disabled",
    authorization: async () => {
      const { token, id } = await createEditor("roles-disabled@example.vn", "publisher");
      await env.DB.prepare("UPDATE editors SET disabled_at = '2026-12-01T00:00:00Z' WHERE id = ?")
        .bind(id)
        .run();
      return `Bearer ${token}`;
    },
    may: new Set(),
    refused: 401,
    afterValidation: true,
  },
  {
    name: "publisher's revoked token",
    authorization: async () => {
      const { token, prefix } = await createEditor("roles-revoked@example.vn", "publisher");
      await env.DB.prepare("UPDATE editor_tokens SET revoked_at = '2026-12-01T00:00:00Z' WHERE prefix = ?")
        .bind(prefix)
        .run();
      return `Bearer ${token}`;
    },
    may: new Set(),
    refused: 401,
    afterValidation: true,
  },
];

const ops = await operations();
const guarded = ops.filter((op) => op.security.some((s) => "EditorToken" in s));
const credentials = new Map<string, string | null>();
/** A CSV an import accepts: the catalogue's own export of the kind (a dry run, the import's default). */
let csv = "";

beforeAll(async () => {
  for (const c of CALLERS) credentials.set(c.name, await c.authorization());
  const publisher = credentials.get("publisher") ?? "";
  const exported = await call("/api/v1/admin/export/products", { headers: { authorization: publisher } });
  csv = await exported.text();
  expect(exported.status).toBe(200);
});

describe("the contract declares who may call each editors' operation", () => {
  it("every operation with the EditorToken scheme names its least role, one some caller holds", () => {
    expect(guarded.length).toBeGreaterThan(30);
    const known = new Set(CALLERS.flatMap((c) => [...c.may]));
    for (const op of guarded) expect([op.name, known.has(op.requiredRole ?? "")]).toEqual([op.name, true]);
  });
});

async function answer(op: Operation, caller: Caller) {
  const authorization = credentials.get(caller.name);
  const url = urlOf(op, op.requestTypes.includes("text/csv") ? { kind: "products" } : {});
  const res = await call(url, neutralInit(op, authorization ? { authorization } : {}, csv));
  const text = await res.text();
  return { status: res.status, text, trips: res.headers.get("x-d1-round-trips") };
}

describe.each(CALLERS)("as $name", (caller) => {
  it.each(guarded.map((op) => [op.name, op] as const))(
    "%s answers as its declared role says",
    async (_, op) => {
      const { status, text, trips } = await answer(op, caller);
      if (caller.may.has(op.requiredRole ?? "")) {
        // Let through: whatever the neutral request earns next (400, 404, 412, 422 …), never a refusal.
        expect(status, text).not.toBe(403);
        expect(status, text).not.toBe(401);
        expect(status, text).toBeLessThan(500);
      } else if (caller.afterValidation && (status === 400 || status === 422))
        expect([status, trips], text).toEqual([status, "0"]);
      else expect(status, text).toBe(caller.refused);
    },
  );
});
