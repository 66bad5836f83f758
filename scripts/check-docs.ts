// Checks the manual against the repository, without workerd (run by `npm test` as `npm run test:docs`):
//
// - every relative link and image in README.md, BENCHMARKS.md and docs/**/*.md points at a file or folder that
//   exists, and a link with a #fragment into a Markdown file names one of its headings (GitHub's anchor rules);
// - every `npm run <script>` they mention (in prose or code) is a script of package.json, and so are `npm start`
//   and `npm test`.
//
// Usage: node scripts/check-docs.ts [files…]   (exits 1 listing each broken link or script, with file and line)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(new URL("..", import.meta.url).pathname);

/** The Markdown files the check covers: the README, the benchmarks and every file under docs/. */
export function manualFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : [],
    );
  return [
    join(root, "README.md"),
    join(root, "BENCHMARKS.md"),
    ...(existsSync(join(root, "docs")) ? walk(join(root, "docs")) : []),
  ].filter((f) => existsSync(f));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2 … */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = (m[1] ?? "")
      .replace(/<[^>]+>/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  return anchors;
}

/** Each broken link and unknown script in one Markdown file, as "file:line: what". */
export function problemsIn(file: string, scripts: Set<string>): string[] {
  const text = readFileSync(file, "utf8");
  const where = (index: number) => `${relative(root, file)}:${text.slice(0, index).split("\n").length}`;
  const problems: string[] = [];
  // Inline links and images, and HTML src/href attributes.
  const targets = [
    ...[...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
      (m) => [m[1], m.index] as const,
    ),
    ...[...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => [m[1], m.index] as const),
  ];
  for (const [target = "", index] of targets) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto: …
    const [path = "", fragment] = target.split("#", 2);
    const resolved = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
    if (!resolved.startsWith(root) || !existsSync(resolved)) {
      problems.push(`${where(index)}: link to ${target}: no such file`);
      continue;
    }
    if (fragment && statSync(resolved).isFile() && resolved.endsWith(".md")) {
      if (!anchorsOf(readFileSync(resolved, "utf8")).has(fragment.toLowerCase()))
        problems.push(`${where(index)}: link to ${target}: no heading with anchor #${fragment}`);
    }
  }
  for (const m of text.matchAll(/\bnpm (?:run(?:-script)?(?:\s+-s)?\s+([a-z][\w:.-]*)|(start|test)\b)/g)) {
    const name = (m[1] ?? m[2] ?? "").replace(/[:.]+$/, "");
    if (!scripts.has(name))
      problems.push(`${where(m.index)}: \`npm run ${name}\`: no such script in package.json`);
  }
  return problems;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const scripts = new Set(
    Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts ?? {}),
  );
  const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : manualFiles();
  const problems = files.flatMap((f) => problemsIn(f, scripts));
  for (const p of problems) console.error(p);
  console.log(`docs: ${files.length} files checked, ${problems.length} broken link(s) or script(s)`);
  if (problems.length) process.exit(1);
}
