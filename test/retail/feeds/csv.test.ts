// One CSV field (RFC 4180), without HTTP: a reader splitting on the standard's rules gets the value back.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField } from "../../../src/retail/feeds/feeds.serialise.ts";

/** A minimal RFC 4180 reader for one record. */
function readRecord(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else v += line[i++];
      }
      out.push(v);
      i++; // the comma
    } else {
      const end = line.indexOf(",", i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

describe("csvField", () => {
  it.each([
    [null, ""],
    ["plain", "plain"],
    [42, "42"],
    [true, "true"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r", '"cr\r"'],
    ["Miến dong", "Miến dong"],
  ])("%j → %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it("any row of strings survives a round trip through an RFC 4180 reader (formula text shown as text)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 6 }), (values) => {
        // A spreadsheet would run text starting with = + - @ tab or CR: it carries a leading ' (shown as text).
        const shown = values.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v));
        expect(readRecord(values.map((v) => csvField(v)).join(","))).toEqual(shown);
      }),
    );
  });
});
