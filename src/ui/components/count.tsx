import { formatNumber } from "../i18n/format.ts";
import type { Lang } from "../i18n/index.ts";

const WORDS = {
  vi: { one: "minh họa", all: (n: string) => `cả ${n} minh họa`, some: (n: string) => `${n} minh họa` },
  en: {
    one: "illustrative",
    all: (n: string) => `all ${n} illustrative`,
    some: (n: string) => `${n} illustrative`,
  },
} as const;

/**
 * "cả 2 minh họa" / "1 minh họa": how many of a count are illustrative, or "" when none are; the number in the
 * page's language ("1.000" / "1,000"), with "+" when the count is a lower bound (`atLeast`: a capped search).
 */
export function illustrativeShare(n: number, illustrative: number, lang: Lang, atLeast = false): string {
  if (!illustrative) return "";
  const shown = `${formatNumber(illustrative, lang)}${atLeast ? "+" : ""}`;
  if (illustrative < n) return WORDS[lang].some(shown);
  // "1 sản phẩm · minh họa", not "1 sản phẩm · cả 1 minh họa"
  return n === 1 && !atLeast ? WORDS[lang].one : WORDS[lang].all(shown);
}

/**
 * A count a shopper reads, saying how much of it is illustrative ("3 · 2 minh họa", "2 · cả 2 minh họa"). The
 * data attributes carry the same numbers for tests and scripts: `data-<kind>` names what is counted.
 */
export function Count(props: {
  n: number;
  illustrative: number;
  lang: Lang;
  kind: "facet" | "tier" | "channel" | "group";
  value: string;
  /** The count as words ("3 sản phẩm"); the bare number by default. */
  text?: string;
  /** The count is a lower bound (a capped search): its illustrative share is one too. */
  atLeast?: boolean;
  class?: string;
}) {
  const share = illustrativeShare(props.n, props.illustrative, props.lang, props.atLeast);
  const attrs = { [`data-${props.kind}`]: props.value };
  return (
    <span
      class={props.class ?? "count"}
      {...attrs}
      data-count={String(props.n)}
      data-illustrative={String(props.illustrative)}
    >
      {props.text ?? String(props.n)}
      {share ? <span class="count-illustrative"> · {share}</span> : null}
    </span>
  );
}
