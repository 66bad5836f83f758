/**
 * Product and producer photos in R2. A photo is accepted by its bytes, not its name or declared type: JPEG, PNG or WebP, up to
 * {@link MAX_PHOTO_BYTES}. It is stored under a key made of its SHA-256, so its URL never changes meaning and is
 * served with immutable caching; the draft records the URL and the alt text in both languages (required), and
 * the photo is public once the product is published (until then nothing links to it).
 */

import { PHOTO_PATH } from "../../platform/http/photos.ts";
import { Problem } from "../../platform/http/problem.ts";

/** Largest photo accepted, in bytes (below the Worker-wide 1 MB body ceiling, with room for the form around it). */
export const MAX_PHOTO_BYTES = 900 * 1024;

const TYPES = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" } as const;
export type PhotoType = keyof typeof TYPES;

/** The image type of a file by its first bytes (magic numbers), or null for anything else. */
export function detectImageType(b: Uint8Array): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((v, i) => b[i] === v)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/**
 * Checks and stores a photo; returns its public URL. 413 above the cap, 415 for anything that is not a JPEG,
 * PNG or WebP by its bytes, 503 when the bucket is not bound.
 */
export async function storePhoto(
  bucket: R2Bucket | undefined,
  owner: string,
  file: File,
  kind: "products" | "producers" = "products",
): Promise<string> {
  if (file.size > MAX_PHOTO_BYTES) {
    throw new Problem(413, {
      type: "content-too-large",
      detail: `The photo is larger than ${Math.round(MAX_PHOTO_BYTES / 1024)} kB; resize it`,
    });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectImageType(bytes);
  if (!type) {
    throw new Problem(415, {
      type: "unsupported-media-type",
      detail: "The file is not a JPEG, PNG or WebP image (judged by its contents, not its name)",
      invalid_params: [{ name: "photo", reason: "must be a JPEG, PNG or WebP image" }],
    });
  }
  if (!bucket) throw new Problem(503, { detail: "Photo storage is not configured (the PHOTOS R2 binding)" });
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hash = Array.from(digest.slice(0, 12), (x) => x.toString(16).padStart(2, "0")).join("");
  const key = `${kind}/${owner}/${hash}.${TYPES[type]}`;
  await bucket.put(key, bytes, {
    httpMetadata: { contentType: type, cacheControl: "public, max-age=31536000, immutable" },
  });
  return `${PHOTO_PATH}${key}`;
}
