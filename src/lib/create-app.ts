import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { type InvalidParam, invalidParams } from "./problem.ts";

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
}

/** Converts zod issues to named invalid parameters (unknown keys are named one by one). */
export function issuesToParams(issues: readonly ZodLikeIssue[]): InvalidParam[] {
  return issues.flatMap((i) =>
    i.code === "unrecognized_keys" && i.keys
      ? i.keys.map((k) => ({ name: [...i.path.map(String), k].join("."), reason: "unknown parameter" }))
      : [{ name: i.path.map(String).join(".") || "(body)", reason: i.message }],
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
      if (!result.success) throw invalidParams(issuesToParams(result.error.issues));
    },
  });
}
