// Vitest global setup (runs in Node): the real webhook receiver the workerd tests deliver to.
import type { TestProject } from "vitest/node";
import { startReceiver } from "../../../scripts/lib/webhook-receiver.ts";

declare module "vitest" {
  export interface ProvidedContext {
    receiverPort: number;
  }
}

export default async function setup(project: TestProject) {
  const receiver = await startReceiver();
  project.provide("receiverPort", receiver.port);
  return receiver.stop;
}
