// Every statement on the schema's tables: reads the sources (as the import test does) for SQL that names a table
// or a column the compiler cannot see — a `.prepare("…")` string, SQL in a plain string, or a drizzle `sql`
// template whose text spells a schema table or column instead of interpolating it (`${products}`,
// `${products.slug}`, `bare(products.slug)`). So renaming a column in src/platform/db/schema/ is a compile error in
// every statement that uses it. Heuristic by nature (it reads text, not SQL), with planted cases in its test.
import type { Sources } from "./layers.ts";

/**
 * Where SQL text may name things itself: the client and its statement writer (sql.ts: toStatement, the one
 * `prepare`), the schema and the derived tables' declarations (schema-derived.ts), the backup (dumps every table
 * sqlite_master lists, by name at run time).
 */
const EXEMPT = [
  /^src\/platform\/db\/(?:client|sql)\.ts$/,
  /^src\/platform\/db\/schema(?:\/|-derived\.ts$)/,
  /^src\/platform\/db\/backup\//,
];

/** SQL keywords that begin a statement, as they would appear in a plain string holding one. */
const SQL_IN_STRING =
  /\b(?:SELECT\s[\s\S]*\bFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/;

/** json_each/json_tree's own columns: bare by necessity when the template reads one. */
const JSON_EACH_COLUMNS = new Set(["key", "value", "type", "atom", "id", "parent", "fullkey", "path"]);

export interface SchemaNames {
  tables: ReadonlySet<string>;
  columns: ReadonlySet<string>;
}

interface Template {
  /** The template's own text, each interpolation replaced by `§`. */
  text: string;
  line: number;
}

/**
 * Reads a JS/TS template literal starting after its opening backtick at `i`: its own text (interpolations as `§`),
 * the spans of its interpolations (read again for the templates and strings inside them) and where it ends.
 */
function readTemplate(src: string, i: number): { text: string; end: number; spans: [number, number][] } {
  let text = "";
  const spans: [number, number][] = [];
  while (i < src.length) {
    const ch = src[i];
    if (ch === "\\") {
      text += src.slice(i, i + 2);
      i += 2;
    } else if (ch === "`") {
      return { text, end: i + 1, spans };
    } else if (ch === "$" && src[i + 1] === "{") {
      const end = skipExpression(src, i + 2);
      spans.push([i + 2, end - 1]);
      i = end;
      text += "§";
    } else {
      text += ch;
      i++;
    }
  }
  return { text, end: i, spans };
}

/** Skips a `${…}` expression (braces, strings and nested templates balanced); returns the index after its `}`. */
function skipExpression(src: string, i: number): number {
  let depth = 1;
  while (i < src.length && depth > 0) {
    const ch = src[i] as string;
    if (ch === "`") i = readTemplate(src, i + 1).end;
    else if (ch === '"' || ch === "'") i = skipString(src, i);
    else {
      if (ch === "{") depth++;
      else if (ch === "}") depth--;
      i++;
    }
  }
  return i;
}

function skipString(src: string, i: number): number {
  const quote = src[i];
  i++;
  while (i < src.length && src[i] !== quote && src[i] !== "\n") i += src[i] === "\\" ? 2 : 1;
  return i + 1;
}

const lineOf = (src: string, index: number) => src.slice(0, index).split("\n").length;

/** Every `sql\`…\`` template of a source, and every plain string or untagged template (`from`–`to` of `src`). */
function literals(
  src: string,
  from = 0,
  to = src.length,
  out: { templates: Template[]; strings: Template[] } = { templates: [], strings: [] },
) {
  for (let i = from; i < to; i++) {
    const ch = src[i];
    if (ch === "/" && src[i + 1] === "/") {
      i = src.indexOf("\n", i);
      if (i < 0) break;
    } else if (ch === "/" && src[i + 1] === "*") {
      i = src.indexOf("*/", i) + 1;
      if (i <= 0) break;
    } else if (ch === "`") {
      const tagged = /\bsql(?:<[^<>]*(?:<[^<>]*>)?[^<>]*>)?$/.test(src.slice(Math.max(0, i - 60), i));
      const { text, end, spans } = readTemplate(src, i + 1);
      (tagged ? out.templates : out.strings).push({ text, line: lineOf(src, i) });
      for (const [a, b] of spans) literals(src, a, b, out);
      i = end - 1;
    } else if (ch === '"' || ch === "'") {
      const end = skipString(src, i);
      out.strings.push({ text: src.slice(i + 1, end - 1), line: lineOf(src, i) });
      i = end - 1;
    }
  }
  return out;
}

/** Words that may follow a table in FROM/JOIN and are not its alias. */
const NOT_ALIAS = new Set(
  "on using where join cross inner left outer natural indexed not group order limit union window having set values as".split(
    " ",
  ),
);

/**
 * What a template's own text names that the schema declares: tables after FROM/JOIN/INTO/UPDATE, and columns —
 * bare, or qualified by a table, by an alias of one (declared in the file with `alias(t, "p")` or in the template
 * as `FROM ${t} p`). A column of a CTE or subquery is qualified by its name (`m.id`), which is no table's; a result
 * alias (`AS n`) and a CTE's declared columns (`sq(i, n) AS (…)`) may be read again bare.
 */
function bareNames(text: string, schema: SchemaNames, fileAliases: ReadonlySet<string>): string[] {
  const sqlText = text.replace(/'(?:[^']|'')*'/g, "''");
  const found: string[] = [];
  for (const m of sqlText.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([A-Za-z_]\w*)/gi)) {
    if (schema.tables.has(m[1] as string)) found.push(`table ${m[1]}`);
  }
  const tableAliases = new Set(fileAliases);
  // An alias given here to a table: an interpolated one (`${t} p`) or one named bare (already a finding above).
  for (const m of sqlText.matchAll(/\b(?:FROM|JOIN)\s+(§|"?[A-Za-z_]\w*"?)\s+(?:AS\s+)?([A-Za-z_]\w*)/gi)) {
    const table = (m[1] as string).replaceAll('"', "");
    if ((table === "§" || schema.tables.has(table)) && !NOT_ALIAS.has((m[2] as string).toLowerCase()))
      tableAliases.add(m[2] as string);
  }
  const jsonEach = /\bjson_(?:each|tree)\s*\(/i.test(sqlText);
  // `json_each(…) n`: the alias and its columns (`n.value`) are json_each's, not the schema's.
  const jsonAliases = new Set(
    [...sqlText.matchAll(/\bjson_(?:each|tree)\s*\([^()]*\)\s+(?:AS\s+)?([A-Za-z_]\w*)/gi)].map(
      (m) => m[1] as string,
    ),
  );
  for (const a of jsonAliases) tableAliases.delete(a);
  // Result aliases and CTE columns name row keys, not the schema's columns: they may be read again by that name.
  const aliases = new Set([...sqlText.matchAll(/\bAS\s+"?([A-Za-z_]\w*)/gi)].map((m) => m[1] as string));
  for (const m of sqlText.matchAll(
    /\b[A-Za-z_]\w*\s*\(([\w\s,]*)\)\s+AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(/gi,
  )) {
    for (const c of (m[1] as string).split(",")) aliases.add(c.trim());
  }
  const words = sqlText
    .replace(/\bAS\s+"?[A-Za-z_]\w*"?/gi, " ")
    .replace(/\b[A-Za-z_]\w*\s*\(/g, "(") // function names
    .replace(/\bexcluded\.§/g, " ");
  for (const m of words.matchAll(/(?<![\w.§])([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?(?![\w§])/g)) {
    const [qualifier, column] = m[2] ? [m[1] as string, m[2]] : [null, m[1] as string];
    if (!schema.columns.has(column)) continue;
    if (qualifier !== null) {
      if (schema.tables.has(qualifier) || tableAliases.has(qualifier))
        found.push(`column ${qualifier}.${column}`);
    } else if (
      !aliases.has(column) &&
      !tableAliases.has(column) &&
      !jsonAliases.has(column) &&
      !(jsonEach && JSON_EACH_COLUMNS.has(column))
    ) {
      found.push(`column ${column}`);
    }
  }
  return [...new Set(found)];
}

/** Statements that name the schema's tables or columns in text, by file and line. */
export function statementViolations(sources: Sources, schema: SchemaNames): string[] {
  const out: string[] = [];
  for (const [key, src] of Object.entries(sources)) {
    const path = key.replace(/^(\.\.\/)+/, "");
    if (EXEMPT.some((re) => re.test(path))) continue;
    const { templates, strings } = literals(src);
    const fileAliases = new Set(
      [...src.matchAll(/\balias\(\s*\w+\s*,\s*"(\w+)"\s*\)/g)].map((m) => m[1] as string),
    );
    for (const m of src.matchAll(/\.prepare\(/g)) {
      out.push(`${path}:${lineOf(src, m.index)} calls prepare: write toStatement(d1, sql\`…\`)`);
    }
    for (const s of strings) {
      if (SQL_IN_STRING.test(s.text)) out.push(`${path}:${s.line} holds SQL in a plain string`);
    }
    for (const t of templates) {
      const names = bareNames(t.text, schema, fileAliases);
      if (names.length)
        out.push(`${path}:${t.line} names ${names.join(", ")} in text: interpolate the schema's`);
    }
  }
  return out.sort();
}
