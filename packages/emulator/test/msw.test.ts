import { createDocsClient, isHelpScoutError as isDocsError } from "@terapi/helpscout-docs";
import { createdId, createMailboxClient, isHelpScoutError } from "@terapi/helpscout-mailbox";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEmulator, type Emulator, signWebhookBody } from "../src/index.js";
import { emulatorHandlers } from "../src/msw.js";
import { startReceiver } from "./webhook-receiver.js";

let emulator: Emulator;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "bypass" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function use(options: Parameters<typeof createEmulator>[0] = {}): Emulator {
  emulator = createEmulator(options);
  server.use(...emulatorHandlers(emulator));
  return emulator;
}

async function accessToken(): Promise<string> {
  const res = await fetch("https://api.helpscout.net/v2/oauth2/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: "acme-app",
      client_secret: "acme-secret",
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("emulatorHandlers (msw)", () => {
  it("serves the token endpoint and the consent step on Help Scout's hosts", async () => {
    use();
    const token = await accessToken();
    expect(emulator.tokens.access.has(token)).toBe(true);
    const consent = await fetch(
      "https://secure.helpscout.net/authentication/authorizeClientApplication?client_id=acme-app&state=s&auto=approve",
      { redirect: "manual" },
    );
    expect(consent.status).toBe(302);
    expect(new URL(consent.headers.get("location") ?? "").searchParams.get("state")).toBe("s");
  });

  it("runs the real Mailbox client against the emulator, webhooks included", async () => {
    use({ rateLimits: { enabled: false } });
    const mailbox = createMailboxClient({ accessToken: await accessToken(), throttle: false });
    const receiver = await startReceiver();
    try {
      const created = await mailbox.POST("/v2/webhooks", {
        body: { url: `${receiver.url}/hook`, events: ["customer.created"], secret: "hush" },
      });
      expect(created.response.status).toBe(201);
      const me = await mailbox.GET("/v2/users/me");
      expect(me.data?.id).toBe(emulator.account().ownerUserId);
      const id = createdId(created);
      const { data } = await mailbox.GET("/v2/webhooks/{webhookId}", {
        params: { path: { webhookId: id } },
      });
      expect(data).toMatchObject({ id, url: `${receiver.url}/hook`, state: "enabled" });
      emulator.emit(emulator.account(), "customer.created", { id: 5, firstName: "Ada" });
      await emulator.settle();
      const [delivery] = receiver.received;
      expect(delivery?.headers["x-helpscout-signature"]).toBe(
        signWebhookBody("hush", delivery!.rawBody),
      );
    } finally {
      await receiver.close();
    }
  });

  it("surfaces the emulator's 401s as HelpScoutErrors in both clients", async () => {
    use();
    const mailbox = createMailboxClient({ accessToken: "made-up", throttle: false, retry: false });
    const error = await mailbox.GET("/v2/webhooks").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isHelpScoutError(error) && error.status).toBe(401);
    const docs = createDocsClient({ apiKey: "wrong-key", throttle: false, retry: false });
    const docsError = await docs.GET("/v1/sites").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDocsError(docsError) && docsError.status).toBe(401);
  });

  it("runs the real Docs client against the emulator with the account's API key", async () => {
    use();
    const docs = createDocsClient({ apiKey: "acme-docs-key", throttle: false });
    const { data } = await docs.GET("/v1/sites");
    const [site] = data?.sites.items ?? [];
    expect(site).toMatchObject({ id: [...emulator.account().docs.sites.keys()][0] });
    const collections = await docs.GET("/v1/collections", {
      params: { query: { siteId: site?.id } },
    });
    expect(collections.data?.collections.count).toBeGreaterThan(0);
  });

  it("lets the client's retry ride out forced 429s under a compressed clock", async () => {
    use({ clock: { speed: 60_000 } });
    emulator.faults.force429 = 2;
    const mailbox = createMailboxClient({ accessToken: await accessToken(), throttle: false });
    const { response } = await mailbox.GET("/v2/webhooks");
    expect(response.status).toBe(200);
    expect(emulator.stats.rateLimited).toBe(2);
  });

  it("turns a connection reset into a network error", async () => {
    use({ faults: { resetRatio: 1 } });
    await expect(fetch("https://api.helpscout.net/v2/webhooks")).rejects.toThrow(TypeError);
    const mailbox = createMailboxClient({ accessToken: "t", throttle: false, retry: false });
    const error = await mailbox.GET("/v2/webhooks").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isHelpScoutError(error) && error.code).toBe("network_error");
  });
});
