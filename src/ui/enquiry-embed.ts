// The enquiry that a real product's or producer's page shows (issue 24): the buyers' enquiries feature
// (src/enquiries/) makes it, the catalogue's pages (src/catalogue/pages.tsx) show it, and the route manifest
// (src/routes.ts) hands it from one to the other, so that neither feature imports the other.
import type { Hono } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../platform/env.ts";
import type { Lang } from "./i18n/index.ts";

/** The record a page's enquiry is about. */
export type EnquirySubject = { product: string } | { producer: string };

/** What a page shows of the enquiry: its heading (also the page's call to action), its lede and the form. */
export interface EnquiryBlock {
  title: string;
  lede: string;
  form: Child;
}

/** The enquiry as the pages embed it. */
export interface EnquiryEmbed {
  /**
   * The stamp of a subject's embedded form: the same within an hour, so that the page's ETag, its 304s and the
   * response cache keep working.
   */
  stamp(secret: string, subject: EnquirySubject): Promise<string>;
  /** The block for a subject, with its stamp, in a language. */
  block(lang: Lang, subject: EnquirySubject, stamp: string): EnquiryBlock;
  /**
   * The form's own pages (the form's target, the thank-you page, the privacy notice), answered among the
   * shopper's pages, before their 404.
   */
  pages: Hono<AppEnv>;
}
