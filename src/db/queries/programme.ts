import { asc, desc, eq, getTableColumns, inArray, isNotNull, or, sql } from "drizzle-orm";
import { type Lang, pick } from "../../domain.ts";
import type { Db } from "../client.ts";
import { supportOut } from "../mappers.ts";
import { producers, programmeFigures, recognitions, supportProjects } from "../schema.ts";

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
  ] as const;
}

type Resolved<T> = { readonly [K in keyof T]: Awaited<T[K]> };
type ProgrammeRows = Resolved<ReturnType<typeof programmeQueries>>;

/** Shapes the rows of {@link programmeQueries}. */
export function programmeOut([figures, projects, byLevel]: ProgrammeRows, lang: Lang) {
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
  };
}

/** The khuyến công programme: reported figures, known support projects, and recognitions in the catalogue. */
export async function getProgramme(db: Db, lang: Lang) {
  return programmeOut(await db.batch(programmeQueries(db)), lang);
}
export type Programme = ReturnType<typeof programmeOut>;
