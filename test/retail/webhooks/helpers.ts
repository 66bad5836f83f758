import { inject } from "vitest";
import type { Received } from "../../../scripts/lib/webhook-receiver.ts";

/** The tests' real receiver (scripts/lib/webhook-receiver.ts), on loopback. */
export const receiverUrl = (mode: string, box: string) =>
  `http://127.0.0.1:${inject("receiverPort")}/${mode}/${box}`;

/** What the receiver got in a box. */
export async function received(box: string): Promise<Received[]> {
  const res = await fetch(`http://127.0.0.1:${inject("receiverPort")}/received/${box}`);
  return (await res.json()) as Received[];
}

/** Waits until `check` holds for the box's requests (the queue delivers asynchronously). */
export async function waitFor(
  box: string,
  check: (r: Received[]) => boolean,
  timeoutMs = 20_000,
): Promise<Received[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await received(box);
    if (check(r)) return r;
    if (Date.now() > until)
      throw new Error(
        `receiver box ${box}: condition not met; got ${r.length}: ${JSON.stringify(r.map((x) => x.body.slice(0, 120)))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
