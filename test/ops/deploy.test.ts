// The deploy script cannot ship the development values (issue 11, finding 4). `npm test` also runs it for real
// in --dry-run mode (`npm run test:deploy`), on what wrangler would upload.
import { describe, expect, it } from "vitest";
import { bindingProblems, configFileProblems, originProblems } from "../../scripts/lib/deploy-check.ts";
import wranglerToml from "../../wrangler.toml?raw";

// Release 1's wrangler.toml: the development secret and a local origin as [vars].
const RELEASE_1_VARS = `[vars]
CURSOR_SECRET = "local-development-cursor-secret"
PUBLIC_ORIGIN = "http://localhost:8787"
`;

// What `wrangler deploy --dry-run` printed for release 1's configuration.
const RELEASE_1_DRY_RUN = `Your Worker has access to the following bindings:
Binding                                            Resource
env.DB (caobang-cnnt)                              D1 Database
env.RATE_LIMIT_ANON (100 requests/10s)             Rate Limit
env.ASSETS                                         Assets
env.CURSOR_SECRET ("local-development-cursor-secret")  Environment Variable
env.PUBLIC_ORIGIN ("http://localhost:8787")        Environment Variable
`;
const SAFE_DRY_RUN = `Your Worker has access to the following bindings:
env.DB (caobang-cnnt)                              D1 Database
env.ASSETS                                         Assets
env.PUBLIC_ORIGIN ("(hidden)")                     Environment Variable
`;

describe("deploy checks", () => {
  it("today's wrangler.toml passes; release 1's [vars] are refused", () => {
    expect(configFileProblems(wranglerToml, { real: false })).toEqual([]);
    expect(configFileProblems(`${wranglerToml}\n${RELEASE_1_VARS}`, { real: false })).toHaveLength(3);
  });

  it("a real deploy needs a real database id", () => {
    expect(configFileProblems(wranglerToml, { real: true }).join()).toMatch(/placeholder database_id/);
  });

  it("the origin must be public https, an origin only", () => {
    expect(originProblems("https://cnnt.example.vn")).toEqual([]);
    for (const bad of [
      undefined,
      "http://localhost:8787",
      "https://localhost",
      "https://127.0.0.1",
      "http://cnnt.example.vn",
      "https://cnnt.example.vn/san-pham",
      "not a url",
    ]) {
      expect(originProblems(bad), String(bad)).not.toEqual([]);
    }
  });

  it("an upload that binds the secret's name as a variable, or lacks the origin, is refused", () => {
    expect(bindingProblems(SAFE_DRY_RUN)).toEqual([]);
    expect(bindingProblems(RELEASE_1_DRY_RUN).join("\n")).toMatch(/CURSOR_SECRET as a plain variable/);
    expect(bindingProblems(SAFE_DRY_RUN.replace(/^env\.PUBLIC_ORIGIN.*$/m, ""))).toEqual([
      "the upload has no PUBLIC_ORIGIN",
    ]);
    expect(bindingProblems("")).not.toEqual([]);
  });
});
