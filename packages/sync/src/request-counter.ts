import type { DocsClient } from "@terapi/helpscout-docs";
import type { MailboxClient } from "@terapi/helpscout-mailbox";

/** The account's rate budget as the last answer reported it. */
export interface RateBudget {
  /** Requests allowed per window (`X-RateLimit-Limit-Minute`, Docs: `X-RateLimit-Limit`). */
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
}

type Middleware = Parameters<MailboxClient["use"]>[0] & Parameters<DocsClient["use"]>[0];

/** Counts a client's requests (retries not counted) and reads the rate budget from answers. */
export interface RequestCounter {
  /** Requests sent through the client since it was attached. */
  readonly requests: number;
  /** The budget the latest answer reported, if any did. */
  readonly rate: RateBudget | undefined;
  /** Removes the counter from the client. */
  detach(): void;
}

const whole = (value: string | null) =>
  value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;

/** Attaches a {@link RequestCounter} to an API client (as openapi-fetch middleware). */
export function countRequests(client: MailboxClient | DocsClient): RequestCounter {
  let requests = 0;
  let rate: RateBudget | undefined;
  const middleware: Middleware = {
    onRequest() {
      requests += 1;
    },
    onResponse({ response }) {
      const headers = response.headers;
      const limit = whole(
        headers.get("x-ratelimit-limit-minute") ?? headers.get("x-ratelimit-limit"),
      );
      const remaining = whole(
        headers.get("x-ratelimit-remaining-minute") ?? headers.get("x-ratelimit-remaining"),
      );
      if (limit !== undefined && remaining !== undefined) rate = { limit, remaining };
    },
  };
  client.use(middleware);
  return {
    get requests() {
      return requests;
    },
    get rate() {
      return rate;
    },
    detach: () => client.eject(middleware),
  };
}
