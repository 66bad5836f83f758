/**
 * CSV as spreadsheet programs write it (RFC 4180): fields separated by commas, quoted with `"` when they hold a
 * comma, a quote (doubled inside) or a line break; records end in CRLF or LF. Hand-written rather than a library
 * because the two usual ones (csv-parse, csv-stringify) would add about a fifth to the Worker's size budget for
 * these ~60 lines. The one CSV module: the public feed (src/retail/feeds/feeds.serialise.ts) and the editors'
 * export and import all write and read through it, so the formula guard below is written once.
 *
 * Formula guard (OWASP "CSV injection"): text a spreadsheet would run as a formula — starting with `=`, `+`, `-`,
 * `@`, tab or CR — is written with a leading `'`, which spreadsheet programs show as text. Text that already starts
 * with apostrophes before such a character gets one more, so that reading takes exactly one off and an export
 * imports back unchanged.
 */

const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** Text as written to a CSV cell: a leading `'` when a spreadsheet would run it as a formula. */
export const guardFormula = (text: string) => (FORMULA.test(text) ? `'${text}` : text);
/** The inverse of {@link guardFormula}, applied to every cell read. */
export const unguardFormula = (cell: string) => (GUARDED.test(cell) ? cell.slice(1) : cell);

/** Thrown for input that is not CSV (an unclosed quote, text after a closing quote, uneven rows). */
export class CsvError extends Error {}

/**
 * Parses CSV text into rows of fields. A leading byte-order mark is dropped; empty lines are skipped; every row
 * must have as many fields as the first; the formula guard of {@link guardFormula} is taken off each field.
 *
 * @example parseCsv('a,b\r\n"x, y","say ""hi"""\n') // [["a","b"],["x, y",'say "hi"']]
 */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith("\ufeff") ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let i = 0;
  const endRow = () => {
    row.push(field);
    field = "";
    row = row.map(unguardFormula);
    if (!(row.length === 1 && row[0] === "")) {
      if (rows.length && row.length !== rows[0]?.length) {
        throw new CsvError(`line ${line}: ${row.length} fields where the header has ${rows[0]?.length}`);
      }
      rows.push(row);
    }
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          throw new CsvError(`line ${line}: text after a closing quote`);
        }
        continue;
      }
      if (ch === "\n") line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRow();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(`line ${line}: a quoted field is not closed`);
  if (field !== "" || row.length) endRow();
  return rows;
}

const needsQuotes = /[",\r\n]|^\s|\s$/;

/**
 * One CSV field: text with the formula guard, quoted when it holds a comma, quote or line break or starts or ends
 * with white space (quotes doubled), or the `separator` when it is not a comma (the feed's Excel dialect writes
 * `;`); numbers and booleans as they are; null empty.
 *
 * @example csvField("=1+1") // "'=1+1"
 */
export function csvField(v: string | number | boolean | null, separator: "," | ";" = ","): string {
  if (v === null) return "";
  const s = typeof v === "string" ? guardFormula(v) : String(v);
  return needsQuotes.test(s) || s.includes(separator) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes rows of text as CSV with CRLF line ends, each field through {@link csvField}. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => `${r.map((f) => csvField(f)).join(",")}\r\n`).join("");
}
