// Property-based tests over the search's data an editor writes (issue 26): any text as a synonym's side is a 201, a
// 409 or a clear 422, never a 5xx; an accepted synonym indexes its products again (triggers that build FTS5 phrase
// queries from its words) and every search for either side, or for a word of it, still answers 200.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { admin, createEditor } from "../editor/helpers.ts";
import {
  CONTROL_AND_ODD,
  encodeLoose,
  expectWellFormed,
  FTS5_SYNTAX,
  hostileString,
  printable,
} from "../helpers/fuzz.ts";
import { call } from "../helpers/http.ts";

vi.setConfig({ testTimeout: 120_000 });
const scale = Number(env.FUZZ_RUNS) || 1;
const runs = (n: number) => Math.max(1, Math.round(n * scale));

let token = "";
beforeAll(async () => {
  token = (await createEditor("search-fuzz@example.vn", "editor")).token;
});

/** A side of a synonym: hostile text, FTS5 syntax, or product words with odd characters around them. */
const side = fc.oneof(
  hostileString,
  fc.constantFrom(...FTS5_SYNTAX),
  fc
    .tuple(
      fc.constantFrom("trà", "miến", "lạp sườn", "mật ong", "chè", "khẩu sli", "đ", "Đ"),
      fc.constantFrom(...FTS5_SYNTAX, ...CONTROL_AND_ODD, " ", "%", "_", "'"),
    )
    .map(([w, odd]) => `${odd}${w}${odd}`),
);

describe("synonyms with any text", () => {
  it("are added, refused or named wrong — never a 5xx — and searches for them still answer", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(side, side, async (term, synonym) => {
        const label = printable(JSON.stringify([term, synonym]));
        const res = await expectWellFormed(
          await admin("POST", "/search/synonyms", token, { term, synonym }),
          label,
        );
        expect([201, 409, 422], label).toContain(res);
        if (res === 201) accepted++;
        // A search for either side (cut to the longest text accepted; a lone surrogate may still make it a 400).
        for (const q of [term, synonym]) {
          const status = await expectWellFormed(
            await call(`/api/v1/products?q=${encodeLoose([...q].slice(0, 100).join(""))}`),
            label,
          );
          expect([200, 400], label).toContain(status);
        }
      }),
      { numRuns: runs(60) },
    );
    // Some were accepted, so the triggers that index their products again ran on odd text.
    expect(accepted).toBeGreaterThan(0);
  });
});
