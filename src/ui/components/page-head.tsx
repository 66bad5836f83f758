import type { Child } from "hono/jsx";

/** The page title block: the page's one h1, an optional lede, and whatever the page adds (badges, sources). */
export function PageHead(props: { title: Child; lede?: string; children?: Child }) {
  return (
    <div class="page-head">
      <h1>{props.title}</h1>
      {props.lede ? <p class="lede">{props.lede}</p> : null}
      {props.children}
    </div>
  );
}
