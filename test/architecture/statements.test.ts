/// <reference types="vite/client" />
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the planted sources are TypeScript text holding templates
// Every statement on the schema's tables (issue 21): no SQL string names a table or column the compiler cannot
// check. See statements.ts for what is read and why.
import { getTableColumns, getTableName, is, Table } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../../src/platform/db/schema.ts";
import * as derived from "../../src/platform/db/schema-derived.ts";
import type { Sources } from "./layers.ts";
import { type SchemaNames, statementViolations } from "./statements.ts";

const sources = import.meta.glob(["../../src/**/*.ts", "../../src/**/*.tsx"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Sources;

const tables = ([...Object.values(schema), ...Object.values(derived)] as unknown[]).filter((v): v is Table =>
  is(v, Table),
);
const names: SchemaNames = {
  tables: new Set(tables.map((t) => getTableName(t))),
  columns: new Set(tables.flatMap((t) => Object.values(getTableColumns(t)).map((c) => c.name))),
};

describe("statements on the schema's tables", () => {
  it("reads the schema and the sources", () => {
    expect(names.tables.size).toBeGreaterThan(25);
    expect(names.tables).toContain("editor_sessions");
    expect(names.columns).toContain("password_hash");
    expect(Object.keys(sources).length).toBeGreaterThan(100);
  });

  it("no statement names a schema table or column in text", () => {
    expect(statementViolations(sources, names)).toEqual([]);
  });

  it("fails on planted SQL strings and bare names", () => {
    const planted: Sources = {
      "../../src/editor/planted-prepare.ts": 'await d1.prepare("SELECT 1").run();\n',
      "../../src/editor/planted-string.ts": 'const q = "SELECT id FROM editors WHERE email = ?";\n',
      "../../src/editor/planted-template.ts": [
        'import { sql } from "drizzle-orm";',
        "const a = sql`SELECT ${editors.id} FROM editors WHERE ${editors.email} = ${e}`;",
        "const b = sql`SELECT ${editors.id} FROM ${editors} WHERE password_hash IS NULL`;",
        'const p = alias(products, "p");',
        "const c = sql`SELECT ${p.slug} FROM ${products} ${p} WHERE p.producer_id = ${id}`;",
        "const c2 = sql`SELECT 1 FROM ${listings} l WHERE l.channel_id = ${id}`;",
        "const d = sql`UPDATE ${editors} SET ${cond ? sql`role = 'editor'` : sql`1`} WHERE 1`;",
        "const e = sql<number>`(SELECT count(*) FROM ${products} WHERE producer_id = ${producers.id})`;",
      ].join("\n"),
      "../../src/editor/planted-clean.ts": [
        "const ok = sql`INSERT INTO ${loginAttempts} (${bareList(loginAttempts.account)}) VALUES (${a})",
        "  ON CONFLICT DO UPDATE SET ${bare(loginAttempts.at)} = excluded.${bare(loginAttempts.at)}`;",
        "const n = sql`SELECT count(*) AS slug, json_extract(${x}, '$.email') FROM ${editors}`;",
        "const j = sql`SELECT value FROM json_each(${list})`;",
        "const k = sql`EXISTS (SELECT 1 FROM json_each(${kinds.searchNames}) n WHERE n.value = ${v})`;",
        "// FROM editors in a comment is prose",
        "const m = sql`m AS MATERIALIZED (SELECT rowid AS id FROM products_fts), sq(i, n) AS (SELECT 1, 2)`;",
        "const s = sql`SELECT m.id, x.n, n FROM m JOIN (SELECT ${p.id} AS id, count(*) AS n FROM ${products} ${p}) x ON x.id = m.id`;",
      ].join("\n"),
      "../../src/platform/db/backup/planted.ts": 'd1.prepare("SELECT * FROM editors");\n',
    };
    expect(statementViolations(planted, names)).toEqual([
      "src/editor/planted-prepare.ts:1 calls prepare: write toStatement(d1, sql`…`)",
      "src/editor/planted-string.ts:1 holds SQL in a plain string",
      "src/editor/planted-template.ts:2 names table editors in text: interpolate the schema's",
      "src/editor/planted-template.ts:3 names column password_hash in text: interpolate the schema's",
      "src/editor/planted-template.ts:5 names column p.producer_id in text: interpolate the schema's",
      "src/editor/planted-template.ts:6 names column l.channel_id in text: interpolate the schema's",
      "src/editor/planted-template.ts:7 names column role in text: interpolate the schema's",
      "src/editor/planted-template.ts:8 names column producer_id in text: interpolate the schema's",
    ]);
  });
});
