import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SeededRandom } from "./seeded-random.js";

/** What the proxy did to the writes that went through it. */
export interface ResponseLossCounts {
  /** Writes forwarded. */
  writes: number;
  /** Writes the upstream applied (2xx) whose connection the proxy then reset. */
  resetAfterApplied: number;
  /** Writes the upstream applied (2xx) that the proxy answered with a 502 HTML page instead. */
  badGatewayAfterApplied: number;
}

/** A running {@link startResponseLossProxy}. */
export interface ResponseLossProxy {
  url: string;
  counts: ResponseLossCounts;
  /** Share (0..1) of applied writes whose answer is lost; change it at any time. */
  lossRatio: number;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "host",
  "content-length",
  "content-encoding",
]);
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A gateway in front of the emulator that loses answers AFTER the emulator applied a write: the
 * one fault the emulator cannot inject itself (its own faults strike before a request is
 * handled). With probability `lossRatio`, an applied write (2xx) gets its connection reset or a
 * `502 Bad Gateway` HTML page instead of its answer — exactly when a client must not send the
 * write again, and must say that its outcome is unknown.
 */
export async function startResponseLossProxy(
  upstream: string,
  random: SeededRandom,
  lossRatio: number,
): Promise<ResponseLossProxy> {
  const counts: ResponseLossCounts = { writes: 0, resetAfterApplied: 0, badGatewayAfterApplied: 0 };
  const proxy: ResponseLossProxy = { url: "", counts, lossRatio, close: async () => {} };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? "GET";
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string" && !HOP_BY_HOP.has(name)) headers.set(name, value);
    }
    const body =
      method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(request));
    let answer: Response;
    try {
      answer = await fetch(`${upstream}${request.url ?? "/"}`, {
        method,
        headers,
        ...(body ? { body } : {}),
        redirect: "manual",
      });
    } catch {
      // The emulator reset the connection (its own fault): pass the reset on.
      request.socket.destroy();
      return;
    }
    const text = Buffer.from(await answer.arrayBuffer());
    if (WRITES.has(method)) counts.writes += 1;
    if (WRITES.has(method) && answer.ok && random.chance(proxy.lossRatio)) {
      if (random.chance(0.5)) {
        counts.resetAfterApplied += 1;
        request.socket.destroy();
        return;
      }
      counts.badGatewayAfterApplied += 1;
      response.writeHead(502, { "content-type": "text/html" });
      response.end("<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>");
      return;
    }
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) out[name] = value;
    });
    response.writeHead(answer.status, out);
    response.end(text);
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
