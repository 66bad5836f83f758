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
