/** How many times {@link resendingFetch} sends a request at most. */
const ATTEMPTS = 3;

/**
 * `fetch` that sends again when the connection failed before an answer (`fetch failed`, e.g. a
 * kept-alive socket the server had already closed). For requests that are safe to repeat only:
 * the emulator's admin reads and OAuth token requests (a repeated client-credentials grant just
 * issues another token). The pipeline's retry policy covers API calls.
 */
export async function resendingFetch(
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      // A Request body can be read once: clone it for every attempt but the last.
      const request = input instanceof Request && attempt < ATTEMPTS ? input.clone() : input;
      return await fetch(request, init);
    } catch (error) {
      const unanswered = error instanceof TypeError && error.message === "fetch failed";
      if (!unanswered || attempt >= ATTEMPTS || init?.signal?.aborted) throw error;
    }
  }
}
