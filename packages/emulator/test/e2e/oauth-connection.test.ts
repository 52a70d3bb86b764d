import { HELPSCOUT_PROVIDERS, MemoryConnectionStore, Terapi } from "@terapi/connection";
import { createMailboxClient, isHelpScoutError } from "@terapi/helpscout-mailbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/index.js";

let running: RunningEmulator;
let terapi: Terapi;
let store: MemoryConnectionStore;
const key = { providerConfigKey: "helpscout-mailbox", connectionId: "customer-42" };

beforeAll(async () => {
  running = await startEmulator({ seed: 7 });
  const base = HELPSCOUT_PROVIDERS["helpscout-mailbox"];
  if (!base) throw new Error("no provider");
  store = new MemoryConnectionStore();
  terapi = new Terapi({
    store,
    integrations: { "helpscout-mailbox": { clientId: "acme-app", clientSecret: "acme-secret" } },
    providers: {
      "helpscout-mailbox": {
        ...base,
        baseUrl: running.url,
        authorizationUrl: `${running.url}/authentication/authorizeClientApplication`,
        tokenUrl: `${running.url}/v2/oauth2/token`,
      },
    },
  });
});
afterAll(() => running.close());

const admin = (path: string, body: unknown = {}) =>
  fetch(`${running.url}/_emulator${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("OAuth over real HTTP: authorization code, refresh, revocation", () => {
  it("runs the consent flow, stores the connection and calls the API with it", async () => {
    const { url, state } = await terapi.authorizationUrl(key.providerConfigKey, key.connectionId);
    const consent = await fetch(`${url}&auto=approve&redirect_uri=http://127.0.0.1/callback`, {
      redirect: "manual",
    });
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get("location") ?? "");
    expect(callback.searchParams.get("state")).toBe(state);
    await terapi.handleCallback(key.providerConfigKey, {
      code: callback.searchParams.get("code") ?? "",
      state: callback.searchParams.get("state") ?? "",
    });

    const mailbox = createMailboxClient({ connection: { terapi, ...key }, baseUrl: running.url });
    const { data } = await mailbox.GET("/v2/users/me");
    expect(data?.id).toBe(running.emulator.account().ownerUserId);
  });

  it("renews an expired token on the 401 and replays the request, rotating the refresh token", async () => {
    const before = await store.get(key);
    await admin("/tokens/expire");
    const mailbox = createMailboxClient({ connection: { terapi, ...key }, baseUrl: running.url });
    const { data } = await mailbox.GET("/v2/mailboxes");
    expect(data?._embedded?.mailboxes.length).toBeGreaterThan(0);
    const after = await store.get(key);
    expect(after?.credentials).not.toEqual(before?.credentials);
    expect(after?.credentials).toMatchObject({ type: "OAUTH2" });
  });

  it("asks for re-authorisation once Help Scout revokes the grant", async () => {
    await admin("/tokens/revoke");
    const mailbox = createMailboxClient({ connection: { terapi, ...key }, baseUrl: running.url });
    const error = await mailbox.GET("/v2/users/me").catch((e: unknown) => e);
    expect(isHelpScoutError(error) && error.code).toBe("needs_reauthorization");
    expect((await store.get(key))?.needsReauthorization).toBe(true);
  });
});
