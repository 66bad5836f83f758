/**
 * GS1 trade item numbers (GTIN-8, -12, -13, -14: the digits of a barcode such as EAN-13 or UPC-A). A GTIN is known
 * only when a producer or chain states it; the catalogue never makes one up, so it stays empty until then.
 */

/** Why `text` is not a GTIN, or null when it is one: 8, 12, 13 or 14 digits whose last is the GS1 check digit. */
export function gtinProblem(text: string): string | null {
  if (!/^[0-9]+$/.test(text)) return "must be digits only (a GTIN as printed under its barcode)";
  if (![8, 12, 13, 14].includes(text.length))
    return "must be 8, 12, 13 or 14 digits (GTIN-8, -12, -13 or -14)";
  const digits = [...text].map(Number);
  const check = digits.pop() ?? 0;
  // From the right (the check digit's left neighbour first): weights 3, 1, 3, 1 …
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  const expected = (10 - (sum % 10)) % 10;
  return check === expected
    ? null
    : `has the wrong check digit (${check}; the GS1 check digit is ${expected})`;
}
