import type { Child } from "hono/jsx";
import { MAX_QUERY_LENGTH } from "../../platform/lib/fold.ts";
import { type Lang, pathOf, strings } from "../i18n/index.ts";

/**
 * A plain GET form to the catalogue inside a `<search>` landmark: it works without script, and its URL is the
 * catalogue's own query string. Every search on the site is one of these.
 */
export function CatalogueForm(props: {
  lang: Lang;
  class: string;
  id?: string;
  label?: string;
  children: Child;
}) {
  return (
    <search>
      <form
        class={props.class}
        id={props.id}
        action={pathOf("products", props.lang)}
        method="get"
        aria-label={props.label}
      >
        {props.children}
      </form>
    </search>
  );
}

/** The search text field (`q`), the same in every search form; the server cuts longer text at the same length. */
export function SearchInput(props: { lang: Lang; id: string; q?: string; describedBy?: string }) {
  const t = strings(props.lang);
  return (
    <input
      id={props.id}
      type="search"
      name="q"
      value={props.q ?? ""}
      placeholder={t.searchPlaceholder}
      maxlength={MAX_QUERY_LENGTH}
      autocomplete="off"
      aria-describedby={props.describedBy}
    />
  );
}

/** The product search box of the home and error pages: a label, the field, a button and a hint. */
export function SearchForm(props: { lang: Lang; q?: string; id: string; big?: boolean }) {
  const t = strings(props.lang);
  return (
    <CatalogueForm lang={props.lang} class={props.big ? "search search-big" : "search"}>
      <label for={props.id}>{t.searchLabel}</label>
      <div class="search-row">
        <SearchInput lang={props.lang} id={props.id} q={props.q} describedBy={`${props.id}-hint`} />
        <button type="submit">{t.searchButton}</button>
      </div>
      <p class="hint" id={`${props.id}-hint`}>
        {t.searchHint}
      </p>
    </CatalogueForm>
  );
}
