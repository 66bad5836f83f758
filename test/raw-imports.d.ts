// Vite's `?raw` imports (file contents as a string), used for SQL fixtures, the seed and wrangler.toml.
declare module "*.sql?raw" {
  const text: string;
  export default text;
}
declare module "*.toml?raw" {
  const text: string;
  export default text;
}
declare module "*.csv?raw" {
  const text: string;
  export default text;
}
