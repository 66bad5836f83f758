import type { Lang } from "./index.ts";

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
