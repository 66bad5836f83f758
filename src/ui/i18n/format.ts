import type { Lang } from "../../domain/vocabulary.ts";

const nf = { vi: new Intl.NumberFormat("vi-VN"), en: new Intl.NumberFormat("en-GB") };

/** A whole number in the language's style ("1.200.000" / "1,200,000"). */
export const formatNumber = (n: number, lang: Lang) => nf[lang].format(n);

/** A price in đồng. */
export const formatVnd = (n: number, lang: Lang) => `${formatNumber(n, lang)} ₫`;

/** An amount in billions of đồng as a bare number, e.g. "4,36" / "4.36" (for a chart whose unit is named once). */
export const formatBillionsNumber = (n: number, lang: Lang) =>
  (n / 1e9).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 });

/** An amount in billions of đồng, e.g. "4,36 tỷ đồng" / "4.36 billion VND". */
export function formatBillions(n: number, lang: Lang): string {
  const text = formatBillionsNumber(n, lang);
  return lang === "vi" ? `${text} tỷ đồng` : `${text} billion VND`;
}

/** How the source hedges a figure, in words: "hơn" / "more than", "gần" / "nearly", "khoảng" / "about". */
const QUALIFIER_WORDS = {
  vi: { more_than: "hơn", nearly: "gần", about: "khoảng" },
  en: { more_than: "more than", nearly: "nearly", about: "about" },
} as const;

/**
 * A reported figure with its source's hedge kept: "hơn 4,36 tỷ đồng" / "more than 4.36 billion VND". `text` is
 * the number already formatted (default: billions for VND, a plain number otherwise).
 *
 * @example formatFigure({ value: 4.36e9, unit: "vnd", qualifier: "more_than" }, "en") // "more than 4.36 billion VND"
 */
export function formatFigure(
  f: { value: number; unit: string; qualifier: "more_than" | "nearly" | "about" | null },
  lang: Lang,
  text = f.unit === "vnd" ? formatBillions(f.value, lang) : formatNumber(f.value, lang),
): string {
  return f.qualifier ? `${QUALIFIER_WORDS[lang][f.qualifier]} ${text}` : text;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A YYYY-MM-DD date as "15/10/2026" or "15 Oct 2026". */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang === "vi" ? `${d}/${mo}/${y}` : `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}`;
}

/** The host of a URL, for naming a source link ("tapchicongthuong.vn"). */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
