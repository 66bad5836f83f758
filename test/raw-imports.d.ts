// Vite's `?raw` imports (file contents as a string), used for SQL fixtures, the seed, wrangler.toml and drizzle.config.ts.
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
declare module "*.ts?raw" {
  const text: string;
  export default text;
}
