// Failures the catalogue's own code names, below HTTP: the database layer and the services throw these, and the
// app's one error handler gives each its RFC 9457 problem (src/platform/http/problem.ts, problemOf).

/** A failure named by the domain, not by HTTP. */
export class DomainError extends Error {}

/**
 * A page cursor this server did not issue for this query (malformed, modified, or from other filters): the
 * request's `cursor` is invalid, for the reason given.
 */
export class BadCursor extends DomainError {
  // A field, not a constructor parameter property: scripts run under Node's type stripping (npm run seed:build
  // loads this module), which refuses TypeScript-only syntax; tsconfig's erasableSyntaxOnly keeps it out.
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/** A field the caller gave and why it cannot be taken (`name` as the caller wrote it: `packaging[0].gtin`). */
export interface FieldProblem {
  name: string;
  reason: string;
}

/** Nothing of that name exists (or the caller may not see it): the detail says what was looked for. */
export class NotFound extends DomainError {}

/**
 * The request clashes with what is stored: the key exists, someone else created it meanwhile, the record belongs to
 * a retailer's feed (`retailer-owned`). `fields`: the fields concerned, when the clash is theirs.
 */
export class Conflict extends DomainError {
  readonly kind: "conflict" | "retailer-owned";
  readonly fields: FieldProblem[] | undefined;
  constructor(detail: string, kind: "conflict" | "retailer-owned" = "conflict", fields?: FieldProblem[]) {
    super(detail);
    this.kind = kind;
    this.fields = fields;
  }
}

/** Fields that cannot be taken, each with its reason; `detail` when the fields' reasons alone do not say it. */
export class Invalid extends DomainError {
  readonly fields: FieldProblem[];
  readonly detail: string | undefined;
  constructor(fields: FieldProblem[], detail?: string) {
    super(detail ?? fields.map((f) => `${f.name}: ${f.reason}`).join("; "));
    this.fields = fields;
    this.detail = detail;
  }
}

/** The record changed since the caller read it: `etag` is its current version, to read again and retry with. */
export class Stale extends DomainError {
  readonly etag: string;
  constructor(etag: string) {
    super(`The record changed: its current ETag is ${etag}. Read it again, then retry with that ETag.`);
    this.etag = etag;
  }
}
