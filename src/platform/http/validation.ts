import { type InvalidParam, invalidFields, invalidParams } from "./problem.ts";

/** What the validator reports of a zod issue (zod 4's issue, narrowed to what is read). */
export interface ValidationIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
}

/** The validator's result as a hook sees it. On failure `data` still holds the raw input (not in its types). */
export interface ValidationResult {
  success: boolean;
  target: string;
  data?: unknown;
  error?: { issues: readonly ValidationIssue[] };
}

export interface ValidationOptions {
  /**
   * Status of an invalid JSON body. 400 (default): read routes, every issue listed. 422: write routes, where a
   * body field is named as clients write it (`items[3].stores[0].city`) once, its failed checks joined.
   */
  bodyStatus?: 400 | 422;
}

/** Zod paths as clients write them: `items[3].stores[0].city`. */
const pathName = (path: PropertyKey[]) =>
  path.reduce<string>(
    (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    "",
  );

/**
 * Converts zod issues to named invalid parameters (unknown keys are named one by one). Query and path parameters
 * are named as the client wrote them (`tier`, not `tier.0`); body fields by their path (`items[3].price_vnd`).
 * With `perField`, one entry per name (several failed checks of one field are joined).
 */
export function issuesToParams(
  issues: readonly ValidationIssue[],
  target = "json",
  perField = false,
): InvalidParam[] {
  const param = target === "query" || target === "param";
  const nameOf = (path: PropertyKey[]) => (param ? path.slice(0, 1).map(String).join(".") : pathName(path));
  const unknown = target === "json" ? "unknown field" : "unknown parameter";
  const found = issues.flatMap((i) =>
    i.code === "unrecognized_keys" && i.keys
      ? i.keys.map((k) => ({ name: nameOf([...i.path, k]) || k, reason: unknown }))
      : [{ name: nameOf(i.path) || "(body)", reason: i.message }],
  );
  if (!perField) return found;
  const byName = new Map<string, string[]>();
  for (const f of found) {
    const reasons = byName.get(f.name) ?? [];
    if (!reasons.includes(f.reason)) reasons.push(f.reason);
    byName.set(f.name, reasons);
  }
  return [...byName].map(([name, reasons]) => ({ name, reason: reasons.join("; ") }));
}

/**
 * The validation hook: a failure becomes one RFC 9457 problem naming every offending parameter — 400, or
 * `bodyStatus` for the JSON body.
 *
 * @example new OpenAPIHono({ defaultHook: validationHook({ bodyStatus: 422 }) })
 */
export function validationHook({ bodyStatus = 400 }: ValidationOptions = {}) {
  const write = bodyStatus === 422;
  return (result: ValidationResult): undefined => {
    if (result.success || !result.error) return undefined;
    const params = issuesToParams(result.error.issues, result.target, write);
    if (write && result.target === "json") throw invalidFields(params);
    throw invalidParams(params, write ? `Invalid ${params.map((p) => `'${p.name}'`).join(", ")}` : undefined);
  };
}
