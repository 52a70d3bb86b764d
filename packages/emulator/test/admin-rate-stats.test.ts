import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../src/index.js";

const BASE = "http://emulator.test";

interface RateStats {
  limits: { mailboxPerMinute: number; docsPerTenMinutes: number };
  accounts: Array<{
    id: string;
    mailbox: { peak: number; rateLimited: number };
    docs: { peak: number; rateLimited: number };
  }>;
}

async function clientCredentialsToken(emulator: Emulator, account: string): Promise<string> {
  const res = await emulator.fetch(
    new Request(`${BASE}/v2/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: `${account}-app`,
        client_secret: `${account}-secret`,
      }),
    }),
  );
  return ((await res.json()) as { access_token: string }).access_token;
}

async function statuses(emulator: Emulator, request: () => Request, n: number) {
  const seen: number[] = [];
  for (let i = 0; i < n; i += 1) seen.push((await emulator.fetch(request())).status);
  return seen;
}

async function rateStats(emulator: Emulator): Promise<RateStats> {
  const res = await emulator.fetch(new Request(`${BASE}/_emulator/stats/accounts`));
  expect(res.status).toBe(200);
  return (await res.json()) as RateStats;
}

describe("GET /_emulator/stats/accounts", () => {
  it("reports per account and API the most units asked in one window, refusals included, and the 429s", async () => {
    const emulator = createEmulator({
      accounts: ["north", "south"],
      size: { conversations: 3, customers: 3, articles: 2 },
      clock: { startAt: Date.UTC(2025, 0, 1), speed: 0 },
      rateLimits: { mailboxPerMinute: 3, docsPerTenMinutes: 2 },
    });
    const token = await clientCredentialsToken(emulator, "north");
    const mailbox = () =>
      new Request(`${BASE}/v2/users/me`, { headers: { authorization: `Bearer ${token}` } });
    const docs = () =>
      new Request(`${BASE}/v1/sites`, {
        headers: { authorization: `Basic ${btoa("north-docs-key:X")}` },
      });

    expect(await statuses(emulator, mailbox, 5)).toEqual([200, 200, 200, 429, 429]);
    expect(await statuses(emulator, docs, 2)).toEqual([200, 200]);
    // A later window asks for less: the peak stays the busiest window's.
    emulator.clock.advance(60_000);
    expect(await statuses(emulator, mailbox, 1)).toEqual([200]);

    expect(await rateStats(emulator)).toEqual({
      limits: { mailboxPerMinute: 3, docsPerTenMinutes: 2 },
      accounts: [
        { id: "north", mailbox: { peak: 5, rateLimited: 2 }, docs: { peak: 2, rateLimited: 0 } },
        { id: "south", mailbox: { peak: 0, rateLimited: 0 }, docs: { peak: 0, rateLimited: 0 } },
      ],
    });
    expect(emulator.stats.rateLimited).toBe(2);
  });

  it("counts a write as 2 units", async () => {
    const emulator = createEmulator({
      size: { conversations: 2, customers: 2 },
      clock: { startAt: Date.UTC(2025, 0, 1), speed: 0 },
      rateLimits: { mailboxPerMinute: 10 },
    });
    const token = await clientCredentialsToken(emulator, "acme");
    let n = 0;
    const write = () => {
      n += 1;
      return new Request(`${BASE}/v2/customers`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          firstName: "Ada",
          emails: [{ type: "work", value: `ada${n}@example.com` }],
        }),
      });
    };
    expect(await statuses(emulator, write, 3)).toEqual([201, 201, 201]);
    const [acme] = (await rateStats(emulator)).accounts;
    expect(acme?.mailbox).toEqual({ peak: 6, rateLimited: 0 });
  });
});
