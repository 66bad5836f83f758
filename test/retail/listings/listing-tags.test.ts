// A listing's strong ETag and the If-Match header, without HTTP.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listingEtag } from "../../../src/platform/db/listing-etag.ts";
import { parseIfMatch } from "../../../src/retail/listings/listings.queries.ts";

describe("listingEtag and parseIfMatch", () => {
  it("a listing's tag parses back to its id, version and creation time", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.nat({ max: 2 ** 40 }),
        fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        fc.nat({ max: 2 ** 40 }),
        (id, version, date, epoch) => {
          const created_at = date.toISOString();
          const tag = listingEtag({ id, version, created_at, epoch });
          expect(tag).toMatch(/^"l\d+v\d+c\d{17}(e\d+)?"$/);
          expect(parseIfMatch(tag)).toEqual([{ id, version, created: created_at.replace(/\D/g, ""), epoch }]);
        },
      ),
    );
  });

  it("reads `*`, lists, and ignores weak and foreign tags", () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch(" * ")).toBe("*");
    expect(parseIfMatch('"l1v2c20260101000000000", W/"l3v4c20260101000000000", "abc"')).toEqual([
      { id: 1, version: 2, created: "20260101000000000", epoch: 0 },
    ]);
    expect(parseIfMatch('W/"l1v2c20260101000000000"')).toEqual([]);
    expect(parseIfMatch("")).toEqual([]);
  });

  it("takes at most ten tags, so a long header cannot grow the statement", () => {
    const header = Array.from({ length: 50 }, (_, i) => `"l${i}v1c20260101000000000"`).join(", ");
    expect(parseIfMatch(header)).toHaveLength(10);
  });
});
