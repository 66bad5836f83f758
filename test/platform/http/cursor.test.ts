// Keyset cursors, without HTTP: signed, scoped, and refused with a 400 naming `cursor` when anything is off.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../../src/platform/http/cursor.ts";
import { Problem } from "../../../src/platform/http/problem.ts";

const SECRET = "unit-test-secret";
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(Problem);
  const problem = e as Problem;
  expect(problem.status).toBe(400);
  expect(problem.body.invalid_params?.map((i) => i.name)).toEqual(["cursor"]);
  return problem.body.invalid_params?.[0]?.reason ?? "";
}

describe("cursor", () => {
  it("round-trips any key of scalars within its scope", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 20 }),
        fc.array(scalar, { maxLength: 4 }),
        async (scope, key) => {
          const cursor = await encodeCursor(SECRET, { scope, key });
          expect(cursor).toMatch(/^[\w-]+\.[\w-]+$/);
          expect(await decodeCursor(SECRET, cursor, scope, key.length)).toEqual(
            JSON.parse(JSON.stringify(key)),
          );
        },
      ),
    );
  });

  it("refuses another query's cursor, another secret's, a changed one and a wrong arity", async () => {
    const cursor = await encodeCursor(SECRET, { scope: "products|name|vi", key: ["mien dong", 7] });
    expect(await refusal(decodeCursor(SECRET, cursor, "products|tier|vi", 2))).toMatch(/different query/);
    expect(await refusal(decodeCursor("other", cursor, "products|name|vi", 2))).toMatch(/modified/);
    expect(await refusal(decodeCursor(SECRET, cursor, "products|name|vi", 3))).toMatch(/malformed/);
    const [payload, sig] = cursor.split(".");
    const forged = `${btoa(JSON.stringify(["products|name|vi", ["a", 1]])).replace(/=+$/, "")}.${sig}`;
    expect(await refusal(decodeCursor(SECRET, forged, "products|name|vi", 2))).toMatch(/modified/);
    for (const bad of ["", ".", "a.b.c", `${payload}.`, `${payload}.${sig}.x`, "%%%.%%%"]) {
      await refusal(decodeCursor(SECRET, bad, "products|name|vi", 2));
    }
  });

  it("a signed key that is not a list of scalars is still a 400 (defence if the secret leaks)", async () => {
    for (const key of [[{}], [[1]], [true]] as never[]) {
      const cursor = await encodeCursor(SECRET, { scope: "s", key });
      await refusal(decodeCursor(SECRET, cursor, "s"));
    }
  });
});
