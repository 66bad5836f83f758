// Issue 23, finding 1: the sign-in lockout must hold under concurrency. Sign-ins fired at once all read "0 failures"
// before any of them recorded one (check, then act), so every guess was judged and the right password got in.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/editor/auth/crypto.ts";
import {
  LOGIN_WINDOW_MINUTES,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  signIn as signInService,
} from "../../src/editor/auth/signin.ts";
import { countedD1 } from "../../src/platform/db/client.ts";
import { call } from "../helpers/http.ts";
import { createEditor } from "./helpers.ts";

/** Opens the sign-in form once; its double-submit token and cookie serve every post below. */
async function form() {
  const res = await call("/quan-tri/dang-nhap");
  const cookie = (res.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? "";
  return { cookie, csrf };
}

function post(f: { cookie: string; csrf: string }, email: string, password: string, ip: string) {
  return call("/quan-tri/dang-nhap", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: f.cookie,
      origin: "http://localhost",
      "cf-connecting-ip": ip,
    },
    body: new URLSearchParams({ _csrf: f.csrf, email, password }).toString(),
    redirect: "manual",
  });
}

let victim: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  victim = await createEditor("concurrent@example.vn", "editor", "dung-mat-khau-dong-thoi-2026");
});

describe("the sign-in lockout under concurrency", () => {
  it("30 sign-ins at once from one address: at most the limit are judged, the rest 429 with Retry-After", async () => {
    const f = await form();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(f, victim.email, `sai-mat-khau-${i}`, "203.0.113.80")),
    );
    const statuses = answers.map((r) => r.status);
    const judged = statuses.filter((s) => s === 401).length;
    const refused = answers.filter((r) => r.status === 429);
    expect(judged).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(judged + refused.length).toBe(30);
    for (const r of refused) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    // Afterwards the right password is refused too, from another address: the account is locked for the window.
    const right = await post(f, victim.email, "dung-mat-khau-dong-thoi-2026", "203.0.113.81");
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeLessThanOrEqual(LOGIN_WINDOW_MINUTES * 60);
  });

  it("a password spray from one address at once is held to the per-address limit", async () => {
    const f = await form();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(f, `spray-${i}@example.vn`, "Password1!", "203.0.113.90")),
    );
    expect(answers.filter((r) => r.status === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_ADDRESS);
    expect(answers.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(
      30 - MAX_FAILURES_PER_ADDRESS,
    );
  });

  it("derives PBKDF2 only for attempts that are judged, never for limited ones", async () => {
    const target = await createEditor("derive@example.vn", "editor", "mat-khau-dem-pbkdf2-2026");
    let derived = 0;
    const verify = (password: string, stored: string | null) => {
      derived++;
      return verifyPassword(password, stored);
    };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signInService(countedD1(env.DB), target.email, `sai-${i}`, "198.51.100.200", { verify }),
      ),
    );
    const invalid = results.filter((r) => !r.ok && r.reason === "invalid").length;
    const limited = results.filter((r) => !r.ok && r.reason === "limited").length;
    expect(invalid).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(invalid + limited).toBe(30);
    expect(derived).toBe(invalid);
    const right = await signInService(
      countedD1(env.DB),
      target.email,
      "mat-khau-dem-pbkdf2-2026",
      "198.51.100.201",
      { verify },
    );
    expect(right).toMatchObject({ ok: false, reason: "limited" });
    expect(derived).toBe(invalid);
  });

  it("a judged attempt costs two round trips at most; a limited one one", async () => {
    const who = await createEditor("trips@example.vn", "editor", "mat-khau-dem-luot-2026");
    const d1 = countedD1(env.DB);
    expect((await signInService(d1, who.email, "mat-khau-dem-luot-2026", "198.51.100.210")).ok).toBe(true);
    expect(d1.roundTrips).toBeLessThanOrEqual(2);
    const limited = countedD1(env.DB);
    const spent = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, (_, i) =>
        signInService(countedD1(env.DB), who.email, `sai-${i}`, "198.51.100.211"),
      ),
    );
    expect(spent.every((r) => !r.ok)).toBe(true);
    expect(await signInService(limited, who.email, "x", "198.51.100.212")).toMatchObject({
      reason: "limited",
    });
    expect(limited.roundTrips).toBe(1);
  });
});
