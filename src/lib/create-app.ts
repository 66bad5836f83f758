import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { type InvalidParam, invalidParams } from "./problem.ts";

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
}

/**
 * Converts zod issues to named invalid parameters (unknown keys are named one by one). Query and path
 * parameters are named as the client wrote them (`tier`, not `tier.0`); body fields by their JSON path.
 */
export function issuesToParams(issues: readonly ZodLikeIssue[], target = "json"): InvalidParam[] {
  const nameOf = (path: PropertyKey[]) =>
    (target === "query" || target === "param" ? path.slice(0, 1) : path).map(String).join(".");
  return issues.flatMap((i) =>
    i.code === "unrecognized_keys" && i.keys
      ? i.keys.map((k) => ({ name: nameOf([...i.path, k]) || k, reason: "unknown parameter" }))
      : [{ name: nameOf(i.path) || "(body)", reason: i.message }],
  );
}

/**
 * A router whose validation failures become one RFC 9457 400 naming every offending parameter.
 *
 * @example const products = createRouter().openapi(listRoute, listHandler)
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidParams(issuesToParams(result.error.issues, result.target));
    },
  });
}
