// The API's operations as its OpenAPI document declares them, and requests built from the declarations: the
// table-driven tests in this folder walk every operation, so that a new route is covered without anyone
// remembering to add it.
import { getJson } from "../helpers/http.ts";

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  example?: unknown;
  schema?: {
    type?: string;
    enum?: string[];
    default?: unknown;
    example?: unknown;
    minimum?: number;
  };
}

export interface Operation {
  /** `GET /products/{slug}`: how the tests name it. */
  name: string;
  id: string;
  method: string;
  /** The path under /api/v1, with `{name}` placeholders. */
  path: string;
  parameters: Parameter[];
  security: Record<string, string[]>[];
  requiredRole?: string;
  requestTypes: string[];
  /** The JSON request body's schema, references resolved. */
  jsonBody?: Schema;
}

/** The part of a JSON Schema the request builder reads. */
export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  pattern?: string;
  minimum?: number;
  anyOf?: Schema[];
  $ref?: string;
}

const METHODS = new Set(["get", "put", "post", "patch", "delete"]);

/** Every operation of the document the Worker serves at /api/v1/openapi.json. */
export async function operations(): Promise<Operation[]> {
  const { status, body } = await getJson("/api/v1/openapi.json");
  if (status !== 200) throw new Error(`openapi.json → ${status}`);
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? body.components.schemas[schema.$ref.split("/").pop() ?? ""] : schema;
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(body.paths as Record<string, Record<string, any>>))
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      out.push({
        name: `${method.toUpperCase()} ${path}`,
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        security: op.security ?? [],
        requiredRole: op["x-required-role"],
        requestTypes: Object.keys(op.requestBody?.content ?? {}),
        jsonBody: resolve(op.requestBody?.content?.["application/json"]?.schema),
      });
    }
  return out;
}

/** The value a parameter's declaration offers: its example, else its first enumerated value, else its default. */
export function declaredValue(p: Parameter): string | undefined {
  const v = p.example ?? p.schema?.example ?? p.schema?.enum?.[0] ?? p.schema?.default ?? p.schema?.minimum;
  return v === undefined ? undefined : String(v);
}

/**
 * Query parameters that page or present a list rather than select its rows: a cursor may outlive their change
 * (`expand` adds the change feed's records to the same entries).
 */
export const NOT_SELECTING = new Set(["cursor", "since", "limit", "lang", "expand"]);

/** A list operation: a GET that pages with `cursor`. */
export const isList = (op: Operation) =>
  op.method === "GET" && op.parameters.some((p) => p.in === "query" && p.name === "cursor");

/** Values of `name` found in a response: a facet's values, or a row's field `name`, `name.slug` or `name_slug`. */
export function valuesIn(body: any, name: string): string[] {
  const found = new Set<string>();
  for (const f of body?.facets?.[name] ?? []) if (f.count > 0) found.add(String(f.value));
  const visit = (o: any, depth: number) => {
    if (!o || typeof o !== "object" || depth > 2) return;
    for (const [k, v] of Object.entries(o)) {
      if ((k === name || k === `${name}_slug`) && (typeof v === "string" || typeof v === "number"))
        found.add(String(v));
      else if (k === name && v && typeof v === "object" && "slug" in v) found.add(String(v.slug));
      else visit(v, depth + 1);
    }
  };
  for (const row of Array.isArray(body?.data) ? body.data : [body]) visit(row, 0);
  return [...found];
}

/**
 * Values of a query parameter to try, real ones first: those the seed data shows in `sample` (a response of the
 * operation), then the contract's enumerated values and example, then its minimum.
 */
export function candidateValues(p: Parameter, sample: unknown): string[] {
  const declared = [...(p.schema?.enum ?? []), p.example ?? p.schema?.example, p.schema?.minimum].filter(
    (v) => v !== undefined && v !== null,
  );
  return [...new Set([...valuesIn(sample, p.name), ...declared.map(String)])];
}

/** The operation's path under /api/v1 with each path parameter set to `values[name]` or its declared value. */
export function pathOf(op: Operation, values: Record<string, string> = {}): string {
  return `/api/v1${op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = op.parameters.find((x) => x.in === "path" && x.name === name);
    const v = values[name] ?? (p && declaredValue(p));
    if (v === undefined) throw new Error(`${op.name}: path parameter ${name} declares no example`);
    return encodeURIComponent(v);
  })}`;
}

/** The URL of `op` with its required query parameters at their declared values, then `query` over them. */
export function urlOf(
  op: Operation,
  query: Record<string, string> = {},
  values: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const p of op.parameters)
    if (p.in === "query" && p.required && !(p.name in query)) params.set(p.name, declaredValue(p) ?? "");
  for (const [k, v] of Object.entries(query)) params.set(k, v);
  const qs = params.toString();
  return `${pathOf(op, values)}${qs ? `?${qs}` : ""}`;
}

/**
 * The smallest value its schema accepts, as far as the schema tells (required properties only, first enumerated
 * values, https URLs for `*url` fields): what a create needs to pass validation and reach the role check.
 */
export function smallestValid(schema: Schema | undefined, name = ""): unknown {
  if (!schema) return {};
  if (schema.enum) return schema.enum[0];
  const types = [schema.type ?? schema.anyOf?.map((s) => s.type) ?? []].flat();
  if (types.includes("object") || schema.properties)
    return Object.fromEntries(
      (schema.required ?? []).map((k) => [k, smallestValid(schema.properties?.[k], k)]),
    );
  if (types.includes("integer") || types.includes("number")) return schema.minimum ?? 1;
  if (types.includes("boolean")) return false;
  if (types.includes("array")) return [];
  if (/url$/.test(name)) return "https://example.org/contract-test";
  const candidates = ["contract-test", "contract_test", "2025"];
  return candidates.find((c) => !schema.pattern || new RegExp(schema.pattern).test(c)) ?? "x";
}

/**
 * A request of `op` that passes its validation where a neutral one can, yet changes nothing: an `If-Match` no
 * record has (a write stops at 412, or 404), a create's smallest valid body (the test's own database keeps it),
 * an empty patch, `csv` for a CSV body (an import's default is a dry run).
 */
export function neutralInit(
  op: Operation,
  headers: Record<string, string> = {},
  csv = "slug\r\n",
): RequestInit {
  const h: Record<string, string> = { ...headers };
  if (op.parameters.some((p) => p.in === "header" && p.name.toLowerCase() === "if-match"))
    h["if-match"] = '"no-such-etag"';
  let body: BodyInit | undefined;
  const type = op.requestTypes[0];
  if (type === "application/json") {
    h["content-type"] = type;
    body = JSON.stringify(op.method === "POST" ? smallestValid(op.jsonBody) : {});
  } else if (type === "text/csv") {
    h["content-type"] = type;
    body = csv;
  } else if (type === "multipart/form-data") body = new FormData();
  return { method: op.method, headers: h, body };
}
