// Serving the product photos editors upload (src/editor/photos/photos.ts stores them): public, so it is in the public
// Worker, while storing them is editor code, loaded only for editor routes (src/index.ts).
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { Problem } from "./problem.ts";

/** Where photos are served from. */
export const PHOTO_PATH = "/anh/";

/** Serves stored photos: the type they were stored with, immutable caching (their keys are content hashes). */
export const photos = new Hono<AppEnv>();
photos.get(`${PHOTO_PATH}:key{[a-z0-9/._-]+}`, async (c) => {
  const key = c.req.param("key");
  const object = key && !key.includes("..") ? await c.env.PHOTOS?.get(key) : null;
  if (!object) throw new Problem(404, { type: "not-found", detail: "No such photo" });
  const type = object.httpMetadata?.contentType ?? "application/octet-stream";
  return c.body(object.body, 200, {
    "content-type": type,
    "cache-control": "public, max-age=31536000, immutable",
    etag: object.httpEtag,
    "content-security-policy": "default-src 'none'; sandbox",
  });
});
