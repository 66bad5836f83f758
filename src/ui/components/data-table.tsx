import type { Child } from "hono/jsx";

/** A column heading of a {@link DataTable}; `num` right-aligns the column (figures, prices, points). */
export interface Column {
  label: Child;
  num?: boolean;
}

/** A table of figures: one header row of column headings (`scope="col"`), then the caller's rows. */
export function DataTable(props: { columns: Column[]; class?: string; children: Child }) {
  return (
    <table class={props.class}>
      <thead>
        <tr>
          {props.columns.map((col) => (
            <th scope="col" class={col.num ? "num" : undefined}>
              {col.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
