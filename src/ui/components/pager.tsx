import { type Lang, strings } from "../i18n/index.ts";

/** Cursor pagination links: back to the first page (when on a later one) and the next page (when there is one). */
export function Pager(props: { lang: Lang; nextHref?: string | null; firstHref?: string | null }) {
  if (!props.nextHref && !props.firstHref) return null;
  const t = strings(props.lang);
  return (
    <nav class="pager" aria-label={t.nextPage}>
      {props.firstHref ? <a href={props.firstHref}>{t.firstPage}</a> : <span />}
      {props.nextHref ? (
        <a rel="next" href={props.nextHref}>
          {t.nextPage} <span aria-hidden="true">→</span>
        </a>
      ) : null}
    </nav>
  );
}
