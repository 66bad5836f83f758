// Shared pieces of the property-based (fast-check) tests: hostile values, ways to put them in a URL, and the
// one assertion every response must pass — never a 5xx, every error a well-formed problem+json.
import fc from "fast-check";
import { expect } from "vitest";

/** FTS5 query syntax, which a search box must treat as data. */
export const FTS5_SYNTAX = [
  '"',
  '""',
  "*",
  "-",
  ":",
  "(",
  ")",
  "AND",
  "OR",
  "NOT",
  "NEAR",
  "NEAR(mien dong, 2)",
  "^",
  "{sort_vi}:",
  "{sort_vi sort_en}:",
  "sort_vi:",
  "search_text:mien",
  "products_fts:",
  "+",
  "mien*",
  '"mien dong"',
  "a OR b NOT c",
  "(((",
  ")))",
  "^mien",
  "NEAR(",
  "rank:",
  "*:*",
] as const;

/** SQL that would do harm if it reached a statement as text. */
export const SQL_FRAGMENTS = [
  "'",
  "''",
  "' OR '1'='1",
  "' OR 1=1 --",
  "1; DROP TABLE products; --",
  "1) UNION SELECT sql FROM sqlite_master --",
  "%' AND 1=0 UNION SELECT 1,2,3 --",
  "\\",
  "/*",
  "*/",
  "--",
  ";",
  "%",
  "_",
  "?",
  "?1",
  ":name",
  "@p",
  "$1",
  "x' || (SELECT load_extension('a')) || '",
  "NULL",
  "0x41",
] as const;

/** Characters that break naive text handling. */
export const CONTROL_AND_ODD = [
  "\u0000",
  "\u0001",
  "\b",
  "\t",
  "\n",
  "\r",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u200b",
  "\u200d",
  "\u202e",
  "\u2066",
  "\ufeff",
  "\ufffd",
  "\uffff",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
  "😀",
  "🇻🇳",
  "đĐ",
  "Hoà",
  "Ho\u0300a",
  "<script>alert(1)</script>",
  "</script>",
  "javascript:alert(1)",
  "&amp;&#x3C;",
  "../../etc/passwd",
  "%00",
  "%",
  "%%",
  "%ZZ",
  "a=b&c=d",
  "#frag",
] as const;

/** Numbers that break naive parsing. */
export const NUMBERS = [
  "0",
  "-1",
  "-0",
  "1.5",
  "1e3",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "0b11",
  "0o7",
  " 5 ",
  "5 ",
  "+5",
  "２０",
  "9".repeat(30),
  "9".repeat(400),
  "9007199254740993",
  "2147483648",
  "-9223372036854775809",
  "",
  "true",
  "[]",
  "{}",
  "null",
] as const;

/** A hostile string value. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FTS5_SYNTAX, ...SQL_FRAGMENTS, ...CONTROL_AND_ODD, ...NUMBERS) },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.constantFrom(...FTS5_SYNTAX, ...SQL_FRAGMENTS, ...CONTROL_AND_ODD, "mien", "dong", "lap suon"),
        {
          minLength: 1,
          maxLength: 8,
        },
      )
      .chain((parts) => fc.constantFrom(parts.join(" "), parts.join(""), parts.join(",")))
      .map((s) => s),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom("a", '"', "*", "đ", "%", "\u0000", "mien ", "\ud800", ","),
        fc.constantFrom(201, 1001, 10_000),
      )
      .map(([ch, n]) => ch.repeat(n).slice(0, n)),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** Percent-encodes a string as UTF-8, keeping lone surrogates as the (invalid) bytes of their code units. */
export function encodeLoose(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const isHigh = code >= 0xd800 && code <= 0xdbff;
    const next = s.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // CESU-style bytes of a lone surrogate: not valid UTF-8.
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(s[i] ?? "");
    }
  }
  return out;
}

/** Raw bytes that are not UTF-8, and percent signs that are not escapes. */
export const brokenEncoding = fc.constantFrom(
  "%FF",
  "%FE%FF",
  "%C0%AF",
  "%E0%80%AF",
  "%ED%A0%80",
  "%ED%BF%BF",
  "%F4%90%80%80",
  "%C3",
  "%C3%28",
  "%80",
  "%",
  "%2",
  "%G0",
  "%%32%30",
  "%u0041",
  "%00",
  "%0A%0D",
  "%2F..%2F..",
);

/** A value as it goes into a URL: encoded properly, loosely (lone surrogates), raw, or as broken bytes. */
export const urlValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map(encodeLoose) },
  {
    weight: 1,
    arbitrary: hostileString.map((s) =>
      // biome-ignore lint/suspicious/noControlCharactersInRegex: raw values without the characters a URL cannot carry
      s.replace(/[#&?\s%\u0000-\u001f\u007f]/gu, "").replace(/[\ud800-\udfff]/g, ""),
    ),
  },
  { weight: 1, arbitrary: fc.tuple(hostileString.map(encodeLoose), brokenEncoding).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: brokenEncoding },
);

/** A query string from (name, already-encoded value) pairs; names may repeat. */
export const toQuery = (pairs: readonly (readonly [string, string, ...unknown[]])[]) =>
  pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : "";

/** Names no endpoint knows, plain enough to reach the parameter check: always a 400 naming them. */
export const UNKNOWN_NAMES = [
  "unknown",
  "Q",
  "q[]",
  "limit[0]",
  "__proto__",
  "constructor",
  "toString",
  "page.limit",
];

/** Parameter names: the endpoint's own (chosen more often), unknown ones and odd spellings. */
export function paramName(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...UNKNOWN_NAMES, "", "%71", "q%00", "sort ", encodeLoose("\ud800"), "%FF"),
    },
  );
}

/**
 * A label safe to show in a test report: lone surrogates escaped. (The workers pool sends reports to Node over a
 * WebSocket, which refuses the invalid UTF-8 a lone surrogate becomes, and the whole test file is lost.)
 */
export const printable = (s: string) =>
  s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );

export interface Outcome {
  status: number;
  url: string;
}

/**
 * The invariant of every response: no 5xx, and every error an RFC 9457 problem+json whose `status` matches the
 * response. Returns the status so properties can count outcomes.
 */
export async function expectWellFormed(res: Response, label: string): Promise<number> {
  const text = await res.text();
  const where = printable(`${label} → ${res.status} ${text.slice(0, 300)}`);
  expect(res.status, where).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type"), where).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(typeof body.type, where).toBe("string");
    expect(typeof body.title, where).toBe("string");
    expect(typeof body.detail, where).toBe("string");
    expect(body.status, where).toBe(res.status);
    expect(text, where).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack traces
    expect(text, where).not.toMatch(/SQLITE_|D1_ERROR|D1_EXEC|fts5: syntax/); // no database internals
  } else if (
    res.status === 200 &&
    text !== "" &&
    /^application\/json/.test(res.headers.get("content-type") ?? "")
  ) {
    expect(() => JSON.parse(text), where).not.toThrow();
  }
  return res.status;
}
