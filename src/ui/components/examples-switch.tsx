// Pages show real records only, as the API does (issue 24). Illustrative examples — made up to show what the
// catalogue can hold — appear only behind this switch: a plain link (no script) that adds or removes
// `?include=illustrative`, the API's own parameter, to the page's URL. With it on, the examples are listed and
// counted, each tagged "Minh họa / Illustrative" as everywhere else.
import type { Lang } from "../i18n/index.ts";

/** Whether a page's URL asks for the examples. */
export const examplesAsked = (include: string | undefined) => include === "illustrative";

/** A query string ("a=1&b=2" or "") with the switch set as `on` asks, keeping everything else in its order. */
export function withExamples(query: string, on: boolean): string {
  const p = new URLSearchParams(query);
  p.delete("include");
  if (on) p.append("include", "illustrative");
  return p.toString();
}

/** The switch as a page shows it: whether the examples are shown, and the same page with the switch flipped. */
export interface ExamplesToggle {
  on: boolean;
  href: string;
}

const T = {
  vi: {
    show: "Xem cả ví dụ minh họa",
    hide: "Chỉ xem hồ sơ thật",
    offNote: "Trang chỉ hiện hồ sơ thật, có nguồn.",
    onNote:
      "Đang hiện cả ví dụ minh họa (gắn nhãn “Minh họa”), do biên tập viên tạo ra để minh họa, không phải dữ liệu thật.",
  },
  en: {
    show: "Show the illustrative examples",
    hide: "Show real records only",
    offNote: "This page shows real, sourced records only.",
    onNote:
      "Illustrative examples are shown too (tagged “Illustrative”): made up by the editors to show what the catalogue can hold, not real data.",
  },
} as const;

/** "Xem cả ví dụ minh họa / Show the illustrative examples" (or back to real records only), with what it means. */
export function ExamplesSwitch(props: { lang: Lang; toggle: ExamplesToggle }) {
  const t = T[props.lang];
  const { on, href } = props.toggle;
  return (
    <p class={on ? "examples-switch notice" : "examples-switch fine"} data-examples={on ? "on" : "off"}>
      {on ? t.onNote : t.offNote}{" "}
      <a href={href} rel="nofollow">
        {on ? t.hide : t.show}
      </a>
    </p>
  );
}
