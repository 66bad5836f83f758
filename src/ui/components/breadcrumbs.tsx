import type { Child } from "hono/jsx";
import { type Lang, pathOf, strings } from "../i18n/index.ts";

/** The trail from the home page to this one; the last item is the current page (not a link). */
export function Breadcrumbs(props: { lang: Lang; items: { href?: string; label: Child }[] }) {
  const t = strings(props.lang);
  return (
    <nav class="breadcrumbs" aria-label={t.breadcrumb}>
      <ol>
        <li>
          <a href={pathOf("home", props.lang)}>{t.home}</a>
        </li>
        {props.items.map((i) => (
          <li>{i.href ? <a href={i.href}>{i.label}</a> : <span aria-current="page">{i.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
