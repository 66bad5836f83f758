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

const W = 440;
const ROW = 44;
const LABEL_H = 16;
const BAR_H = 18;

/**
 * A horizontal bar chart drawn as SVG on the server: role="img" with a title and description, followed by the
 * same numbers as a table, so the chart is readable without sight and without CSS.
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
  const h = props.bars.length * ROW + 4;
  const valueW = 92;
  const barMax = W - valueW;
  return (
    <figure class="chart" aria-labelledby={`${props.id}-cap`}>
      <figcaption id={`${props.id}-cap`}>
        <strong>{props.title}</strong>
        <span>{props.desc}</span>
      </figcaption>
      <svg
        class="chart-svg"
        viewBox={`0 0 ${W} ${h}`}
        width={W}
        height={h}
        role="img"
        aria-labelledby={`${props.id}-t ${props.id}-d`}
      >
        <title id={`${props.id}-t`}>{props.title}</title>
        <desc id={`${props.id}-d`}>{props.bars.map((b) => `${b.label}: ${b.display}`).join("; ")}</desc>
        {props.bars.map((b, i) => {
          const y = i * ROW;
          const w = Math.max(2, Math.round((b.value / max) * barMax));
          return (
            <g>
              <text x="0" y={y + 12} class="chart-label">
                {b.label}
              </text>
              <rect x="0" y={y + LABEL_H + 2} width={w} height={BAR_H} rx="3" class={`bar bar-${b.tone}`} />
              <text x={w + 6} y={y + LABEL_H + 15} class="chart-value">
                {b.display}
              </text>
            </g>
          );
        })}
      </svg>
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
