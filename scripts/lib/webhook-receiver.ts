// A real webhook receiver for tests and measurements: a Node HTTP server on a free loopback port that records what it gets.
// The Worker under test (workerd, `wrangler dev`) POSTs to it over real HTTP; tests read back what arrived.
// Behaviour by path: /ok/<box> answers 204; /fail-first/<box> answers 500 to the first attempt of each
// webhook-id, then 204; /fail/<box> always 500; /redirect/<box> 302; /slow/<box> answers after 5 s;
// /big/<box> streams 8 MiB. GET /received/<box> lists what arrived there (DELETE clears it).
import http from "node:http";

/** One request the receiver got. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  at: number;
}

/** Starts the receiver on a free port of 127.0.0.1; resolves to its port and a stop function. */
export async function startReceiver(port = 0): Promise<{ port: number; stop: () => Promise<void> }> {
  const boxes = new Map<string, Received[]>();
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const [, mode = "", box = ""] = url.pathname.split("/");
      if (mode === "received") {
        if (req.method === "DELETE") boxes.delete(box);
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(req.method === "DELETE" ? [] : (boxes.get(box) ?? [])));
        return;
      }
      const id = String(req.headers["webhook-id"] ?? "");
      let status = 204;
      if (mode === "fail") status = 500;
      if (mode === "fail-first" && !seen.has(id)) status = 500;
      if (mode === "redirect") status = 302;
      seen.add(id);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = String(v);
      const list = boxes.get(box) ?? [];
      list.push({
        path: url.pathname,
        headers,
        body: Buffer.concat(chunks).toString("utf8"),
        status,
        at: Date.now(),
      });
      boxes.set(box, list);
      if (mode === "slow") {
        setTimeout(() => res.writeHead(204).end(), 5000);
        return;
      }
      if (mode === "big") {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        const block = Buffer.alloc(64 * 1024, 120);
        let sent = 0;
        const push = () => {
          while (sent < 128) {
            sent++;
            if (!res.write(block)) return res.once("drain", push);
          }
          res.end();
        };
        push();
        return;
      }
      if (status === 302) res.setHeader("location", `http://127.0.0.1:${port}/ok/${box}-redirected`);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  const address = server.address();
  port = typeof address === "object" && address ? address.port : port;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
