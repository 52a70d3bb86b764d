import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Malformation, malformedAnswer } from "./malformed-answers.js";

/** Which answers to break: GETs whose path (without query) matches `path`. */
export interface MalformationRule {
  path: RegExp;
  kind: Malformation;
}

/** A running {@link startMalformingProxy}. */
export interface MalformingProxy {
  url: string;
  /** The rule in force; `undefined` passes everything through. */
  rule: MalformationRule | undefined;
  /** Answers broken so far. */
  broken: number;
  close(): Promise<void>;
}

const DROPPED = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "host",
  "content-length",
  "content-encoding",
]);

/**
 * A tiny HTTP server in front of the emulator that passes requests through, except GETs matching
 * its `rule`, whose real answer it replaces by a malformed one (see {@link malformedAnswer}).
 */
export async function startMalformingProxy(upstream: string): Promise<MalformingProxy> {
  const proxy: MalformingProxy = { url: "", rule: undefined, broken: 0, close: async () => {} };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? "GET";
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string" && !DROPPED.has(name)) headers.set(name, value);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await fetch(`${upstream}${request.url ?? "/"}`, {
      method,
      headers,
      ...(chunks.length ? { body: new Uint8Array(Buffer.concat(chunks)) } : {}),
      redirect: "manual",
    });
    const text = await answer.text();
    const path = new URL(request.url ?? "/", "http://proxy").pathname;
    const rule = proxy.rule;
    if (method === "GET" && answer.status === 200 && rule?.path.test(path)) {
      proxy.broken += 1;
      const broken = malformedAnswer(rule.kind, text, answer.headers.get("content-type") ?? "");
      response.writeHead(broken.status, broken.headers);
      response.end(broken.body);
      return;
    }
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!DROPPED.has(name)) out[name] = value;
    });
    response.writeHead(answer.status, out);
    response.end(text);
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
