import { Agent, request } from "node:http";

/** A request as sent on the wire: repeated headers and chunked bodies included. */
export interface RawRequest {
  method: string;
  /** Header lines in order; a name may repeat. */
  headers: Array<[string, string]>;
  body: Uint8Array;
  /** Send the body chunked (no Content-Length), in pieces of at most 16 KiB. */
  chunked?: boolean;
  /**
   * Send on a connection of its own, closed afterwards: for requests a server may answer before
   * reading their body, after which it may drop the connection (no other request may be on it).
   */
  ownConnection?: boolean;
}

/** What came back: status and body text, or the transport error. */
export type RawAnswer = { status: number; body: string } | { status: 0; error: string };

/** Keep-alive connections shared by the fuzzer's requests. */
export const fuzzAgent = new Agent({ keepAlive: true, maxSockets: 64 });
/** One connection per request. */
const closingAgent = new Agent({ keepAlive: false });

/**
 * Sends `raw` to `url` with `node:http`, exactly as described: headers in order (repeats kept),
 * the body in one piece with its length, or chunked.
 */
export function sendRaw(url: string, raw: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve) => {
    // With headers given as a list, node:http adds no Host header of its own.
    const headers: string[] = ["host", new URL(url).host];
    for (const [name, value] of raw.headers) headers.push(name, value);
    if (!raw.chunked) headers.push("content-length", String(raw.body.length));
    const agent = raw.ownConnection ? closingAgent : fuzzAgent;
    const req = request(url, { method: raw.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      res.on("error", (error) => resolve({ status: 0, error: error.message }));
    });
    req.on("error", (error) => resolve({ status: 0, error: error.message }));
    if (raw.chunked) {
      for (let at = 0; at < raw.body.length; at += 16_384)
        req.write(raw.body.subarray(at, at + 16_384));
      req.end();
    } else {
      req.end(raw.body);
    }
  });
}
