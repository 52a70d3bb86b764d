import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { createMailboxClient, unwrap } from "@terapi/helpscout-mailbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProxyServer } from "../src/cli.js";
import { actionsProxyRoute } from "../src/commands/action-proxy-route.js";
import { type CliRun, runCli, tempDataDir } from "./fixtures/run-cli.js";

let running: RunningEmulator;
let accessToken: string;
beforeAll(async () => {
  running = await startEmulator({ seed: 9, size: { conversations: 20, customers: 10 } });
  const answer = await fetch(`${running.url}/v2/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: "acme-app",
      client_secret: "acme-secret",
    }),
  });
  accessToken = ((await answer.json()) as { access_token: string }).access_token;
});
afterAll(() => running.close());

/** Runs `helpscout proxy --port 0` on the emulator until `use` is done with its URL. */
async function withProxy(use: (url: string) => Promise<void>): Promise<CliRun> {
  const data = tempDataDir();
  const controller = new AbortController();
  let found: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => {
    found = resolve;
  });
  let printed = "";
  const run = runCli(
    ["proxy", "--port", "0", "--data-dir", data.dir],
    { HELPSCOUT_EMULATOR_URL: running.url },
    {
      signal: controller.signal,
      onStdout: (text) => {
        printed += text;
        const url = /listening on (http:\/\/\S+)/.exec(printed)?.[1];
        if (url) found(url);
      },
    },
  );
  const first = await Promise.race([listening, run]);
  try {
    if (typeof first === "string") await use(first);
  } finally {
    controller.abort();
  }
  const result = await run;
  data.remove();
  return result;
}

const post = (url: string, body: unknown, connectionId = "acme") =>
  fetch(url, {
    method: "POST",
    headers: { "connection-id": connectionId, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("POST /actions/<name> on helpscout proxy", () => {
  it("runs actions with the caller's connection; lists them; refuses bad input", async () => {
    const conversation = [...running.emulator.account().mailbox.conversations.values()].find(
      (c) => c.state === "published",
    )!;
    const run = await withProxy(async (url) => {
      const ran = await post(`${url}/actions/set-conversation-tags`, {
        conversationId: conversation.id,
        tags: ["via-proxy"],
      });
      expect(ran.status).toBe(200);
      expect(await ran.json()).toEqual({
        output: { conversationId: conversation.id, tags: ["via-proxy"] },
      });
      const mailbox = createMailboxClient({ accessToken, baseUrl: running.url, throttle: false });
      const stored = await unwrap(
        mailbox.GET("/v2/conversations/{conversationId}", {
          params: { path: { conversationId: conversation.id } },
        }),
      );
      expect(stored.tags?.map((t) => t.tag)).toEqual(["via-proxy"]);

      const list = await fetch(`${url}/actions`, { headers: { "connection-id": "acme" } });
      expect(list.status).toBe(200);
      const { actions } = (await list.json()) as { actions: { name: string }[] };
      expect(actions.map((a) => a.name)).toContain("create-conversation");

      const invalid = await post(`${url}/actions/add-note`, { conversationId: conversation.id });
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({
        error: { code: "invalid_input", fieldErrors: [{ path: "/text", message: "is required" }] },
      });
      const unknown = await post(`${url}/actions/nope`, {});
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: "unknown_action" } });
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/POST \/actions\/set-conversation-tags acme → 200/);
  });

  it("sits behind the proxy key, and an unknown connection is refused", async () => {
    const key = "actions-proxy-key-0123456789";
    const server = await startProxyServer({
      port: 0,
      key,
      connections: async (id) =>
        id === "acme"
          ? { mailbox: { credentials: { accessToken }, baseUrl: running.url } }
          : undefined,
      routes: { "/actions/": actionsProxyRoute() },
    });
    try {
      const input = { email: "proxy.person@example.com" };
      const noKey = await post(`${server.url}/actions/find-customer`, input);
      expect(noKey.status).toBe(401);
      const withKey = (connectionId: string) =>
        fetch(`${server.url}/actions/find-customer`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "connection-id": connectionId },
          body: JSON.stringify(input),
        });
      const found = await withKey("acme");
      expect(found.status).toBe(200);
      expect(await found.json()).toEqual({ output: { found: false } });
      expect((await withKey("stranger")).status).toBeGreaterThanOrEqual(400);
      const docsAction = await fetch(`${server.url}/actions/publish-article`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "connection-id": "acme" },
        body: JSON.stringify({ articleId: "0123456789abcdef01234567" }),
      });
      expect(docsAction.status).toBe(404);
      const text = await docsAction.text();
      expect(text).toContain("connection_not_found");
      expect(text).not.toContain(accessToken);
    } finally {
      await server.close();
    }
  });
});
