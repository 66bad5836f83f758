import { asset } from "../assets.ts";

/**
 * The path of a product's picture: a photo an editor uploaded (/anh/…, served from R2), one of our illustrations
 * (an SVG under /img/products, with a PNG twin) or the placeholder.
 */
export const illustration = (src: string | null) =>
  src && (/^\/img\/products\/[\w-]+\.svg$/.test(src) || /^\/anh\/[a-z0-9/._-]+$/.test(src))
    ? src
    : "/img/products/placeholder.svg";

/**
 * The raster twin of a product's picture, for readers that take no SVG (Open Graph, JSON-LD `image`): an uploaded
 * photo as it is, an illustration's PNG (rendered beside it by `npm run og:images`).
 *
 * @example rasterOf("/img/products/tra.svg") // "/img/products/tra.png"
 */
export const rasterOf = (src: string | null) => illustration(src).replace(/\.svg$/, ".png");

/** Whether a picture is a photo an editor uploaded (not one of our drawings). */
export const isPhoto = (src: string | null) => illustration(src).startsWith("/anh/");

/** A product illustration; width and height are set so the layout does not shift while it loads. */
export function ProductImage(props: {
  src: string | null;
  alt: string;
  eager?: boolean;
  size?: "card" | "hero";
}) {
  const src = illustration(props.src);
  const [w, h] = props.size === "hero" ? [640, 480] : [320, 240];
  return (
    <img
      src={asset(src)}
      alt={props.alt}
      width={w}
      height={h}
      loading={props.eager ? undefined : "lazy"}
      decoding="async"
    />
  );
}
