/**
 * Ratings as of their year (issue 25). A recognition is a decision of a given year, not a standing fact: an OCOP
 * rating is valid for 36 months from its decision and products are re-assessed when it lapses (FACTS.md, citing
 * caobangtourism); a CNNT-TB title is the vote of a given year. So the catalogue says "recognized in 2020", and for
 * OCOP whether the rating may have lapsed — never that a product "is" OCOP 3★ today without a renewal on record.
 *
 * The day of a decision is not recorded, only its year: a rating decided in year Y lapses somewhere in Y + 3, so from
 * 1 January of Y + 3 on it may have lapsed, and the catalogue says so unless a later OCOP rating of the same product
 * (a renewal, or a re-rating with other stars) is recorded.
 */

/** Months an OCOP rating is valid from its decision. */
export const OCOP_VALID_MONTHS = 36;

export const STANDINGS = [
  "within_validity",
  "may_have_lapsed",
  "renewed",
  "year_not_stated",
  "vote_of_its_year",
  "not_dated",
] as const;
/**
 * Where a recognition stands today:
 * - `within_validity`: an OCOP rating whose 36 months cannot have run out yet (year + 3 is still ahead);
 * - `may_have_lapsed`: an OCOP rating whose 36 months may have run out (from 1 January of year + 3), with no later
 *   OCOP rating of the product recorded;
 * - `renewed`: an OCOP rating followed by a later one of the same product (`renewed_in`);
 * - `year_not_stated`: an OCOP rating whose source gives no year, so whether it still holds is unknown;
 * - `vote_of_its_year`: a CNNT-TB title, the result of that year's vote (it does not lapse; it is of its year);
 * - `not_dated`: another recognition (geographical indication, collective mark) the catalogue does not date.
 */
export type Standing = (typeof STANDINGS)[number];

/** The first year in which an OCOP rating of `year` may have lapsed (36 months from a decision in that year). */
export const lapsesFrom = (year: number) => year + OCOP_VALID_MONTHS / 12;

/**
 * Where a recognition stands in `currentYear`.
 *
 * @example standingOf({ scheme: "ocop", year: 2020 }, null, 2026) // "may_have_lapsed"
 * @example standingOf({ scheme: "ocop", year: 2020 }, 2023, 2026) // "renewed"
 */
export function standingOf(
  r: { scheme: string; year: number | null },
  renewedIn: number | null,
  currentYear: number,
): Standing {
  if (r.scheme === "cnnt") return r.year === null ? "not_dated" : "vote_of_its_year";
  if (r.scheme !== "ocop") return "not_dated";
  if (r.year === null) return "year_not_stated";
  if (renewedIn !== null && renewedIn > r.year) return "renewed";
  return lapsesFrom(r.year) <= currentYear ? "may_have_lapsed" : "within_validity";
}

/** The year the catalogue reads "today" in (UTC). */
export const currentYear = (now = new Date()) => now.getUTCFullYear();

/**
 * What a recognition's standing says, in a language: "recognized in 2020", and for OCOP whether it may have lapsed.
 *
 * @example standingText("may_have_lapsed", 2020, null, "en")
 * // "Recognized in 2020. An OCOP rating is valid for 36 months unless renewed: it may have lapsed."
 */
export function standingText(
  status: Standing,
  year: number | null,
  renewedIn: number | null,
  lang: "vi" | "en",
): string {
  const vi = lang === "vi";
  const inYear = year === null ? "" : vi ? `Công nhận năm ${year}. ` : `Recognized in ${year}. `;
  switch (status) {
    case "within_validity":
      return vi
        ? `${inYear}Xếp hạng OCOP có hiệu lực 36 tháng kể từ quyết định: còn trong thời hạn (đến năm ${lapsesFrom(year ?? 0)}).`
        : `${inYear}An OCOP rating is valid for 36 months from its decision: still within them (until ${lapsesFrom(year ?? 0)}).`;
    case "may_have_lapsed":
      return vi
        ? `${inYear}Xếp hạng OCOP có hiệu lực 36 tháng nếu không được đánh giá lại: có thể đã hết hiệu lực.`
        : `${inYear}An OCOP rating is valid for 36 months unless renewed: it may have lapsed.`;
    case "renewed":
      return vi ? `${inYear}Được đánh giá lại năm ${renewedIn}.` : `${inYear}Re-rated in ${renewedIn}.`;
    case "year_not_stated":
      return vi
        ? "Nguồn không nêu năm công nhận, nên không biết xếp hạng còn hiệu lực hay không (xếp hạng OCOP có hiệu lực 36 tháng)."
        : "The source gives no year, so whether the rating still holds is unknown (an OCOP rating is valid for 36 months).";
    case "vote_of_its_year":
      return vi ? `Bình chọn năm ${year}.` : `Recognized in the ${year} vote.`;
    default:
      return vi ? "Nguồn không nêu năm." : "The source gives no year.";
  }
}
