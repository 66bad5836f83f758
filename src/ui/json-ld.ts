/**
 * Serializes data for a `<script type="application/ld+json">` element. JSON.stringify alone is not enough inside
 * HTML: a string containing `</script>` or `<!--` would end or confuse the script element. Every `<`, `>` and `&`
 * becomes a JSON unicode escape (still the same JSON value), as do U+2028/U+2029.
 *
 * @example jsonForScript({ name: "</script><b>" }) // '{"name":"\\u003c/script\\u003e\\u003cb\\u003e"}'
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}
