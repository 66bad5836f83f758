// The record screens (products and producers: lists, forms, publishing, preview) for one language, assembled from
// list.page.tsx (the list and the new-record form), edit.page.tsx (a record's page and its posts) and the preview
// here. The editor's form kit lives in ../ui/form.tsx; its names are re-exported here for the pages that import
// them from this module.
import type { Hono } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import { loadStrings } from "../../ui/i18n/index.ts";
import { Layout } from "../../ui/layout.tsx";
import { ProductPage } from "../../ui/product-page.tsx";
import type { EditorIdentity } from "../auth/auth.ts";
import type { Shell } from "../ui/form.tsx";
import { RECORD_PATHS, UI } from "../ui/labels.ts";
import { signedInScreens } from "../ui/screen.ts";
import type { AdminLang } from "../ui/strings.ts";
import { editRoutes } from "./edit.page.tsx";
import { listRoutes } from "./list.page.tsx";
import { previewDetail } from "./preview.ts";
import type { C, RecordScreens } from "./screens.ts";

export type { Errors, Shell, Values } from "../ui/form.tsx";
export { Area, ErrorSummary, errorsOf, Field, Select, Text, zodErrors } from "../ui/form.tsx";

/**
 * Registers the record screens (lists, forms, preview, publish) for one language. `shell` renders a signed-in
 * page; `signedIn` reads the session (or answers with a redirect to the sign-in page).
 */
export function recordRoutes(
  app: Hono<AppEnv>,
  lang: AdminLang,
  shell: Shell,
  signedIn: (c: C) => Promise<EditorIdentity | Response>,
) {
  const P = RECORD_PATHS[lang];
  const O = RECORD_PATHS[lang === "vi" ? "en" : "vi"];
  const t = UI[lang];
  const { get, post } = signedInScreens(signedIn);

  for (const kind of ["product", "producer"] as const) {
    const base = kind === "product" ? P.products : P.producers;
    const otherBase = kind === "product" ? O.products : O.producers;
    const screens: RecordScreens = { app, lang, shell, kind, P, O, t, base, otherBase, get, post };
    // In this order: base/new before base/:slug (which "new" would match too).
    listRoutes(screens);
    editRoutes(screens);
    if (kind !== "product") continue;

    app.get(
      `${base}/:slug{[a-z0-9-]+}/${P.preview}`,
      get(async (c) => {
        const slug = c.req.param("slug") ?? "";
        const [detail] = await Promise.all([previewDetail(c, slug, lang), loadStrings(lang)]);
        if (!detail) return shell(c, lang, "404", otherBase, <p>{t.noResults}</p>, 404);
        // The public product page itself (component, mappers, styles), in the public layout, never indexed.
        return c.html(
          <Layout
            meta={{
              lang,
              page: null,
              title: `${t.preview}: ${detail.name}`,
              description: t.previewNote,
              origin: new URL(c.req.url).origin,
              noindex: true,
            }}
          >
            <div class="wrap">
              <p class="notice" role="status">
                {t.previewNote} <a href={`${base}/${slug}`}>{t.backToEdit}</a>
              </p>
            </div>
            <ProductPage p={detail} lang={lang} />
          </Layout>,
        );
      }),
    );
  }
}
