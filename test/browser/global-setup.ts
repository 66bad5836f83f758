import { type Server, startServer } from "./server.ts";

let server: Server | undefined;

export async function setup() {
  server = await startServer();
}

export async function teardown() {
  await server?.stop();
}
