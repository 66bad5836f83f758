import type { KeyScope } from "../domain/vocabulary.ts";

/** Bindings and variables of the Worker (see wrangler.toml). */
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  CURSOR_SECRET: string;
  /** During a rotation: the former CURSOR_SECRET(s), comma-separated, still verifying cursors (src/platform/lib/cursor.ts). */
  CURSOR_SECRET_PREVIOUS?: string;
  PUBLIC_ORIGIN: string;
  /** Workers Rate Limiting: API calls by client address, keyed writes by API key as well (wrangler.toml). */
  RATE_LIMIT_ANON?: RateLimit;
  RATE_LIMIT_KEY?: RateLimit;
  /** The pages, the sitemap and the API docs, by client address (looser than the API). */
  RATE_LIMIT_PAGES?: RateLimit;
  /** Response cache: how long (ms) an isolate trusts the catalogue version it read; "0" turns the cache off. */
  CACHE_VERSION_TTL_MS?: string;
  /** Response cache: bytes of bodies the in-isolate LRU holds. */
  CACHE_LRU_BYTES?: string;
  /** "1" in development only: `x-cache` response header, and D1_DELAY_MS takes effect. */
  DEV_MODE?: string;
  /** Development only (with DEV_MODE=1): ms added to every D1 round trip, to measure a distant database. */
  D1_DELAY_MS?: string;
  /** Product photos uploaded by editors (R2; src/editor/photos/photos.ts). */
  PHOTOS?: R2Bucket;
  /** Webhook work: fan-out of the change feed and one message per delivery (src/background.ts). */
  WEBHOOKS?: Queue<WebhookMessage>;
  /** Test-only: "1" lets webhooks reach a loopback http receiver (refused on a public origin, src/platform/config.ts). */
  WEBHOOK_ALLOW_LOOPBACK?: string;
  /** Tests and measurements: multiplies the retry backoff (default 1; "0" retries at once). */
  WEBHOOK_RETRY_SCALE?: string;
  /** Milliseconds a receiver has to answer (default 10000). */
  WEBHOOK_TIMEOUT_MS?: string;
  /** Email to producers and the centre about enquiries (`[[send_email]]`; simulated by `wrangler dev`). */
  EMAIL?: SendEmail;
  /** The sender address of those emails (a domain the account sends from); default enquiries@<PUBLIC_ORIGIN host>. */
  ENQUIRY_FROM?: string;
  /** The trade-promotion centre's verified address, told of every new enquiry (unset: the centre reads the inbox). */
  CENTRE_EMAIL?: string;
}

/** A message on the webhooks queue: turn new change-feed entries into deliveries, or attempt one delivery. */
export type WebhookMessage =
  | { kind: "fanout" }
  | { kind: "deliver"; id: string }
  /** An enquiry's emails (src/enquiries/notify.ts); the same queue, so a failed send is retried like a delivery. */
  | { kind: "enquiry"; ref: string; event: "received" | "forwarded" }
  /** A search that found nothing or few, counted after the response (src/platform/db/search-misses.ts). */
  | { kind: "search-miss"; day: string; query: string; zero: boolean };

export interface AppVariables {
  /** The request's D1 handle: a read-replication session that counts its round trips. */
  d1: CountedD1;
  /** Set by `cacheable()`: this route's 200s may be stored by the response cache. */
  cacheable?: boolean;
  /** The retailer API key a write presents (well-formed; verified inside the write's own D1 batch). */
  credential?: Credential;
}

/**
 * A presented API key: its visible prefix, its SHA-256 (hex), the channel it wants to write and the scope the
 * route needs (`read`: any key of the channel).
 */
export interface Credential {
  prefix: string;
  hash: string;
  channel: string;
  scope: KeyScope;
}

/** A verified API key: it may write this channel's listings. */
export interface ApiKeyIdentity {
  id: number;
  prefix: string;
  channelSlug: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}

/** The subset of D1 the app uses, shared by D1Database and D1DatabaseSession. */
export interface CountedD1 {
  prepare(query: string): D1PreparedStatement;
  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
  /** Round trips made to D1 so far in this request. */
  readonly roundTrips: number;
  /** The catalogue's data version as read by this request's latest batch (null before any batch). */
  readonly catalogueVersion: number | null;
  /** The catalogue's epoch (changed by every restore) as read by this request's latest batch. */
  readonly catalogueEpoch: number | null;
  /** The session's bookmark after its last query (for read-your-writes). */
  bookmark(): string | null;
}
