import type { Context } from "hono";
import { utcDay } from "../db/search-misses.ts";
import type { AppEnv } from "../env.ts";
import { FEW_RESULTS } from "../lib/fold.ts";

/** What a product list says about its search (ProductList.search). */
interface Searched {
  words: string;
  matched: number;
  corrected: number;
  descriptions_only: boolean;
}

/**
 * Counts a search whose words as typed found fewer than FEW_RESULTS products, for the editors' list of failed
 * searches: a queue message sent after the response (no D1 round trip in the request), holding the folded words,
 * the day and whether nothing at all was found — no address, no cookie. Only a list's first page counts (a shopper
 * paging through results searched once).
 */
export function countSearchMiss(c: Context<AppEnv>, search: Searched | null, cursor?: string): void {
  if (!search || cursor || search.matched >= FEW_RESULTS || !c.env.WEBHOOKS) return;
  const zero = search.matched === 0 && search.corrected === 0 && !search.descriptions_only;
  const sent = c.env.WEBHOOKS.send({ kind: "search-miss", day: utcDay(), query: search.words, zero }).catch(
    (e: unknown) => console.error("search miss not queued", e instanceof Error ? e.message : String(e)),
  );
  try {
    c.executionCtx.waitUntil(sent);
  } catch {
    // No execution context (an app.request() in tests): the send still runs.
  }
}
