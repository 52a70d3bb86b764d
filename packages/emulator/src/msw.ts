import { type HttpHandler, http } from "msw";
import type { Emulator } from "./emulator.js";

/** Help Scout's hosts: the Mailbox API, the Docs API and the OAuth consent pages. */
export const HELPSCOUT_BASE_URLS = [
  "https://api.helpscout.net",
  "https://docsapi.helpscout.net",
  "https://secure.helpscout.net",
] as const;

/** Options of {@link emulatorHandlers}. */
export interface EmulatorHandlersOptions {
  /** Hosts whose requests the emulator answers; Help Scout's three by default. */
  baseUrls?: readonly string[];
}

/**
 * msw request handlers that answer every request to Help Scout's hosts from an in-process
 * emulator, so the real clients run unchanged in unit tests:
 *
 * @example
 * const emulator = createEmulator({ seed: 1 });
 * const server = setupServer(...emulatorHandlers(emulator));
 * server.listen({ onUnhandledRequest: "error" });
 * const docs = createDocsClient({ apiKey: "acme-docs-key" });
 *
 * The request keeps its URL (so HAL links and `Location` headers name the real hosts and go
 * through msw again); connection-reset faults become network errors (`fetch` rejects).
 */
export function emulatorHandlers(
  emulator: Emulator,
  options: EmulatorHandlersOptions = {},
): HttpHandler[] {
  const baseUrls = options.baseUrls ?? HELPSCOUT_BASE_URLS;
  return baseUrls.map((base) =>
    http.all(`${base.replace(/\/+$/, "")}/*`, ({ request }) => emulator.fetch(forward(request))),
  );
}

/** A fresh request with the same URL, method, headers and body, detached from msw's copy. */
function forward(request: Request): Request {
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    ...(hasBody ? { body: request.body, duplex: "half" } : {}),
    redirect: "manual",
    signal: request.signal,
  } as RequestInit);
}
