import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

/** One msw server for the package's tests; unhandled requests fail the test. */
export const server = setupServer();

/** Help Scout's token endpoint (msw intercepts it). */
export const TOKEN_URL = "https://api.helpscout.net/v2/oauth2/token";

/** Registers the msw lifecycle in the calling test file. */
export function useMswServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}
