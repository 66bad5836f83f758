import { SearchForm } from "./components/search-form.tsx";
import { type Lang, pathOf, strings } from "./i18n/index.ts";

/** The 404, 400 and 500 pages: in the site's style, with a way back (search, catalogue, home). */
export function ErrorPage(props: { status: 400 | 404 | 500; lang: Lang }) {
  const { lang } = props;
  const t = strings(lang);
  const title = errorTitle(props.status, lang);
  const text = props.status === 404 ? t.notFoundText : props.status === 400 ? t.badRequestText : t.errorText;
  return (
    <div class="wrap error-page">
      <p class="error-code" aria-hidden="true">
        {props.status}
      </p>
      <h1>{title}</h1>
      <p class="lede">{text}</p>
      <SearchForm lang={lang} id="error-q" big />
      <p class="actions">
        <a class="btn" href={pathOf("products", lang)}>
          {t.browseAll}
        </a>
        <a class="btn btn-quiet" href={pathOf("home", lang)}>
          {t.goHome}
        </a>
      </p>
    </div>
  );
}

/** The title of an error page (also its <title>). */
export const errorTitle = (status: 400 | 404 | 500, lang: Lang) => {
  const t = strings(lang);
  return status === 404 ? t.notFoundTitle : status === 400 ? t.badRequestTitle : t.errorTitle;
};
