// What every record screen is given: the app to register on, the page's language and paths, the record kind, the
// signed-in shell, and the wrappers that run a screen for a signed-in editor (and a post after its CSRF check:
// ../ui/screen.ts).
import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import type { Shell } from "../ui/form.tsx";
import type { RECORD_PATHS, UI } from "../ui/labels.ts";
import type { ScreenGet, ScreenPost } from "../ui/screen.ts";
import type { AdminLang } from "../ui/strings.ts";

export type C = Context<AppEnv>;

export interface RecordScreens {
  app: Hono<AppEnv>;
  lang: AdminLang;
  shell: Shell;
  kind: "product" | "producer";
  /** The record paths in the page's language and in the other one (for the language switch). */
  P: (typeof RECORD_PATHS)[AdminLang];
  O: (typeof RECORD_PATHS)[AdminLang];
  t: (typeof UI)[AdminLang];
  /** The kind's list path, in the page's language and in the other one. */
  base: string;
  otherBase: string;
  get: ScreenGet;
  post: ScreenPost;
}
