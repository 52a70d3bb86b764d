import type { IncomingMessage } from "node:http";
import { tooLarge } from "./parse-delivery.js";
import { WebhookError } from "./webhook-error.js";

const ALREADY_PARSED =
  "the request body was already read or parsed (e.g. by express.json()), so the raw bytes the signature covers are gone. Mount the webhook route before any body parser, or give it express.raw({ type: 'application/json' }).";

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The raw body of a Fetch `Request`, read chunk by chunk and refused as soon as it passes
 * `maxBodyBytes` (the rest is not read).
 *
 * @throws WebhookError `payload_too_large`, `body_already_parsed` (the body was consumed),
 *   `body_unreadable` (the stream failed).
 */
export async function readFetchBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  if (request.bodyUsed) throw new WebhookError("body_already_parsed", ALREADY_PARSED);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBodyBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBodyBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof WebhookError) throw error;
    throw new WebhookError("body_unreadable", "the request body could not be read.", error);
  }
  return concat(chunks, size);
}

/** An Express-style request: Node's, plus the `body` a body parser may have set. */
export type NodeRequest = IncomingMessage & { body?: unknown };

/**
 * The raw body of a Node request. A `Buffer` left in `req.body` by `express.raw()` is used as is;
 * a body another parser consumed (an object from `express.json()`, a string from
 * `express.text()`) is refused rather than verified after re-serialising, which would not match.
 * Past `maxBodyBytes` the rest of the stream is discarded unread.
 *
 * @throws WebhookError `body_already_parsed`, `payload_too_large`, `body_unreadable`.
 */
export function readNodeBody(req: NodeRequest, maxBodyBytes: number): Promise<Uint8Array> {
  if (req.body instanceof Uint8Array) {
    if (req.body.byteLength > maxBodyBytes) return Promise.reject(tooLarge(maxBodyBytes));
    return Promise.resolve(req.body);
  }
  const parsed = (req as { _body?: unknown })._body === true; // body-parser's "done" mark
  if (req.body !== undefined || parsed || req.readableEnded) {
    return Promise.reject(new WebhookError("body_already_parsed", ALREADY_PARSED));
  }
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const finish = (error?: WebhookError) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (error) {
        req.resume(); // discard the rest while the refusal is answered
        reject(error);
      } else {
        resolve(concat(chunks, size));
      }
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.byteLength;
      if (size > maxBodyBytes) finish(tooLarge(maxBodyBytes));
      else chunks.push(bytes);
    };
    const onEnd = () => finish();
    const onError = (cause: unknown) =>
      finish(new WebhookError("body_unreadable", "the request body could not be read.", cause));
    const onClose = () => {
      if (!req.complete) {
        finish(new WebhookError("body_unreadable", "the request was aborted before its end."));
      }
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
