import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { docsCsp } from "./security.ts";

/**
 * Scalar's options (read by its bundle from the page's data attributes): Scalar's own theme and the system fonts
 * (its font host would be blocked by the CSP and needs the internet), and none of the vendor's upsell controls —
 * the AI chat ("Ask AI", `agent`), the MCP and "Explore Scalar" buttons (`mcp`), the developer tools with their
 * "Deploy" and "Generate SDK" (`showDeveloperTools`) — nor its telemetry. Colours darkened to WCAG AA contrast.
 */
const SCALAR_CONFIGURATION = {
  theme: "default",
  withDefaultFonts: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: "never",
  telemetry: false,
  hideDarkModeToggle: true,
  forceDarkModeState: "light",
  // Scalar's default light colours that fall below 4.5:1 on its panels (its green on #f6f6f6 is 3.6:1), darkened.
  customCss:
    ":root .light-mode{--scalar-color-2:#3d3d3d;--scalar-color-3:#525252;--scalar-color-accent:#0b5cad;" +
    "--scalar-color-green:#006b44;--scalar-color-red:#b42318;--scalar-color-yellow:#8a5300;" +
    "--scalar-color-blue:#0b5cad;--scalar-color-orange:#9a3412;--scalar-color-purple:#6941c6}",
};

const attribute = (s: string) => s.replaceAll("&", "&amp;").replaceAll("'", "&#39;").replaceAll("<", "&lt;");

/**
 * The API reference page: a link back to the site, then Scalar's renderer (public/vendor/scalar/standalone.js,
 * fetched at a pinned version and hash by scripts/vendor.ts). It runs no inline script: Scalar reads the document's
 * URL and its options from the attributes of a non-executable `<script type="application/json">`.
 */
export const API_DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Cao Bằng CNNT catalogue</title>
<meta name="description" content="Reference of the Cao Bằng CNNT catalogue's public JSON API (OpenAPI 3.1): products, producers, recognitions, retail listings, feeds and webhooks.">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>.site-bar{display:flex;gap:1.5rem;flex-wrap:wrap;padding:.6rem 1rem;font:15px/1.5 system-ui,sans-serif;background:#1f3b2d}.site-bar a{color:#fff;text-decoration:underline}.site-bar a:focus-visible{outline:3px solid #ffd166;outline-offset:2px}</style>
</head>
<body>
<nav class="site-bar" aria-label="Site"><a href="/">← Cao Bằng CNNT catalogue</a><a href="/en">English site</a><a href="/api/v1/openapi.json">OpenAPI document (JSON)</a></nav>
<script id="api-reference" type="application/json" data-url="/api/v1/openapi.json" data-configuration='${attribute(JSON.stringify(SCALAR_CONFIGURATION))}'></script>
<script src="/vendor/scalar/standalone.js"></script>
</body>
</html>
`;

/** Interactive API docs, served from this origin under a CSP that allows no inline script. */
export const apiDocs: MiddlewareHandler<AppEnv> = async (c) =>
  c.html(API_DOCS_HTML, 200, { "content-security-policy": docsCsp() });
