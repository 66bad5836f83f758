import { type Lang, strings } from "../i18n/index.ts";
import { DataTable } from "./data-table.tsx";

/** One bar of a {@link BarChart}. */
export interface Bar {
  label: string;
  value: number;
  /** The value as shown (with unit). */
  display: string;
  /** Colour class: national, local, total, or a tier. */
  tone: string;
}

/**
 * A horizontal bar chart: each bar's label and value are HTML text above its bar, so a long label wraps on a phone
 * instead of being cut off (SVG text neither wraps nor stays legible when the drawing scales down). The bars are
 * SVG (their width is an attribute: the pages' CSP allows no inline style) and hidden from screen readers, which
 * read the labels and values as a list; the same numbers follow as a table.
 */
export function BarChart(props: {
  id: string;
  title: string;
  desc: string;
  bars: Bar[];
  lang: Lang;
  unit?: string;
}) {
  const t = strings(props.lang);
  const max = Math.max(...props.bars.map((b) => b.value), 1);
  return (
    <figure class="chart" aria-labelledby={`${props.id}-cap`}>
      <figcaption id={`${props.id}-cap`}>
        <strong>{props.title}</strong>
        <span>{props.desc}</span>
      </figcaption>
      <ul class="chart-bars">
        {props.bars.map((b) => (
          <li class="chart-row">
            <span class="chart-label">{b.label}</span>
            <span class="chart-value">{b.display}</span>
            <svg
              width={`${Math.max(0.5, Math.round((b.value / max) * 1000) / 10)}%`}
              height="18"
              aria-hidden="true"
              focusable="false"
            >
              <rect width="100%" height="100%" rx="3" class={`bar bar-${b.tone}`} />
            </svg>
          </li>
        ))}
      </ul>
      <details class="chart-data">
        <summary>{t.tableOfChart}</summary>
        <DataTable
          columns={[
            { label: t.figure },
            { label: props.unit ? `${t.value} (${props.unit})` : t.value, num: true },
          ]}
        >
          {props.bars.map((b) => (
            <tr>
              <th scope="row">{b.label}</th>
              <td class="num">{b.display}</td>
            </tr>
          ))}
        </DataTable>
      </details>
    </figure>
  );
}
