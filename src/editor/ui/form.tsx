// The editor's form kit, shared by every editor page: labelled fields that carry their error (aria-invalid,
// aria-describedby), the error summary at the top of a form, and field errors read from a Problem or from zod
// issues in the page's language.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../../platform/env.ts";
import { Problem } from "../../platform/http/problem.ts";
import { fieldMessage } from "./field-errors.ts";
import { FIELD_LABELS, UI } from "./labels.ts";
import type { AdminLang } from "./strings.ts";

export type Errors = Record<string, string>;
export type Values = Record<string, string>;

/** The shell every signed-in page renders into (provided by ../pages.tsx, which owns the layout). */
export type Shell = (
  c: Context<AppEnv>,
  lang: AdminLang,
  title: string,
  other: string,
  body: Child,
  status?: 200 | 403 | 404 | 409 | 412 | 422,
) => Promise<Response>;

/** A form field as a string (a missing field or a file is ""). */
export const str = (v: unknown) => (typeof v === "string" ? v : "");
/** A text area's lines, trimmed, the empty ones left out. */
export const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Field errors from a Problem's invalid_params (first reason per field), in the page's language. */
export function errorsOf(p: Problem, lang: AdminLang): Errors {
  const out: Errors = {};
  for (const ip of (p.body.invalid_params ?? []) as { name: string; reason: string }[]) {
    const name = ip.name.split(/[.[]/)[0] ?? ip.name;
    out[name] ??= fieldMessage(ip.reason, lang);
  }
  if (!Object.keys(out).length) out._ = fieldMessage(p.body.detail ?? "", lang);
  return out;
}
/** Field errors from zod issues, in the page's language (see field-errors.ts). */
export const zodErrors = (
  issues: readonly { path: PropertyKey[]; message: string }[],
  lang: AdminLang,
): Errors =>
  errorsOf(
    new Problem(422, {
      detail: "",
      invalid_params: issues.map((i) => ({ name: i.path.map(String).join(".") || "_", reason: i.message })),
    }),
    lang,
  );

export function Field(props: {
  name: string;
  lang: AdminLang;
  errors: Errors;
  children: (attrs: Record<string, string | boolean | undefined>) => Child;
}) {
  const error = props.errors[props.name];
  const id = `f-${props.name}`;
  return (
    <div class={`field${error ? " has-error" : ""}`}>
      <label for={id}>{FIELD_LABELS[props.lang][props.name] ?? props.name}</label>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {props.children({
        id,
        name: props.name,
        "aria-invalid": error ? "true" : undefined,
        "aria-describedby": error ? `${id}-error` : undefined,
      })}
    </div>
  );
}

export const Text = (p: {
  name: string;
  lang: AdminLang;
  errors: Errors;
  values: Values;
  required?: boolean;
  type?: string;
}) => (
  <Field name={p.name} lang={p.lang} errors={p.errors}>
    {(a) => <input {...a} type={p.type ?? "text"} value={p.values[p.name] ?? ""} required={p.required} />}
  </Field>
);
export const Area = (p: { name: string; lang: AdminLang; errors: Errors; values: Values; rows?: number }) => (
  <Field name={p.name} lang={p.lang} errors={p.errors}>
    {(a) => (
      <textarea {...a} rows={p.rows ?? 4}>
        {p.values[p.name] ?? ""}
      </textarea>
    )}
  </Field>
);
export const Select = (p: {
  name: string;
  lang: AdminLang;
  errors: Errors;
  values: Values;
  options: readonly string[];
  empty?: boolean;
}) => (
  <Field name={p.name} lang={p.lang} errors={p.errors}>
    {(a) => (
      <select {...a}>
        {p.empty ? <option value="">—</option> : null}
        {p.options.map((o) => (
          <option value={o} selected={p.values[p.name] === o}>
            {o}
          </option>
        ))}
      </select>
    )}
  </Field>
);
export const Check = (p: { name: string; lang: AdminLang; values: Values }) => (
  <div class="field check">
    <input type="checkbox" id={`f-${p.name}`} name={p.name} checked={p.values[p.name] === "on"} />{" "}
    <label for={`f-${p.name}`}>{FIELD_LABELS[p.lang][p.name]}</label>
  </div>
);

export function ErrorSummary(props: { lang: AdminLang; errors: Errors }) {
  const entries = Object.entries(props.errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{UI[props.lang].errors}</p>
      <ul>
        {entries.map(([name, reason]) => (
          <li>
            {name === "_" ? (
              reason
            ) : (
              <a href={`#f-${name}`}>
                {FIELD_LABELS[props.lang][name] ?? name}: {reason}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What an action did, said to screen readers as it appears (`role="status"`); nothing when there is no message. */
export const Notice = (p: { message?: string | null }) =>
  p.message ? (
    <p class="notice" role="status">
      {p.message}
    </p>
  ) : null;

/**
 * A secret shown once — a new API key, a first password: what it is, the value to copy, and (when given) that it
 * is not shown again.
 */
export const SecretOnce = (p: { label: string; value: string; note?: string }) => (
  <div class="notice secret" role="status">
    <p>{p.label}</p>
    <p>
      <code>{p.value}</code>
    </p>
    {p.note ? <p class="note">{p.note}</p> : null}
  </div>
);
