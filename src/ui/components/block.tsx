import type { Child } from "hono/jsx";

/**
 * A section of a page under its own h2, named by that heading (`aria-labelledby`), so screen readers list it as a
 * region with the heading's text. `anchor` makes it a link target that takes focus (e.g. "#where-to-buy").
 */
export function Block(props: { id: string; title: Child; class?: string; anchor?: string; children: Child }) {
  return (
    <section
      class={props.class ? `block ${props.class}` : "block"}
      id={props.anchor}
      aria-labelledby={props.id}
      tabindex={props.anchor ? -1 : undefined}
    >
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}
