// The enquiry form, as the product and producer pages and the form's own page show it. No JavaScript: a POST to
// /hoi-mua (/en/enquire); errors come back in the page's language beside their fields, with the values kept.
import { KIND_LABELS } from "../ui/enquiry-kinds.ts";
import { type Lang, pathOf } from "../ui/i18n/index.ts";
import { CONSENT_VERSION, ENQUIRY_KINDS, type FieldError, LIMITS, type Subject } from "./rules.ts";
import { ENQUIRY_STRINGS } from "./strings.ts";

/** The form's fields in order (also the order of the error summary). */
export const FORM_FIELDS = [
  "product",
  "producer",
  "product_kind",
  "kind",
  "quantity",
  "message",
  "name",
  "email",
  "phone",
  "organisation",
  "consent",
] as const;

/** The honeypot field: hidden from people (and from assistive technology), filled by naive robots. */
export const HONEYPOT = "website";

export interface EnquiryFormProps {
  lang: Lang;
  subject: Subject;
  stamp: string;
  values?: Record<string, string>;
  errors?: Map<string, FieldError>;
  /** A notice above the form (a stale or too-fast form, a daily limit). */
  notice?: string;
}

const fieldId = (name: string) => `enq-${name}`;

export function EnquiryForm(props: EnquiryFormProps) {
  const { lang, values = {} } = props;
  const errors = props.errors ?? new Map<string, FieldError>();
  const t = ENQUIRY_STRINGS[lang];
  const err = (name: string) => errors.get(name);
  const described = (name: string, hint?: string) =>
    [hint, err(name) ? `${fieldId(name)}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const ErrorText = (p: { name: string }) => {
    const code = err(p.name);
    return code ? (
      <p class="field-error" id={`${fieldId(p.name)}-error`}>
        {t.errors[code]}
      </p>
    ) : null;
  };
  const TextField = (p: {
    name: "quantity" | "name" | "email" | "phone" | "organisation";
    label: string;
    type?: string;
    max: number;
    hint?: string;
    autocomplete?: string;
    required?: boolean;
  }) => (
    <div class="field">
      <label for={fieldId(p.name)}>{p.label}</label>
      {p.hint ? (
        <p class="note" id={`${fieldId(p.name)}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <input
        type={p.type ?? "text"}
        id={fieldId(p.name)}
        name={p.name}
        value={values[p.name] ?? ""}
        maxlength={p.max}
        autocomplete={p.autocomplete}
        aria-required={p.required ? "true" : undefined}
        aria-invalid={err(p.name) ? "true" : undefined}
        aria-describedby={described(p.name, p.hint ? `${fieldId(p.name)}-hint` : undefined)}
      />
      <ErrorText name={p.name} />
    </div>
  );
  const summary = [...errors].filter(([name]) => name !== "(body)");
  const subjectError = err("product") ?? err("producer") ?? err("product_kind");
  return (
    <form method="post" action={pathOf("enquire", lang)} class="enquiry-form" novalidate>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {summary.length ? (
        <div class="error-summary" role="alert" id="enq-errors" tabindex={-1}>
          <p>{t.errorSummary}</p>
          <ul>
            {summary.map(([name, code]) => (
              <li>
                <a href={`#${fieldId(name === "producer" || name === "product_kind" ? "product" : name)}`}>
                  {t.errors[code]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.subject.product ? <input type="hidden" name="product" value={props.subject.product} /> : null}
      {props.subject.producer ? <input type="hidden" name="producer" value={props.subject.producer} /> : null}
      {props.subject.product_kind ? (
        <input type="hidden" name="product_kind" value={props.subject.product_kind} />
      ) : null}
      {subjectError ? (
        <p class="field-error" id={fieldId("product")}>
          {t.errors[subjectError]}
        </p>
      ) : null}
      <input type="hidden" name="stamp" value={props.stamp} />
      <input type="hidden" name="consent_version" value={CONSENT_VERSION} />
      <fieldset
        aria-describedby={err("kind") ? `${fieldId("kind")}-error` : undefined}
        id={fieldId("kind")}
        tabindex={-1}
      >
        <legend>{t.kind}</legend>
        {ENQUIRY_KINDS.map((k) => (
          <label class="choice">
            <input
              type="radio"
              name="kind"
              value={k}
              checked={(values.kind ?? "self") === k}
              aria-invalid={err("kind") ? "true" : undefined}
            />
            <span>{KIND_LABELS[lang][k]}</span>
          </label>
        ))}
        <ErrorText name="kind" />
      </fieldset>
      <TextField name="quantity" label={t.quantity} max={LIMITS.quantity} hint={t.quantityHint} />
      <div class="field">
        <label for={fieldId("message")}>{t.message}</label>
        <textarea
          id={fieldId("message")}
          name="message"
          rows={6}
          maxlength={LIMITS.message}
          aria-required="true"
          aria-invalid={err("message") ? "true" : undefined}
          aria-describedby={described("message")}
        >
          {values.message ?? ""}
        </textarea>
        <ErrorText name="message" />
      </div>
      <TextField name="name" label={t.name} max={LIMITS.name} autocomplete="name" required />
      <p class="note" id="enq-contact-hint">
        {t.contactHint}
      </p>
      <TextField name="email" label={t.email} type="email" max={LIMITS.email} autocomplete="email" />
      <TextField name="phone" label={t.phone} type="tel" max={40} autocomplete="tel" />
      <TextField
        name="organisation"
        label={t.organisation}
        max={LIMITS.organisation}
        autocomplete="organization"
      />
      <div class="field">
        <label class="choice" for={fieldId("consent")}>
          <input
            type="checkbox"
            id={fieldId("consent")}
            name="consent"
            value="yes"
            checked={values.consent === "yes"}
            aria-required="true"
            aria-invalid={err("consent") ? "true" : undefined}
            aria-describedby={described("consent")}
          />
          <span>{t.consent}</span>
        </label>
        <ErrorText name="consent" />
        <p class="note">
          <a href={pathOf("enquirePrivacy", lang)}>{t.privacyLink}</a>
        </p>
      </div>
      <div class="hp" aria-hidden="true">
        <label for={fieldId(HONEYPOT)}>{t.honeypot}</label>
        <input type="text" id={fieldId(HONEYPOT)} name={HONEYPOT} value="" tabindex={-1} autocomplete="off" />
      </div>
      <p>
        <button type="submit">{t.send}</button>
      </p>
    </form>
  );
}
