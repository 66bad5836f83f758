import type { Child } from "hono/jsx";

/**
 * A table that may be wider than a phone: it scrolls sideways inside its own box, which is focusable (so the
 * keyboard can scroll it) and named as a region.
 */
export function TableWrap(props: { label: string; children: Child }) {
  return (
    <section class="table-wrap" tabindex={0} aria-label={props.label}>
      {props.children}
    </section>
  );
}
