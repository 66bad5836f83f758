// The one entity-tag rule (RFC 9110 §13.1): If-None-Match compares weakly, If-Match strongly; `*` is reported.
import { describe, expect, it } from "vitest";
import {
  matchHits,
  noneMatchHits,
  parseEntityTags,
  strongTags,
} from "../../../src/platform/lib/entity-tags.ts";

describe("entity tags", () => {
  it("parses a list, skipping malformed members and noting *", () => {
    expect(parseEntityTags(' W/"a" , "b",bare, "c"x, *')).toEqual({
      star: true,
      tags: [
        { weak: true, opaque: '"a"' },
        { weak: false, opaque: '"b"' },
      ],
    });
  });

  it("If-None-Match: weak comparison, so a weak and a strong copy of a tag both hit", () => {
    expect(noneMatchHits('W/"src.1.4"', 'W/"src.1.4"')).toBe(true);
    expect(noneMatchHits('"src.1.4"', 'W/"src.1.4"')).toBe(true);
    expect(noneMatchHits('"x", W/"src.1.4"', '"src.1.4"')).toBe(true);
    expect(noneMatchHits('W/"src.1.3"', 'W/"src.1.4"')).toBe(false);
    expect(noneMatchHits("*", '"anything"')).toBe(true);
    expect(noneMatchHits("src.1.4", 'W/"src.1.4"')).toBe(false);
  });

  it("If-Match: strong comparison, so a weak tag never matches and a weak current tag matches nothing", () => {
    expect(matchHits('"l1v2c3"', '"l1v2c3"')).toBe(true);
    expect(matchHits('W/"l1v2c3"', '"l1v2c3"')).toBe(false);
    expect(matchHits('W/"l1v2c3", "q", "l1v2c3"', '"l1v2c3"')).toBe(true);
    expect(matchHits('"l1v2c3"', 'W/"l1v2c3"')).toBe(false);
    expect(strongTags('W/"a", "b", *')).toEqual(['"b"']);
  });
});
