// The pages' languages: the two dictionaries of interface text (vi.ts, en.ts), the path table (paths.ts) and the
// number, money and date formats (format.ts). Pages import from here.

import { LABELS, type Lang } from "../../domain/vocabulary.ts";
import type { Strings } from "./vi.ts";

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

// Each language's text is a module of its own, imported on first use: a page loads the one dictionary it shows, and
// the API none (the deployed Worker keeps each in its own chunk: scripts/budget.ts).
const loaded: Partial<Record<Lang, Strings>> = {};
const loading: Partial<Record<Lang, Promise<Strings>>> = {};
const importers: Record<Lang, () => Promise<Strings>> = {
  vi: () => import("./vi.ts").then((m) => m.vi),
  en: () => import("./en.ts").then((m) => m.en),
};

/**
 * Loads a language's interface text, once per isolate; {@link strings} needs it loaded. The pages' middleware
 * awaits it for the language of the path before any page renders (src/catalogue/pages.tsx).
 *
 * @example await loadStrings("en"); strings("en").homeTitle
 */
export function loadStrings(lang: Lang): Promise<Strings> {
  const done = loaded[lang];
  if (done) return Promise.resolve(done);
  loading[lang] ??= importers[lang]().then(
    (s) => {
      loaded[lang] = s;
      return s;
    },
    (err) => {
      delete loading[lang];
      throw err;
    },
  );
  return loading[lang];
}

/** The interface strings of a language, loaded by {@link loadStrings} (a page never renders before that). */
export const strings = (lang: Lang): Strings => {
  const s = loaded[lang];
  if (!s) throw new Error(`the '${lang}' interface text is not loaded (loadStrings)`);
  return s;
};
