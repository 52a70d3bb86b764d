import { isHelpScoutError, type Policy } from "@terapi/helpscout-auth";

/** Which API a request went to. */
export type ApiName = "mailbox" | "docs";

/** What one answer said about the account's rate budget. */
export interface BudgetReading {
  api: ApiName;
  /** HTTP status; 429 when the request was refused for the rate limit. */
  status: number;
  /** `X-RateLimit-Limit-Minute` (Mailbox) or `X-RateLimit-Limit` (Docs), when sent. */
  limit: number | undefined;
  /** `X-RateLimit-Remaining-Minute` (Mailbox) or `X-RateLimit-Remaining` (Docs), when sent. */
  remaining: number | undefined;
}

const HEADERS: Record<ApiName, { limit: string; remaining: string }> = {
  mailbox: { limit: "x-ratelimit-limit-minute", remaining: "x-ratelimit-remaining-minute" },
  docs: { limit: "x-ratelimit-limit", remaining: "x-ratelimit-remaining" },
};

/**
 * A pipeline policy (pass it in a client's `policies`) that reports every answer's rate-limit
 * headers, including 429s, without changing anything. It runs just inside the retry, so each
 * attempt is reported once.
 *
 * @example
 * const mailbox = createMailboxClient({ accessToken, policies: [rateBudgetPolicy("mailbox", show)] });
 */
export function rateBudgetPolicy(api: ApiName, report: (reading: BudgetReading) => void): Policy {
  const names = HEADERS[api];
  const read = (status: number, headers: Headers | undefined) =>
    report({
      api,
      status,
      limit: wholeNumber(headers?.get(names.limit)),
      remaining: wholeNumber(headers?.get(names.remaining)),
    });
  return async (request, next) => {
    try {
      const response = await next(request);
      read(response.status, response.headers);
      return response;
    } catch (error) {
      if (isHelpScoutError(error) && error.status !== undefined) read(error.status, undefined);
      throw error;
    }
  };
}

function wholeNumber(value: string | null | undefined): number | undefined {
  return value != null && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}
