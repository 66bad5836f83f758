import { call } from "../helpers/http.ts";

/** A tiny browser: keeps cookies, follows nothing, reads each page's CSRF token. */
export class Session {
  jar: Record<string, string> = {};
  csrf = "";
  keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const i = pair.indexOf("=");
      this.jar[pair.slice(0, i)] = pair.slice(i + 1);
    }
  }
  get cookie() {
    return Object.entries(this.jar)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
  }
  async get(path: string) {
    const res = await call(path, { headers: { cookie: this.cookie }, redirect: "manual" });
    this.keep(res);
    const html = await res.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? this.csrf;
    return { res, html };
  }
  /** Posts a form as a browser does; a list is a field sent once per value (checkboxes). */
  async post(path: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries({ _csrf: this.csrf, ...fields }))
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    const res = await call(path, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: this.cookie,
        origin: "http://localhost",
      },
      body: body.toString(),
      redirect: "manual",
    });
    this.keep(res);
    return { res, html: await res.text() };
  }
}

/** Signs in through the real sign-in form and returns the session. */
export async function signedIn(email: string, password: string, lang: "vi" | "en" = "vi"): Promise<Session> {
  const s = new Session();
  const path = lang === "vi" ? "/quan-tri/dang-nhap" : "/en/admin/sign-in";
  await s.get(path);
  const { res } = await s.post(path, { email, password });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return s;
}
