// The pages' languages: the two dictionaries of interface text (vi.ts, en.ts), the path table (paths.ts) and the
// number, money and date formats (format.ts). Pages import from here.

import { LABELS, type Lang } from "../../domain.ts";
import { en } from "./en.ts";
import { type Strings, vi } from "./vi.ts";

export {
  formatBillions,
  formatBillionsNumber,
  formatDate,
  formatFigure,
  formatNumber,
  formatVnd,
  hostOf,
} from "./format.ts";
export { langOfPath, type PageKey, pathOf, pathWithQuery, routeOf } from "./paths.ts";
export type { Lang, Strings };

/**
 * The label of a tier, product group or scheme — the same labels the API gives its facets.
 *
 * @example labelOf("tier", "national", "en") // "National"
 */
export const labelOf = (kind: keyof typeof LABELS, value: string, lang: Lang) =>
  LABELS[kind][value]?.[lang === "vi" ? 0 : 1] ?? value;

/** The interface strings of a language. */
export const strings = (lang: Lang): Strings => (lang === "vi" ? vi : en);
