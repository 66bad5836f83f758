// Record texts the catalogue holds in Vietnamese only (a producer's or a channel's name, an issuer, a listing's
// note, a representative's role), as an English page shows them: in English where the text is one of the few
// fixed forms the records use (an issuing body, "(mẫu)", a placeholder for a producer the source does not name),
// else marked as Vietnamese and, for prose, said to have no English. Vietnamese pages show them as they are.
import type { Lang } from "../../domain/vocabulary.ts";

/** Issuing bodies the records name, with their official English names. */
const ISSUERS: Record<string, string> = {
  "Bộ Công Thương": "Ministry of Industry and Trade",
  "UBND tỉnh Cao Bằng": "Cao Bằng Provincial People's Committee",
};

/** Suffixes the records add to a name or an issuer, in English. */
const SUFFIXES: [RegExp, string][] = [
  [/ \(hồ sơ mẫu\)$/, " (sample profile)"],
  [/ \(mẫu\)$/, " (sample)"],
  [/ \(giám đốc\)$/, " (director)"],
];

/** A producer the source does not name, as the records write it: "Chủ thể OCOP của <product> (nguồn không nêu tên)". */
const UNNAMED = /^Chủ thể OCOP của (.+) \(nguồn không nêu tên\)$/;

/** The English of a suffix the records use, and what it follows. */
function suffixed(text: string): { base: string; suffix: string } {
  for (const [re, en] of SUFFIXES) if (re.test(text)) return { base: text.replace(re, ""), suffix: en };
  return { base: text, suffix: "" };
}

/**
 * A producer's name: on an English page a placeholder for an unnamed producer is said in English and a sample
 * profile's "(hồ sơ mẫu)" is "(sample profile)"; the name itself stays as the producer writes it.
 *
 * @example producerName("Chủ thể OCOP của Nho hạ đen Cao Bằng (nguồn không nêu tên)", "en")
 *   // "OCOP holder of Nho hạ đen Cao Bằng (not named by the source)"
 */
export function producerName(name: string, lang: Lang): string {
  if (lang === "vi") return name;
  const unnamed = UNNAMED.exec(name);
  if (unnamed) return `OCOP holder of ${unnamed[1]} (not named by the source)`;
  const { base, suffix } = suffixed(name);
  return `${base}${suffix}`;
}

/**
 * An issuing body in the page's language, "(mẫu)" included.
 *
 * @example issuerName("UBND tỉnh Cao Bằng (mẫu)", "en") // "Cao Bằng Provincial People's Committee (sample)"
 */
export function issuerName(issuer: string, lang: Lang): string | null {
  if (lang === "vi") return issuer;
  const { base, suffix } = suffixed(issuer);
  const en = ISSUERS[base];
  return en ? `${en}${suffix}` : null;
}

/** A person's name with the role the records give in brackets ("(giám đốc)" → "(director)"). */
export function personName(text: string, lang: Lang): string {
  if (lang === "vi") return text;
  const { base, suffix } = suffixed(text);
  return `${base}${suffix}`;
}

/**
 * A text held in Vietnamese only: on an English page marked as Vietnamese (`lang="vi"`, for screen readers and
 * translation tools) and, unless it is a name, followed by "(in Vietnamese only)".
 */
export function ViText(props: { text: string; lang: Lang; name?: boolean }) {
  if (props.lang === "vi") return <>{props.text}</>;
  return (
    <>
      <span lang="vi">{props.text}</span>
      {props.name ? null : <span class="vi-only"> (in Vietnamese only)</span>}
    </>
  );
}
