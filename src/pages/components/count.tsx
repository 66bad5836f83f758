import type { Lang } from "../i18n/index.ts";

const WORDS = {
  vi: { all: (n: number) => `cả ${n} minh họa`, some: (n: number) => `${n} minh họa` },
  en: { all: (n: number) => `all ${n} illustrative`, some: (n: number) => `${n} illustrative` },
} as const;

/** "cả 2 minh họa" / "1 minh họa": how many of a count are illustrative, or "" when none are. */
export function illustrativeShare(n: number, illustrative: number, lang: Lang): string {
  if (!illustrative) return "";
  return illustrative >= n ? WORDS[lang].all(illustrative) : WORDS[lang].some(illustrative);
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
  class?: string;
}) {
  const share = illustrativeShare(props.n, props.illustrative, props.lang);
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
