/** Source texts by path, as import.meta.glob gives them ("../../src/…"). */
export type Sources = Record<string, string>;

/**
 * What each part of src/ may import (its own part included). The assembly — the Worker, the app, the route
 * manifest, the OpenAPI document and the seed builder — may import everything; nothing below may import it.
 * Within platform, the database layer may not import HTTP (isDatabase, isHttp below).
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: ["domain"],
  platform: ["platform", "domain"],
  ui: ["ui", "platform", "domain"],
  catalogue: ["catalogue", "ui", "platform", "domain"],
  retail: ["retail", "ui", "platform", "domain"],
  editor: ["editor", "ui", "platform", "domain"],
  enquiries: ["enquiries", "ui", "platform", "domain"],
};

/** The part of src/ a file belongs to: its first folder, or "assembly" for the files and folders above the rest. */
function partOf(path: string): string {
  const first = path.replace(/^src\//, "").split("/");
  return first.length > 1 && first[0] && first[0] in MAY_IMPORT ? first[0] : "assembly";
}

const IMPORT =
  /(?:^|[;\s])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)/g;

/** "src/a/b.ts" joined with "../c.ts". */
function resolve(from: string, spec: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const seg of spec.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/** The database layer (platform/db/ and every feature's *.queries.ts) speaks no HTTP. */
const isDatabase = (path: string) => path.startsWith("src/platform/db/") || /\.queries\.ts$/.test(path);
const isHttp = (path: string) => path.startsWith("src/platform/http/");
/** Services (*.service.ts) take plain inputs (an EditorCall, values), never a request context: no Hono in them. */
const isService = (path: string) => /\.service\.ts$/.test(path);

/** Each import of a file of src/ that its part may not make, as "<file> imports <target>: <rule>", sorted. */
export function importViolations(sources: Sources): string[] {
  const found: string[] = [];
  for (const [key, text] of Object.entries(sources)) {
    const file = key.replace(/^(\.\.\/)+/, "");
    const part = partOf(file);
    const allowed = MAY_IMPORT[part];
    if (!allowed) continue;
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? "";
      if (isService(file) && /^hono(\/|$)/.test(spec))
        found.push(`${file} imports ${spec}: a service takes plain inputs, not a request context`);
      if (!spec.startsWith(".")) continue;
      const target = resolve(file, spec.replace(/\?.*$/, ""));
      const to = target.startsWith("src/") ? partOf(target) : "outside src";
      if (!allowed.includes(to))
        found.push(`${file} imports ${target}: ${part} may import ${allowed.join(", ")} only`);
      else if (isDatabase(file) && isHttp(target))
        found.push(`${file} imports ${target}: the database layer speaks no HTTP`);
      else if (isService(file) && target === "src/platform/http/problem.ts")
        found.push(`${file} imports ${target}: a service refuses with a domain error (src/domain/errors.ts)`);
    }
  }
  return found.sort();
}
