/**
 * Every problem `type` the Worker answers with (RFC 9457 §3.1.1): `/problems/<name>`, a URI that resolves to a page
 * served here (`GET /problems/<name>`, problemTypePage) saying what it means and what to do. `Problem` takes only
 * these names, so a new type cannot be thrown without its page. Types named after a status (`bad-request`,
 * `method-not-allowed` …) are what a problem thrown without a type gets.
 */
export const PROBLEM_TYPES = {
  "bad-request": {
    status: 400,
    title: "Bad Request",
    about: "The request could not be read, for instance a JSON body that does not parse. `detail` says what.",
  },
  "invalid-parameters": {
    status: 400,
    title: "Invalid parameters",
    about:
      "A query parameter, path segment or header is invalid. `invalid_params` names each one and why; fix them and send the request again. A cursor reused with other filters, or altered, is one of these.",
  },
  unauthorized: {
    status: 401,
    title: "Unauthorized",
    about:
      "No credentials, or credentials that are malformed, unknown, revoked or expired. The `WWW-Authenticate` header says which. Retail routes take `Authorization: Bearer cnnt_…`, the editors' API `Bearer cnnted_…`.",
  },
  forbidden: {
    status: 403,
    title: "Forbidden",
    about:
      "The credentials are valid but may not do this: a key of another channel, or an editor without the role the request needs.",
  },
  "insufficient-scope": {
    status: 403,
    title: "Insufficient scope",
    about:
      "The API key lacks the scope this request needs (`listings` or `webhooks`); `detail` names it. An operator can make a key with that scope (`npm run key:create -- --scopes …`).",
  },
  csrf: {
    status: 403,
    title: "Stale or foreign form",
    about: "An editors' form was stale or was posted from another site. Reload the form and send it again.",
  },
  "not-found": {
    status: 404,
    title: "Not Found",
    about:
      "Nothing has that slug or id, or the path does not exist. An illustrative record asked for without `include=illustrative` is a 404 too, and its `detail` says so.",
  },
  "method-not-allowed": {
    status: 405,
    title: "Method Not Allowed",
    about: "The path exists, but not with this method.",
  },
  conflict: {
    status: 409,
    title: "Conflict",
    about: "A record with this key already exists, or was created at the same moment by another request.",
  },
  "too-many-endpoints": {
    status: 409,
    title: "Too many webhook endpoints",
    about:
      "The channel has the most webhook endpoints it may have (10). Delete one before registering another.",
  },
  "duplicate-endpoint": {
    status: 409,
    title: "Webhook URL already registered",
    about:
      "The channel already has an endpoint with this URL (`existing` names it). Change that endpoint's events instead of registering the URL twice.",
  },
  "idempotency-in-progress": {
    status: 409,
    title: "Request with this Idempotency-Key still running",
    about: "Another request with the same `Idempotency-Key` has not finished yet. Retry after a second.",
  },
  "idempotency-replay": {
    status: 409,
    title: "Idempotency-Key already used",
    about:
      "Internal: a request with a used `Idempotency-Key` is answered with the first answer, never with this problem.",
  },
  "retailer-owned": {
    status: 409,
    title: "Owned by the retailer",
    about:
      "The listing belongs to its channel's retailer API key: the retailer sets its status, price and stores. Editors may mark it checked or correct its note and source.",
  },
  gone: { status: 410, title: "Gone", about: "What this request names is no longer available." },
  "feed-reset": {
    status: 410,
    title: "Change feed reset",
    about:
      "The cursor is from before the catalogue was restored from a backup, or signed with a key the server no longer holds. Read the change feed again from the beginning (without `cursor`) and replace your copy.",
  },
  "precondition-failed": {
    status: 412,
    title: "Precondition Failed",
    about:
      "Someone changed the record since you read it: `If-Match` no longer matches. Read it again (its current ETag is in `current_etag` and the `ETag` header), apply your change to it and write again.",
  },
  "content-too-large": {
    status: 413,
    title: "Content Too Large",
    about: "The request body is over the limit of this route (64 KB; a bulk write 1 MB).",
  },
  "unsupported-media-type": {
    status: 415,
    title: "Unsupported Media Type",
    about: "The body must be sent as the route says, usually `Content-Type: application/json`.",
  },
  "unprocessable-content": {
    status: 422,
    title: "Unprocessable Content",
    about: "The body was read but cannot be carried out; `detail` says why.",
  },
  "invalid-fields": {
    status: 422,
    title: "Invalid fields",
    about:
      "One or more fields of the body are invalid; `invalid_params` names each (as a path, such as `items[3].price_vnd`) and why. Nothing was written.",
  },
  "idempotency-key-reused": {
    status: 422,
    title: "Idempotency-Key reused",
    about:
      "This `Idempotency-Key` was used within the last 24 hours for another request (method, path or body). Use a new key for a new request.",
  },
  "invalid-csv": {
    status: 422,
    title: "Invalid CSV",
    about: "An editors' import file could not be read as CSV with a header row of known columns.",
  },
  "import-refused": {
    status: 422,
    title: "Import refused",
    about: "Some rows of an editors' import were refused, so nothing was written; `report` lists them.",
  },
  "precondition-required": {
    status: 428,
    title: "Precondition Required",
    about:
      "This write needs `If-Match` with the ETag you read, so that it cannot overwrite another's change.",
  },
  "rate-limited": {
    status: 429,
    title: "Too Many Requests",
    about:
      "Over the rate limit (100 requests per 10 s per address; 50 keyed writes per 10 s per key). Wait as `Retry-After` says; `RateLimit` and `RateLimit-Policy` name the policy.",
  },
  "too-many-requests": {
    status: 429,
    title: "Too Many Requests",
    about: "Too many requests; wait as `Retry-After` says.",
  },
  "internal-server-error": {
    status: 500,
    title: "Internal Server Error",
    about: "Something failed on the server. It has been logged; retry later.",
  },
  misconfigured: {
    status: 500,
    title: "Misconfigured deployment",
    about: "This deployment is not configured safely, so it serves nothing until its operator fixes it.",
  },
  error: { status: 500, title: "Error", about: "An error without a more specific type." },
} as const satisfies Record<string, { status: number; title: string; about: string }>;

/** The name of a problem type: `/problems/<name>`. */
export type ProblemType = keyof typeof PROBLEM_TYPES;

/** Whether a path segment names a problem type. */
export const isProblemType = (name: string): name is ProblemType => Object.hasOwn(PROBLEM_TYPES, name);
