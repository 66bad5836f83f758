import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BadCursor, Conflict, Invalid, NotFound, Stale } from "../../domain/errors.ts";
import { isProblemType, type ProblemType } from "./problem-types.ts";

/** One invalid input: where it is and what is wrong with it. */
export interface InvalidParam {
  name: string;
  reason: string;
}

/** RFC 9457 problem details. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  invalid_params?: InvalidParam[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** What a Problem is made of: `type` names one of PROBLEM_TYPES (its page is `/problems/<type>`). */
export type ProblemFields = {
  type?: ProblemType;
  title?: string;
  detail: string;
  instance?: string;
  invalid_params?: InvalidParam[];
  [extension: string]: unknown;
};

/**
 * An error that becomes an `application/problem+json` response in `app.onError`.
 *
 * @example throw new Problem(404, { detail: "No product with slug 'x'", type: "not-found" })
 */
export class Problem extends HTTPException {
  readonly body: ProblemDetails;
  readonly headers: Record<string, string>;
  constructor(status: ContentfulStatusCode, fields: ProblemFields, headers: Record<string, string> = {}) {
    super(status, { message: fields.detail });
    this.body = {
      type: `/problems/${fields.type ?? slugOfStatus(status)}`,
      title: fields.title ?? TITLES[status] ?? "Error",
      status,
      ...fields,
    };
    if (fields.type) this.body.type = `/problems/${fields.type}`;
    this.headers = headers;
  }
}

/** A problem thrown without a type is typed by its status (`bad-request`, `method-not-allowed` …). */
const slugOfStatus = (status: number): ProblemType => {
  const slug = (TITLES[status] ?? "error").toLowerCase().replace(/[^a-z]+/g, "-");
  return isProblemType(slug) ? slug : "error";
};

/** Builds the problem+json response (no stack traces, never cached). */
export function problemResponse(c: Context, p: Problem): Response {
  return new Response(
    JSON.stringify({ ...p.body, instance: p.body.instance ?? new URL(c.req.url).pathname }),
    {
      status: p.status,
      headers: {
        "content-type": "application/problem+json; charset=utf-8",
        "cache-control": "no-store",
        ...p.headers,
      },
    },
  );
}

/** A 400 naming every invalid parameter. */
export function invalidParams(params: InvalidParam[], detail?: string): Problem {
  return new Problem(400, {
    type: "invalid-parameters",
    detail:
      detail ??
      `Invalid ${params.map((p) => `'${p.name}'`).join(", ")}: ${params.map((p) => p.reason).join("; ")}`,
    invalid_params: params,
  });
}

/** A 422 naming every invalid body field (the detail names them all unless given). */
export function invalidFields(params: InvalidParam[], detail?: string): Problem {
  return new Problem(422, {
    type: "invalid-fields",
    detail:
      detail ??
      `Invalid ${params.map((p) => `'${p.name}'`).join(", ")}: ${params.map((p) => p.reason).join("; ")}`,
    invalid_params: params,
  });
}

/**
 * The problem an error stands for: a Problem as it is, a domain error (src/domain/errors.ts) as the one problem it
 * maps to; undefined for any other error (a 500, logged). The app's and the pages' error handlers both use it.
 *
 * @example const p = problemOf(err); if (p) return problemResponse(c, p);
 */
export function problemOf(err: unknown): Problem | undefined {
  if (err instanceof Problem) return err;
  if (err instanceof BadCursor) return invalidParams([{ name: "cursor", reason: err.reason }]);
  if (err instanceof NotFound) return new Problem(404, { type: "not-found", detail: err.message });
  if (err instanceof Invalid) return invalidFields(err.fields, err.detail);
  if (err instanceof Conflict)
    return new Problem(409, {
      type: err.kind,
      detail: err.message,
      ...(err.fields ? { invalid_params: err.fields } : {}),
    });
  if (err instanceof Stale)
    return new Problem(
      412,
      { type: "precondition-failed", detail: err.message, current_etag: err.etag },
      { etag: err.etag },
    );
  return undefined;
}

/** A 404 for a path slug that names nothing: `No product with slug 'x'`. */
export const noSuch = (what: string, slug: string) =>
  new Problem(404, { type: "not-found", detail: `No ${what} with slug '${slug}'` });

/**
 * A 404 for an illustrative record asked for without `include=illustrative`: it says how to get it, so an
 * integrator who wants examples can, and one who does not never receives them as facts.
 */
export const illustrativeOnly = (what: string, slug: string) =>
  new Problem(404, {
    type: "not-found",
    detail: `The ${what} '${slug}' is an illustrative example; add include=illustrative to read it`,
  });
