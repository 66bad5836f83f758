import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import { type Lang, pick } from "../../domain/vocabulary.ts";
import type { Db } from "../../platform/db/client.ts";
import { supportOut } from "../../platform/db/mappers.ts";
import {
  producers,
  products,
  programmeFigures,
  recognitions,
  supportProjects,
} from "../../platform/db/schema.ts";

/** Real recognitions of real products only: what the catalogue itself holds, beside the province's figures. */
const realOnly = and(ne(recognitions.provenance, "illustrative"), ne(products.provenance, "illustrative"));

/** The queries behind {@link getProgramme}, for callers that batch them with others (the home page). */
export function programmeQueries(db: Db) {
  return [
    db.select().from(programmeFigures).orderBy(asc(programmeFigures.id)),
    db
      .select({
        project: getTableColumns(supportProjects),
        producerSlug: producers.slug,
        producerName: producers.name,
      })
      .from(supportProjects)
      .leftJoin(producers, eq(producers.id, supportProjects.producerId))
      .orderBy(desc(supportProjects.year), asc(supportProjects.id)),
    db
      .select({
        scheme: recognitions.scheme,
        level: recognitions.level,
        stars: recognitions.stars,
        n: sql<number>`count(*)`,
        illustrative: sql<number>`sum(${recognitions.provenance} = 'illustrative')`,
      })
      .from(recognitions)
      .where(or(isNotNull(recognitions.level), inArray(recognitions.scheme, ["ocop"])))
      .groupBy(recognitions.scheme, recognitions.level, recognitions.stars),
    // Real OCOP products by their highest stars (null: certified, the source gives no stars)…
    db
      .select({ stars: ocopByProduct(db).stars, n: sql<number>`count(*)` })
      .from(ocopByProduct(db))
      .groupBy(sql`1`),
    // …and real CNNT-TB products by each level they hold.
    db
      .select({ level: recognitions.level, n: sql<number>`count(DISTINCT ${recognitions.productId})` })
      .from(recognitions)
      .innerJoin(products, eq(products.id, recognitions.productId))
      .where(and(eq(recognitions.scheme, "cnnt"), isNotNull(recognitions.level), realOnly))
      .groupBy(recognitions.level),
  ] as const;
}

/** Each real OCOP product with its highest stars (max ignores a "not stated" null unless all are). */
function ocopByProduct(db: Db) {
  return db
    .select({
      productId: recognitions.productId,
      stars: sql<number | null>`max(${recognitions.stars})`.as("stars"),
    })
    .from(recognitions)
    .innerJoin(products, eq(products.id, recognitions.productId))
    .where(and(eq(recognitions.scheme, "ocop"), realOnly))
    .groupBy(recognitions.productId)
    .as("ocop_products");
}

type Resolved<T> = { readonly [K in keyof T]: Awaited<T[K]> };
type ProgrammeRows = Resolved<ReturnType<typeof programmeQueries>>;

/** Shapes the rows of {@link programmeQueries}. */
export function programmeOut([figures, projects, byLevel, ocopStars, cnntLevels]: ProgrammeRows, lang: Lang) {
  const ocop = (stars: number | null) => ocopStars.find((r) => r.stars === stars)?.n ?? 0;
  const cnnt = (level: string) => cnntLevels.find((r) => r.level === level)?.n ?? 0;
  return {
    period: "2021–2025",
    figures: figures.map((f) => ({
      key: f.key,
      group: f.groupKey,
      label: pick(lang, f.labelVi, f.labelEn),
      value: f.value,
      unit: f.unit,
      fund: f.fund,
      qualifier: f.qualifier,
      period: f.period,
      source_url: f.sourceUrl,
    })),
    support_projects: projects.map((r) =>
      supportOut(
        r.project,
        lang,
        r.producerSlug ? { slug: r.producerSlug, name: r.producerName ?? "" } : null,
      ),
    ),
    catalogue_recognitions: byLevel.map((r) => ({
      scheme: r.scheme,
      level: r.level,
      stars: r.stars,
      count: r.n,
      illustrative: r.illustrative ?? 0,
    })),
    catalogue_holds: {
      ocop: {
        total: ocopStars.reduce((a, r) => a + r.n, 0),
        stars_3: ocop(3),
        stars_4: ocop(4),
        stars_5: ocop(5),
        stars_not_stated: ocop(null),
      },
      cnnt: {
        provincial: cnnt("provincial"),
        regional: cnnt("regional"),
        national: cnnt("national"),
      },
    },
  };
}

/** The khuyến công programme: reported figures, known support projects, and recognitions in the catalogue. */
export async function getProgramme(db: Db, lang: Lang) {
  return programmeOut(await db.batch(programmeQueries(db)), lang);
}
export type Programme = ReturnType<typeof programmeOut>;
