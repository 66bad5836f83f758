// The editor pages' home (/quan-tri, English /en/admin): the review queue, what needs an editor's eye.
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Context, Hono } from "hono";
import { toStatement } from "../platform/db/client.ts";
import {
  channels,
  editorDrafts,
  listings,
  producers,
  products,
  recognitions,
} from "../platform/db/schema.ts";
import type { AppEnv } from "../platform/env.ts";
import { csrfToken, readSession } from "./auth/auth.ts";
import { INBOX_PATHS } from "./enquiries/inbox-paths.ts";
import { Page } from "./frame.tsx";
import { RECORD_PATHS, TABLE_PATHS } from "./ui/labels.ts";
import { ADMIN_PATHS, ADMIN_STRINGS, type AdminLang } from "./ui/strings.ts";

/**
 * Registers the home page in one language on the editor pages.
 *
 * @example homeRoutes(editorPages, "vi")
 */
export function homeRoutes(editorPages: Hono<AppEnv>, lang: AdminLang) {
  const p = ADMIN_PATHS[lang];
  editorPages.get(p.home, async (c) => {
    const session = await readSession(c);
    if (!session?.session) return c.redirect(p.signIn, 303);
    if (session.mustChangePassword) return c.redirect(p.password, 303);
    if (session.role === "producer") return c.redirect(INBOX_PATHS[lang].inbox, 303);
    const queue = await reviewQueue(c);
    const t = ADMIN_STRINGS[lang];
    return c.html(
      <Page
        lang={lang}
        title={t.queue}
        other={ADMIN_PATHS[lang === "vi" ? "en" : "vi"].home}
        signedIn={{ email: session.email, role: session.role, csrf: await csrfToken(session.session) }}
      >
        <QueueSection title={t.drafts} items={queue.drafts} lang={lang} />
        <QueueSection title={t.unverified} items={queue.unverified} lang={lang} />
        <QueueSection title={t.illustrative} items={queue.illustrative} lang={lang} />
        <QueueSection title={t.stale} items={queue.stale} lang={lang} />
        <QueueSection title={t.noSource} items={queue.noSource} lang={lang} />
        <p class="note">{t.api}</p>
      </Page>,
    );
  });
}

interface QueueItem {
  label: string;
  detail: string;
  /** What the item links to: `product/<slug>`, `producer/<slug>` or `listing/<channel>/<product>`. */
  target?: string | null;
}

/** The editor page of a queue item's record, in the page's language. */
function targetHref(lang: AdminLang, target: string | null | undefined): string | null {
  const [kind, ...rest] = (target ?? "").split("/");
  const key = rest.join("/");
  if (!key) return null;
  if (kind === "product") return `${RECORD_PATHS[lang].products}/${key}`;
  if (kind === "producer") return `${RECORD_PATHS[lang].producers}/${key}`;
  if (kind === "listing") return `${TABLE_PATHS[lang].listing}/${key}`;
  return null;
}

const QUEUE_LIMIT = 20;

const p = alias(products, "p");
const r = alias(recognitions, "r");
const l = alias(listings, "l");
const ch = alias(channels, "c");

function QueueSection(props: {
  title: string;
  items: { rows: QueueItem[]; total: number };
  lang: AdminLang;
}) {
  const t = ADMIN_STRINGS[props.lang];
  const id = `q-${props.title.length}-${props.items.total}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {props.title} <span class="count">{props.items.total}</span>
      </h2>
      {props.items.rows.length ? (
        <ul>
          {props.items.rows.map((r) => (
            <li>
              {targetHref(props.lang, r.target) ? (
                <a href={targetHref(props.lang, r.target) ?? ""}>
                  <strong>{r.label}</strong>
                </a>
              ) : (
                <strong>{r.label}</strong>
              )}{" "}
              <span class="note">{r.detail}</span>
            </li>
          ))}
          {props.items.total > props.items.rows.length ? (
            <li>{t.more(props.items.total - props.items.rows.length)}</li>
          ) : null}
        </ul>
      ) : (
        <p>{t.none}</p>
      )}
    </section>
  );
}

/**
 * What needs an editor's eye, in one round trip: unpublished drafts, recognitions not marked verified, records
 * with illustrative or inferred values, listings not checked for 90 days, and records without a source.
 */
async function reviewQueue(c: Context<AppEnv>) {
  const d1 = c.get("d1");
  const d = editorDrafts;
  // Each list's first rows and its total; a list without links selects no target.
  const q = (rows: SQL, linked: boolean) =>
    toStatement(
      d1,
      sql`SELECT label, detail, ${linked ? sql`target` : sql`NULL AS target`}, count(*) OVER () AS total FROM (${rows}) LIMIT ${QUEUE_LIMIT}`,
    );
  const results = await d1.batch<{ label: string; detail: string; target: string | null; total: number }>([
    q(
      sql`SELECT ${d.entity} || ' ' || ${d.key} AS label, 'v' || ${d.version} || ', ' || ${d.updatedAt} AS detail,
        CASE ${d.entity} WHEN 'recognition' THEN 'product/' || ${d.productSlug} ELSE ${d.entity} || '/' || ${d.key} END AS target
        FROM ${d} ORDER BY ${d.updatedAt} DESC`,
      true,
    ),
    q(
      sql`SELECT ${p.nameVi} || ' — ' || ${r.titleVi} AS label, coalesce(${r.decisionNumber}, '') || ' ' || coalesce(${r.year}, '') AS detail
        FROM ${recognitions} ${r} JOIN ${products} ${p} ON ${p.id} = ${r.productId} WHERE ${r.verified} = 0 ORDER BY ${r.year} DESC, ${r.id}`,
      false,
    ),
    q(
      sql`SELECT ${products.nameVi} AS label, CASE WHEN ${products.sample} = 1 THEN 'sample' ELSE ${products.sampleFields} END AS detail
        FROM ${products} WHERE ${products.sample} = 1 OR ${products.sampleFields} <> '[]'
        UNION ALL SELECT ${producers.name}, CASE WHEN ${producers.sample} = 1 THEN 'sample' ELSE ${producers.sampleFields} END
        FROM ${producers} WHERE ${producers.sample} = 1 OR ${producers.sampleFields} <> '[]'`,
      false,
    ),
    q(
      sql`SELECT ${ch.name} || ' — ' || ${p.nameVi} AS label, coalesce(${l.lastVerified}, '—') AS detail,
        'listing/' || ${ch.slug} || '/' || ${p.slug} AS target
        FROM ${listings} ${l} JOIN ${channels} ${ch} ON ${ch.id} = ${l.channelId} JOIN ${products} ${p} ON ${p.id} = ${l.productId}
        WHERE ${l.lastVerified} IS NULL OR ${l.lastVerified} < date('now', '-90 days') ORDER BY ${l.lastVerified}`,
      true,
    ),
    q(
      sql`SELECT ${products.nameVi} AS label, 'product' AS detail FROM ${products} WHERE ${products.sources} = '[]'
        UNION ALL SELECT ${producers.name}, 'producer' FROM ${producers} WHERE ${producers.sources} = '[]'
        UNION ALL SELECT ${recognitions.titleVi}, 'recognition' FROM ${recognitions} WHERE ${recognitions.sourceUrl} NOT LIKE 'https://%'`,
      false,
    ),
  ]);
  const pack = (i: number) => {
    const rows = results[i]?.results ?? [];
    return { rows, total: Number(rows[0]?.total ?? 0) };
  };
  return { drafts: pack(0), unverified: pack(1), illustrative: pack(2), stale: pack(3), noSource: pack(4) };
}
