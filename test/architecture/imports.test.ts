/// <reference types="vite/client" />
// Imports point down: the assembly (src/*.ts, src/openapi/, src/seed/) over the features (catalogue, retail, editor,
// enquiries), which stand on ui, platform and domain; platform stands on domain; domain on nothing of src/.
// Features never import each other, and the database layer (platform/db, *.queries.ts) never imports HTTP. Read
// from every source file's import lines (static, type-only and import()), so that a new import that runs up or
// sideways fails here, naming the file, the import and the rule.
import { describe, expect, it } from "vitest";
import { importViolations, type Sources } from "./layers.ts";

const sources = import.meta.glob(["../../src/**/*.ts", "../../src/**/*.tsx"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Sources;

describe("import direction", () => {
  it("reads the sources", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
  });

  it("no import runs up a layer or across to another feature", () => {
    expect(importViolations(sources)).toEqual([]);
  });

  it("fails on a planted upward or sideways import", () => {
    const planted: Sources = {
      ...sources,
      "../../src/platform/db/planted.ts":
        'import { productsApi } from "../../catalogue/products/index.ts";\n',
      "../../src/domain/planted.ts": 'import type { Env } from "../platform/env.ts";\n',
      "../../src/retail/planted.ts": 'const m = await import("../editor/index.ts");\n',
      "../../src/ui/planted.tsx": 'export { pages } from "../catalogue/pages.tsx";\n',
      "../../src/catalogue/planted.queries.ts": 'import { Problem } from "../platform/http/problem.ts";\n',
      "../../src/editor/planted.service.ts": 'import type { Context } from "hono";\n',
      "../../src/editor/planted-http.service.ts": 'import { Problem } from "../platform/http/problem.ts";\n',
    };
    expect(importViolations(planted).filter((v) => v.includes("planted"))).toEqual([
      "src/catalogue/planted.queries.ts imports src/platform/http/problem.ts: the database layer speaks no HTTP",
      "src/domain/planted.ts imports src/platform/env.ts: domain may import domain only",
      "src/editor/planted-http.service.ts imports src/platform/http/problem.ts: a service refuses with a domain error (src/domain/errors.ts)",
      "src/editor/planted.service.ts imports hono: a service takes plain inputs, not a request context",
      "src/platform/db/planted.ts imports src/catalogue/products/index.ts: platform may import platform, domain only",
      "src/retail/planted.ts imports src/editor/index.ts: retail may import retail, ui, platform, domain only",
      "src/ui/planted.tsx imports src/catalogue/pages.tsx: ui may import ui, platform, domain only",
    ]);
  });
});
