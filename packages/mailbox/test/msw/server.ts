import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

/** One msw server for the package's tests; unhandled requests fail the test. */
export const server = setupServer();

/** The host the tests' client talks to (the real Mailbox host: msw intercepts it). */
export const API = "https://api.helpscout.net";

/** Registers the msw lifecycle in the calling test file. */
export function useMswServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}
