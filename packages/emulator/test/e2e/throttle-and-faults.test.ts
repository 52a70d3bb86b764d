import {
  MemoryBudgetStore,
  mailboxRequestWeight,
  rateLimitHeaders,
  retryPolicy,
  sleep,
  throttlePolicy,
} from "@terapi/helpscout-auth";
import { createMailboxClient, isHelpScoutError, paginate } from "@terapi/helpscout-mailbox";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/index.js";

let running: RunningEmulator | undefined;
/** Emulated time starts on a minute boundary, as a client's first burst would meet a window. */
const MINUTE_START = Date.UTC(2026, 0, 1);
afterEach(() => running?.close());

async function tokenFor(url: string): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: "acme-app",
    client_secret: "acme-secret",
  });
  const answer = await fetch(`${url}/v2/oauth2/token`, { method: "POST", body: form });
  return ((await answer.json()) as { access_token: string }).access_token;
}

describe("rate limits over real HTTP", () => {
  it("the throttle keeps a burst of 200 reads and 25 writes at zero 429s (clock × 10)", async () => {
    // A minute passes in 6 real seconds: slow enough that no request granted in one window
    // reaches the emulator in the next, even on a loaded machine.
    const speed = 10;
    running = await startEmulator({ seed: 5, clock: { startAt: MINUTE_START, speed } });
    const { emulator, url } = running;
    const now = () => emulator.clock.now();
    const mailbox = createMailboxClient({
      accessToken: await tokenFor(url),
      baseUrl: url,
      // The throttle reads the emulator's clock, so its windows are the emulator's windows.
      throttle: throttlePolicy({
        account: "acme",
        store: new MemoryBudgetStore({ now }),
        limit: { limit: 200, windowMs: 60_000 },
        weigh: mailboxRequestWeight,
        learn: rateLimitHeaders("x-ratelimit-limit-minute", "x-ratelimit-remaining-minute"),
        now,
        sleep: (ms, signal) => sleep(ms / speed, signal),
      }),
    });
    const reads = Array.from({ length: 200 }, () => mailbox.GET("/v2/mailboxes"));
    const writes = Array.from({ length: 25 }, (_, i) =>
      mailbox.PUT("/v2/users/{userId}/status", {
        params: { path: { userId: emulator.account().ownerUserId } },
        body: { status: i % 2 ? "active" : "away" },
      }),
    );
    const answers = await Promise.all([...reads, ...writes]);
    expect(answers.every((a) => a.response.ok)).toBe(true);
    expect(emulator.stats.rateLimited).toBe(0);
  }, 60_000);

  it("without a throttle the same burst meets 429s, which the retry then waits out", async () => {
    // 20 a minute, a minute in half a real second: 100 reads at once overflow the first window.
    running = await startEmulator({
      seed: 5,
      clock: { startAt: MINUTE_START, speed: 120 },
      rateLimits: { mailboxPerMinute: 20 },
    });
    const mailbox = createMailboxClient({
      accessToken: await tokenFor(running.url),
      baseUrl: running.url,
      throttle: false,
      retry: retryPolicy({ maxRetries: 30 }),
    });
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => mailbox.GET("/v2/mailboxes")),
    );
    expect(answers.every((a) => a.response.ok)).toBe(true);
    expect(running.emulator.stats.rateLimited).toBeGreaterThan(0);
  }, 60_000);
});

describe("faults over real HTTP", () => {
  it("reads survive 5xx answers and connection resets through the retry policy", async () => {
    running = await startEmulator({
      seed: 9,
      // 30 pages: with a fault on 40% of requests, a run that meets none has odds of 0.6^30, and
      // one whose page fails 17 times in a row 30 × 0.4^17.
      size: { conversations: 1500 },
      rateLimits: { enabled: false },
    });
    const mailbox = createMailboxClient({
      accessToken: await tokenFor(running.url),
      baseUrl: running.url,
      retry: retryPolicy({ maxRetries: 16, backoff: () => 5 }),
    });
    Object.assign(running.emulator.faults, { serverErrorRatio: 0.25, resetRatio: 0.15 });
    let count = 0;
    for await (const _ of paginate(mailbox, "/v2/conversations", {
      params: { query: { status: "all" } },
    })) {
      count += 1;
    }
    expect(count).toBe(1500);
    const { stats } = running.emulator;
    expect(stats.serverErrors + stats.resets).toBeGreaterThan(0);
  }, 60_000);

  it("a write whose connection is reset is not replayed and says its outcome is unknown", async () => {
    running = await startEmulator({ seed: 9, rateLimits: { enabled: false } });
    const mailbox = createMailboxClient({
      accessToken: await tokenFor(running.url),
      baseUrl: running.url,
    });
    const notesBefore = running.emulator.stats.requests;
    running.emulator.faults.resetRatio = 1;
    const conversationId = [...running.emulator.account().mailbox.conversations.keys()][0] ?? 0;
    const error = await mailbox
      .POST("/v2/conversations/{conversationId}/notes", {
        params: { path: { conversationId } },
        body: { text: "Sent once at most" },
      })
      .catch((e: unknown) => e);
    expect(isHelpScoutError(error) && error.code).toBe("outcome_unknown");
    expect(running.emulator.stats.requests - notesBefore).toBe(1);
  });
});
