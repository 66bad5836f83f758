// Ratings as of their year (src/domain/ratings.ts): an OCOP rating is valid for 36 months from its decision; the catalogue
// records only the year, so from 1 January of year + 3 a rating may have lapsed unless a later one is recorded.
import { describe, expect, it } from "vitest";
import { lapsesFrom, standingOf, standingText } from "../../src/domain/ratings.ts";

describe("standingOf", () => {
  it.each([
    [{ scheme: "ocop", year: 2024 }, null, 2026, "within_validity"],
    // A 2023 decision lapses during 2026: on 7 December 2026 it may have.
    [{ scheme: "ocop", year: 2023 }, null, 2026, "may_have_lapsed"],
    [{ scheme: "ocop", year: 2023 }, null, 2025, "within_validity"],
    [{ scheme: "ocop", year: 2020 }, null, 2026, "may_have_lapsed"],
    [{ scheme: "ocop", year: 2020 }, 2023, 2026, "renewed"],
    // A "renewal" of the same year is no renewal.
    [{ scheme: "ocop", year: 2020 }, 2020, 2026, "may_have_lapsed"],
    [{ scheme: "ocop", year: null }, null, 2026, "year_not_stated"],
    [{ scheme: "cnnt", year: 2021 }, null, 2026, "vote_of_its_year"],
    [{ scheme: "cnnt", year: null }, null, 2026, "not_dated"],
    [{ scheme: "geographical_indication", year: null }, null, 2026, "not_dated"],
  ] as const)("%o renewed %s in %i → %s", (r, renewed, now, expected) => {
    expect(standingOf(r, renewed, now)).toBe(expected);
  });

  it("says the year, and that a lapsed rating may have lapsed, in both languages", () => {
    expect(lapsesFrom(2020)).toBe(2023);
    expect(standingText("may_have_lapsed", 2020, null, "vi")).toMatch(
      /^Công nhận năm 2020\..*có thể đã hết hiệu lực/,
    );
    expect(standingText("may_have_lapsed", 2020, null, "en")).toMatch(
      /^Recognized in 2020\..*may have lapsed/,
    );
    expect(standingText("renewed", 2020, 2023, "en")).toBe("Recognized in 2020. Re-rated in 2023.");
    expect(standingText("within_validity", 2024, null, "en")).toContain("until 2027");
  });
});
