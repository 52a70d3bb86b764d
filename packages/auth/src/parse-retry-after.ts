/**
 * How long Help Scout asks us to wait, in milliseconds, or `undefined` when no header says so.
 *
 * Reads, in order: `X-RateLimit-Retry-After` (Mailbox, seconds), `Retry-After` (seconds or an HTTP
 * date), and on a 429 only `X-RateLimit-Reset` (Docs, seconds until the window resets — a delta,
 * not an epoch). Invalid values mean "no hint" rather than zero.
 *
 * @see https://developer.helpscout.com/mailbox-api/overview/rate-limiting/
 * @see https://developer.helpscout.com/docs-api/#rate-limiting
 */
export function parseRetryAfter(
  headers: Headers,
  status?: number,
  now: number = Date.now(),
): number | undefined {
  const mailbox = seconds(headers.get("x-ratelimit-retry-after"));
  if (mailbox !== undefined) return mailbox;
  const standard = headers.get("retry-after");
  if (standard !== null) {
    const delta = seconds(standard);
    if (delta !== undefined) return delta;
    // An HTTP date always names a weekday and month; a bare "-1" must not parse as a year.
    const date = /[a-z]/i.test(standard) ? Date.parse(standard) : Number.NaN;
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (status === 429) return seconds(headers.get("x-ratelimit-reset"));
  return undefined;
}

function seconds(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Math.round(Number(value) * 1000);
}
