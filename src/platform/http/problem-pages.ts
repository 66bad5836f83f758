import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { isProblemType, PROBLEM_TYPES } from "./problem-types.ts";

const html = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
/** The catalogue's texts mark code with backticks; on the page it is <code>. */
const prose = (s: string) => html(s).replace(/`([^`]+)`/g, "<code>$1</code>");

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)} · Cao Bằng CNNT catalogue API</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<nav aria-label="Site"><a href="/">Cao Bằng CNNT catalogue</a> · <a href="/api/docs">API reference</a> · <a href="/problems">Problem types</a></nav>
<main>
${body}
</main>
</body>
</html>`;

/**
 * `GET /problems/{type}`: what a problem type means, so that every `type` URI the API answers with resolves (RFC 9457
 * §3.1.1); `GET /problems`: all of them. An unknown name falls through to the 404.
 */
export function problemTypePage(c: Context<AppEnv>) {
  const name = c.req.param("type");
  if (name === undefined) {
    const rows = Object.entries(PROBLEM_TYPES)
      .map(
        ([n, t]) =>
          `<li><a href="/problems/${n}"><code>/problems/${n}</code></a> (${t.status}): ${html(t.title)}</li>`,
      )
      .join("\n");
    return c.html(
      page(
        "Problem types",
        `<h1>Problem types</h1>\n<p>Every error of the API is an RFC 9457 <code>application/problem+json</code> document; its <code>type</code> is one of these.</p>\n<ul>\n${rows}\n</ul>`,
      ),
      200,
      { "cache-control": "public, max-age=3600" },
    );
  }
  if (!isProblemType(name)) return c.notFound();
  const t = PROBLEM_TYPES[name];
  return c.html(
    page(
      t.title,
      `<h1>${html(t.title)}</h1>\n<p><code>type: "/problems/${name}"</code>, HTTP status ${t.status}.</p>\n<p>${prose(t.about)}</p>`,
    ),
    200,
    { "cache-control": "public, max-age=3600" },
  );
}
