import { type Lang, strings } from "../i18n/index.ts";

/**
 * The pagination of a list page: where it is ("page 2 of 4"), the first, previous and next pages' links (null when
 * there is none).
 */
export interface PagerLinks {
  firstHref: string | null;
  prevHref?: string | null;
  nextHref: string | null;
  /** This page's number, from 1. */
  page?: number;
  /** How many pages the whole list has, when its total is known. */
  pages?: number | null;
}

/**
 * Pagination: where this page is ("Trang 2 / 4"), and links to the first page (from the third on), the previous
 * page and the next page. Nothing on a list that fits one page.
 */
export function Pager(props: Partial<PagerLinks> & { lang: Lang }) {
  const { nextHref, prevHref, firstHref, page = 1, pages } = props;
  if (!nextHref && !prevHref && !firstHref) return null;
  const t = strings(props.lang);
  return (
    <nav class="pager" aria-label={t.pagination}>
      <p class="pager-where">{t.pageOf(page, pages ?? null)}</p>
      <ul>
        {firstHref ? (
          <li>
            <a href={firstHref}>{t.firstPage}</a>
          </li>
        ) : null}
        {prevHref ? (
          <li>
            <a rel="prev" href={prevHref}>
              <span aria-hidden="true">←</span> {t.prevPage}
            </a>
          </li>
        ) : null}
        {nextHref ? (
          <li>
            <a rel="next" href={nextHref}>
              {t.nextPage} <span aria-hidden="true">→</span>
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
