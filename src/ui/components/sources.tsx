import { hostOf, type Lang, strings } from "../i18n/index.ts";

/** A link to a source, named by its host. */
export function SourceLink(props: { url: string; lang: Lang; label?: string }) {
  return (
    <a class="source" href={props.url} rel="external noopener noreferrer">
      {props.label ?? `${strings(props.lang).source}: ${hostOf(props.url)}`}
    </a>
  );
}

/** A list of sources. */
export function Sources(props: { urls: string[]; lang: Lang; title?: string }) {
  if (!props.urls.length) return null;
  const t = strings(props.lang);
  return (
    <section class="sources" aria-labelledby="sources-h">
      <h2 id="sources-h">{props.title ?? t.sources}</h2>
      <ol>
        {props.urls.map((u) => (
          <li>
            <a href={u} rel="external noopener noreferrer">
              {hostOf(u)}
            </a>
            <span class="url">{u}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
