import type { Context, Hono } from "hono";
import {
  listMissesStatement,
  MISS_THRESHOLD,
  MISS_WINDOW_DAYS,
  type MissRow,
  utcDay,
} from "../../platform/db/search-misses.ts";
import type { AppEnv } from "../../platform/env.ts";
import { problemOf } from "../../platform/http/problem.ts";
import { checkCsrf, csrfToken, type EditorIdentity, editorCall } from "../auth/auth.ts";
import { Notice, type Shell, str } from "../ui/form.tsx";
import type { AdminLang } from "../ui/strings.ts";
import { addSynonym, removeSynonym } from "./search.service.ts";
import { listSynonymsStatement, MAX_SYNONYM_LENGTH, type SynonymRow } from "./synonyms.ts";

type C = Context<AppEnv>;

export const SEARCH_PATHS = {
  vi: { search: "/quan-tri/tim-kiem", remove: "xoa" },
  en: { search: "/en/admin/search", remove: "remove" },
} as const;

export const SEARCH_UI = {
  vi: {
    title: "Tìm kiếm",
    misses: "Tìm kiếm không ra (hoặc ra rất ít) sản phẩm",
    missesNote: (n: number, days: number) =>
      `Mỗi cụm từ (đã bỏ dấu) được đếm theo ngày, không kèm địa chỉ hay cookie; chỉ hiện khi được tìm từ ${n} lần trở lên trong ${days} ngày.`,
    none: "Chưa có.",
    query: "Cụm từ",
    searches: "Số lần tìm",
    foundNothing: "Không ra sản phẩm nào",
    lastDay: "Lần cuối",
    addFor: (q: string) => `Thêm từ đồng nghĩa cho “${q}”`,
    synonyms: "Từ đồng nghĩa",
    synonymsNote:
      "Mỗi cặp dùng được cả hai chiều: tìm một từ cũng ra sản phẩm có từ kia. Không nối hai loại sản phẩm khác nhau (bún và miến).",
    term: "Từ",
    synonym: "Từ đồng nghĩa",
    add: "Thêm",
    remove: "Xóa",
    added: (a: string, b: string) => `Đã thêm: ${a} ↔ ${b}`,
    removed: "Đã xóa.",
  },
  en: {
    title: "Search",
    misses: "Searches that find nothing (or very few products)",
    missesNote: (n: number, days: number) =>
      `Each query (accents folded) is counted per day, with no address or cookie; it shows once searched ${n} times or more in ${days} days.`,
    none: "None yet.",
    query: "Query",
    searches: "Searches",
    foundNothing: "Found nothing",
    lastDay: "Last",
    addFor: (q: string) => `Add a synonym for “${q}”`,
    synonyms: "Synonyms",
    synonymsNote:
      "Each pair works both ways: a search for one word also finds products with the other. Never join two different kinds of product (bún and miến).",
    term: "Word",
    synonym: "Synonym",
    add: "Add",
    remove: "Remove",
    added: (a: string, b: string) => `Added: ${a} ↔ ${b}`,
    removed: "Removed.",
  },
} as const;

/**
 * The editors' search screen: the searches shoppers make that find nothing or few (each with a form to add a
 * synonym for it, prefilled), and the synonyms, to add and remove. Same rules as the admin API (addSynonym).
 */
export function searchRoutes(
  app: Hono<AppEnv>,
  lang: AdminLang,
  shell: Shell,
  signedIn: (c: C) => Promise<EditorIdentity | Response>,
) {
  const P = SEARCH_PATHS[lang];
  const O = SEARCH_PATHS[lang === "vi" ? "en" : "vi"];
  const t = SEARCH_UI[lang];

  const page = async (
    c: C,
    e: EditorIdentity,
    opts: { message?: string; error?: string; status?: 200 | 404 | 409 | 422 } = {},
  ) => {
    const d1 = c.get("d1");
    const [misses, synonyms] = await d1.batch([listMissesStatement(d1, utcDay()), listSynonymsStatement(d1)]);
    const csrf = await csrfToken(e.session ?? "");
    const missRows = (misses?.results ?? []) as MissRow[];
    const synonymRows = (synonyms?.results ?? []) as SynonymRow[];
    const field = (name: "term" | "synonym", id: string, value = "") => (
      <>
        <label for={id}>{t[name]}</label>
        <input id={id} name={name} type="text" required maxlength={MAX_SYNONYM_LENGTH} value={value} />
      </>
    );
    return shell(
      c,
      lang,
      t.title,
      O.search,
      <>
        <Notice message={opts.message} />
        {opts.error ? (
          <p class="notice error" role="alert">
            {opts.error}
          </p>
        ) : null}
        <h2 id="misses">{t.misses}</h2>
        <p class="note">{t.missesNote(MISS_THRESHOLD, MISS_WINDOW_DAYS)}</p>
        {missRows.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t.query}</th>
                <th scope="col">{t.searches}</th>
                <th scope="col">{t.foundNothing}</th>
                <th scope="col">{t.lastDay}</th>
                <th scope="col">{t.synonym}</th>
              </tr>
            </thead>
            <tbody>
              {missRows.map((m, i) => (
                <tr>
                  <th scope="row">{m.query}</th>
                  <td>{m.searches}</td>
                  <td>{m.found_nothing}</td>
                  <td>{m.last_day}</td>
                  <td>
                    <form method="post" action={P.search} class="inline" aria-label={t.addFor(m.query)}>
                      <input type="hidden" name="_csrf" value={csrf} />
                      <input type="hidden" name="term" value={m.query} />
                      <label for={`miss-${i}`} class="visually-hidden">
                        {t.addFor(m.query)}
                      </label>
                      <input
                        id={`miss-${i}`}
                        name="synonym"
                        type="text"
                        required
                        maxlength={MAX_SYNONYM_LENGTH}
                      />
                      <button type="submit">{t.add}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t.none}</p>
        )}
        <h2 id="synonyms">{t.synonyms}</h2>
        <p class="note">{t.synonymsNote}</p>
        <form method="post" action={P.search} class="admin-form">
          <input type="hidden" name="_csrf" value={csrf} />
          {field("term", "syn-term")}
          {field("synonym", "syn-synonym")}
          <button type="submit">{t.add}</button>
        </form>
        <ul>
          {synonymRows.map((s) => (
            <li>
              {s.term} ↔ {s.synonym}{" "}
              <form method="post" action={`${P.search}/${s.id}/${P.remove}`} class="inline">
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit" aria-label={`${t.remove}: ${s.term} ↔ ${s.synonym}`}>
                  {t.remove}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </>,
      opts.status ?? 200,
    );
  };

  const guarded =
    (action: (c: C, f: Record<string, unknown>, e: EditorIdentity) => Promise<Response>) => async (c: C) => {
      const e = await signedIn(c);
      if (e instanceof Response) return e;
      const f = (await c.req.parseBody()) as Record<string, unknown>;
      await checkCsrf(c, await csrfToken(e.session ?? ""), f._csrf);
      try {
        return await action(c, f, e);
      } catch (err) {
        const p = problemOf(err);
        if (!p || ![404, 409, 422].includes(p.status)) throw err;
        return page(c, e, { error: p.body.detail ?? "", status: p.status as 404 | 409 | 422 });
      }
    };

  app.get(P.search, async (c) => {
    const e = await signedIn(c);
    return e instanceof Response ? e : page(c, e);
  });
  app.post(
    P.search,
    guarded(async (c, f, e) => {
      const s = await addSynonym(editorCall(c), str(f.term), str(f.synonym));
      return page(c, e, { message: t.added(s.term, s.synonym) });
    }),
  );
  app.post(
    `${P.search}/:id{[0-9]+}/${P.remove}`,
    guarded(async (c, _f, e) => {
      await removeSynonym(editorCall(c), Number(c.req.param("id")));
      return page(c, e, { message: t.removed });
    }),
  );
}
