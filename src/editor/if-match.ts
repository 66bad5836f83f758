import { Problem } from "../platform/http/problem.ts";
import { matchHits, parseEntityTags } from "../platform/lib/entity-tags.ts";

/**
 * The editor writes' If-Match rule, for drafted records and plain tables alike: true when the header names the
 * record's ETag (strong comparison, alone or in a list: a `W/` tag never matches, RFC 9110 §13.1.1), false when it names others (the caller answers 412). A
 * missing header is a 428 where required. `*` is always a 428: it matches any version, so it would let a write
 * overwrite a change the writer never saw — the one thing If-Match is there to stop.
 */
export function ifMatchHolds(header: string | undefined, etag: string, required: boolean): boolean {
  if (!header) {
    if (!required) return true;
    throw new Problem(428, {
      type: "precondition-required",
      detail: `Send If-Match with the record's ETag (currently ${etag}) so that you do not overwrite someone else's change`,
    });
  }
  if (parseEntityTags(header).star) {
    throw new Problem(428, {
      type: "precondition-required",
      detail: `If-Match \`*\` matches any version, so it would overwrite changes you have not seen: send the record's ETag (currently ${etag})`,
    });
  }
  return matchHits(header, etag);
}
