// A plain-text email as RFC 5322 / MIME text, for the `send_email` binding's EmailMessage: UTF-8 everywhere
// (the subject as an RFC 2047 encoded word, the body as base64), a Message-ID and a Date, which the binding
// requires. Small on purpose: one part, no attachments, no HTML.

const utf8 = new TextEncoder();

function base64(text: string): string {
  const bytes = utf8.encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** A header value safe to write: no line breaks (no header injection), non-ASCII as encoded words. */
function headerText(value: string): string {
  const flat = value.replace(/[\r\n]+/g, " ");
  if (/^[\x20-\x7e]*$/.test(flat)) return flat;
  // Encoded words of at most 45 bytes each (60 base64 characters), split between characters, joined by folding.
  const words: string[] = [];
  let chunk = "";
  for (const ch of flat) {
    if (utf8.encode(chunk + ch).length > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64(w)}?=`).join("\r\n ");
}

/** An address header: a bare address only (the binding checks From against the envelope sender). */
const address = (a: string) => {
  if (!/^[^\s<>@",;:\\]+@[^\s<>@",;:\\]+$/.test(a)) throw new Error(`not an email address: ${a}`);
  return a;
};

/**
 * The raw message.
 *
 * @example mimeMessage({ from: "a@x.vn", to: "b@y.vn", subject: "Hỏi mua", text: "…" }) // "From: a@x.vn\r\n…"
 */
export function mimeMessage(
  m: { from: string; to: string; subject: string; text: string },
  now = new Date(),
): string {
  const domain = address(m.from).split("@")[1];
  const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  const body = base64(m.text.replace(/\r?\n/g, "\r\n")).replace(/.{1,76}/g, "$&\r\n");
  return [
    `From: ${address(m.from)}`,
    `To: ${address(m.to)}`,
    `Subject: ${headerText(m.subject)}`,
    `Message-ID: <${id}@${domain}>`,
    `Date: ${now.toUTCString().replace("GMT", "+0000")}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    body,
  ].join("\r\n");
}
