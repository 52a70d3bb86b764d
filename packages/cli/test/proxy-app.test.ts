import { createHash } from "node:crypto";
import { retryPolicy } from "@terapi/helpscout-auth";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type ProxyConnectionAccess,
  type ProxyErrorBody,
  type RunningProxyServer,
  type StartProxyServerOptions,
  startProxyServer,
} from "../src/cli.js";
import {
  type CapturingUpstream,
  closedPort,
  rawRequest,
  startCapturingUpstream,
} from "./fixtures/proxy-http.js";

const KEY = "proxy-key-0123456789abcdef";
let emulator: RunningEmulator;
let upstream: CapturingUpstream;
let accessToken: string;
const servers: RunningProxyServer[] = [];

beforeAll(async () => {
  // A minute of emulated time per real second: rate windows pass quickly.
  emulator = await startEmulator({ seed: 5, clock: { speed: 60 } });
  upstream = await startCapturingUpstream();
  const token = await fetch(`${emulator.url}/v2/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: "acme-app",
      client_secret: "acme-secret",
    }),
  });
  accessToken = ((await token.json()) as { access_token: string }).access_token;
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  upstream.seen.length = 0;
  upstream.answer = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  };
});
afterAll(async () => {
  await upstream.close();
  await emulator.close();
});

/** The emulator's acme account, and a capturing upstream as connection "captured". */
function connections(id: string): Promise<ProxyConnectionAccess | undefined> {
  const access: Record<string, ProxyConnectionAccess> = {
    acme: {
      mailbox: { credentials: { accessToken }, baseUrl: emulator.url },
      docs: { credentials: { apiKey: "acme-docs-key" }, baseUrl: emulator.url },
    },
    captured: {
      mailbox: { credentials: { accessToken: "upstream-token-abcdef" }, baseUrl: upstream.url },
    },
    docsOnly: { docs: { credentials: { apiKey: "acme-docs-key" }, baseUrl: emulator.url } },
  };
  return Promise.resolve(access[id]);
}

async function proxyServer(options: Partial<StartProxyServerOptions> = {}) {
  const server = await startProxyServer({
    port: 0,
    key: KEY,
    connections,
    throttle: { clock: emulator.emulator.clock },
    ...options,
  });
  servers.push(server);
  return server;
}

const headers = (connectionId = "acme", key = KEY) => ({
  authorization: `Bearer ${key}`,
  "connection-id": connectionId,
});

async function errorOf(response: Response): Promise<ProxyErrorBody["error"]> {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const text = await response.text();
  for (const secret of [KEY, accessToken, "acme-docs-key", "upstream-token-abcdef"]) {
    expect(text).not.toContain(secret);
  }
  return (JSON.parse(text) as ProxyErrorBody).error;
}

describe("the proxy server", () => {
  it("forwards Mailbox and Docs GETs to the emulator and passes its answer back", async () => {
    const proxy = await proxyServer();
    const me = await fetch(`${proxy.url}/mailbox/v2/users/me`, { headers: headers() });
    expect(me.status).toBe(200);
    const user = (await me.json()) as { email: string };
    expect(user.email).toBe(emulator.emulator.account().mailbox.users.get(1)?.email ?? user.email);
    expect(me.headers.get("x-ratelimit-limit-minute")).toBe("200");
    expect(me.headers.get("x-ratelimit-remaining-minute")).toMatch(/^\d+$/);

    const sites = await fetch(`${proxy.url}/docs/v1/sites?page=1`, { headers: headers() });
    expect(sites.status).toBe(200);
    const body = (await sites.json()) as { sites: { items: { id: string }[] } };
    expect(body.sites.items.map((s) => s.id)).toEqual([
      ...emulator.emulator.account().docs.sites.keys(),
    ]);
    expect(sites.headers.get("x-ratelimit-limit")).toBe("2000");
  });

  it("forwards a POST body and passes back the created resource's headers", async () => {
    const proxy = await proxyServer();
    const before = emulator.emulator.account().mailbox.customers.size;
    const created = await fetch(`${proxy.url}/mailbox/v2/customers`, {
      method: "POST",
      headers: { ...headers(), "content-type": "application/json" },
      body: JSON.stringify({ firstName: "Ada", lastName: "Lovelace" }),
    });
    expect(created.status).toBe(201);
    const id = Number(created.headers.get("resource-id"));
    expect(emulator.emulator.account().mailbox.customers.size).toBe(before + 1);
    expect(emulator.emulator.account().mailbox.customers.get(id)).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
    });
  });

  it("passes Help Scout's error answers through: status, headers and body", async () => {
    const proxy = await proxyServer();
    upstream.answer = (_req, res) => {
      res.writeHead(422, {
        "content-type": "application/vnd.error+json",
        "x-ratelimit-remaining-minute": "17",
        "correlation-id": "corr-1",
      });
      res.end('{"message":"Validation error","logRef":"ref-9"}');
    };
    const answer = await fetch(`${proxy.url}/mailbox/v2/customers`, {
      method: "POST",
      headers: { ...headers("captured"), "content-type": "application/json" },
      body: "{}",
    });
    expect(answer.status).toBe(422);
    expect(answer.headers.get("x-ratelimit-remaining-minute")).toBe("17");
    expect(answer.headers.get("correlation-id")).toBe("corr-1");
    expect(await answer.json()).toEqual({ message: "Validation error", logRef: "ref-9" });
  });

  it("never forwards hop-by-hop headers, nor the caller's Authorization or Connection-Id", async () => {
    const proxy = await proxyServer();
    upstream.answer = (_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "keep-alive": "timeout=77, max=3",
        "x-upstream": "yes",
        connection: "x-upstream-private",
        "x-upstream-private": "1",
      });
      res.end("{}");
    };
    const answer = await rawRequest(`${proxy.url}/mailbox/v2/tags?page=2`, {
      headers: {
        ...headers("captured"),
        connection: "keep-alive, x-hop",
        "keep-alive": "timeout=5",
        "x-hop": "named in Connection",
        "proxy-authorization": "Basic cHJveHk6cGFzcw==",
        te: "trailers",
        upgrade: "websocket",
        "x-trace-id": "trace-1",
        "accept-encoding": "zstd",
      },
    });
    expect(answer.status).toBe(200);
    const sent = upstream.seen[0];
    expect(sent?.url).toBe("/v2/tags?page=2");
    const names = sent?.headers.map(([name]) => name) ?? [];
    for (const name of [
      "keep-alive",
      "x-hop",
      "proxy-authorization",
      "te",
      "upgrade",
      "connection-id",
    ]) {
      expect(names).not.toContain(name);
    }
    expect(sent?.headers.filter(([name]) => name === "authorization")).toEqual([
      ["authorization", "Bearer upstream-token-abcdef"],
    ]);
    expect(sent?.headers).toContainEqual(["x-trace-id", "trace-1"]);
    expect(sent?.headers).not.toContainEqual(["accept-encoding", "zstd"]);
    expect(JSON.stringify(sent?.headers)).not.toContain(KEY);
    expect(answer.headers["x-upstream"]).toBe("yes");
    expect(answer.headers["x-upstream-private"]).toBeUndefined();
    // The proxy's own server may keep the connection alive, but on its own terms.
    expect(answer.headers["keep-alive"]).not.toBe("timeout=77, max=3");
  });

  it("streams the response: the first bytes arrive before Help Scout has finished", async () => {
    const proxy = await proxyServer();
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    upstream.answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write("first chunk;");
      void finished.then(() => res.end("last chunk"));
    };
    const answer = await fetch(`${proxy.url}/mailbox/v2/attachments/1/data`, {
      headers: headers("captured"),
    });
    const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("first chunk;");
    finish();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value);
    }
    expect(rest).toBe("last chunk");
  });

  it("streams an upload through, byte for byte", async () => {
    const proxy = await proxyServer();
    const chunks = Array.from({ length: 64 }, (_, i) => Buffer.alloc(16 * 1024, i));
    const answer = await rawRequest(
      `${proxy.url}/mailbox/v2/conversations/1/threads/2/attachments`,
      {
        method: "POST",
        // As curl sends a large upload.
        headers: {
          ...headers("captured"),
          "content-type": "application/octet-stream",
          expect: "100-continue",
        },
        body: chunks,
      },
    );
    expect(answer.status).toBe(200);
    const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
    expect(upstream.seen[0]?.body.length).toBe(64 * 16 * 1024);
    expect(sha(upstream.seen[0]?.body ?? Buffer.alloc(0))).toBe(sha(Buffer.concat(chunks)));
  });

  it("refuses a missing or wrong key with 401, before looking at anything else", async () => {
    const proxy = await proxyServer();
    const none = await fetch(`${proxy.url}/mailbox/v2/users/me`, {
      headers: { "connection-id": "acme" },
    });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="helpscout-proxy"');
    expect((await errorOf(none)).code).toBe("unauthorized");
    const wrong = await fetch(`${proxy.url}/nowhere`, { headers: headers("acme", `${KEY}x`) });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).code).toBe("unauthorized");
    expect(emulator.emulator.stats.requests).toBeGreaterThan(0);
  });

  it("answers the proxy's own refusals as JSON errors with clear statuses", async () => {
    const proxy = await proxyServer();
    const cases: [string, Record<string, string>, number, string][] = [
      ["/mailbox/v2/users/me", { authorization: `Bearer ${KEY}` }, 400, "missing_connection_id"],
      ["/mailbox/v2/users/me", headers("nobody"), 404, "connection_not_found"],
      ["/mailbox/v2/users/me", headers("docsOnly"), 404, "connection_not_found"],
      ["/mailbox/v1/sites", headers(), 400, "invalid_request"],
      ["/mailbox/v2/a%2F..%2F..%2Fsecrets", headers(), 400, "invalid_request"],
      ["/elsewhere/v2/users", headers(), 404, "route_not_found"],
    ];
    for (const [path, sent, status, code] of cases) {
      const answer = await fetch(`${proxy.url}${path}`, { headers: sent });
      expect([path, answer.status]).toEqual([path, status]);
      expect((await errorOf(answer)).code).toBe(code);
    }
  });

  it("answers 502 when Help Scout cannot be reached and 504 when it does not answer in time", async () => {
    const port = await closedPort();
    const proxy = await proxyServer({
      retry: retryPolicy({ backoff: () => 5 }),
      timeoutMs: 300,
      connections: async (id) =>
        id === "down"
          ? {
              mailbox: {
                credentials: { accessToken: "down-token-abcdef" },
                baseUrl: `http://127.0.0.1:${port}`,
              },
            }
          : connections(id),
    });
    const down = await fetch(`${proxy.url}/mailbox/v2/users/me`, { headers: headers("down") });
    expect(down.status).toBe(502);
    expect((await errorOf(down)).code).toBe("upstream_unreachable");

    upstream.answer = () => {}; // never answers
    const slow = await fetch(`${proxy.url}/mailbox/v2/users/me`, { headers: headers("captured") });
    expect(slow.status).toBe(504);
    expect((await errorOf(slow)).code).toBe("upstream_timeout");
  });

  it("answers only requests addressed to its own loopback address", async () => {
    const proxy = await proxyServer();
    const rebound = await rawRequest(`${proxy.url}/mailbox/v2/users/me`, {
      headers: { ...headers(), host: `evil.example:${proxy.port}` },
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error.code).toBe("host_not_allowed");
    const local = await rawRequest(`${proxy.url}/mailbox/v2/users/me`, {
      headers: { ...headers(), host: `localhost:${proxy.port}` },
    });
    expect(local.status).toBe(200);
  });

  it("closes gracefully: a request in flight finishes, new ones are refused", async () => {
    const proxy = await startProxyServer({ port: 0, key: KEY, connections });
    upstream.answer = (_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"slow":true}');
      }, 200);
    };
    const inFlight = fetch(`${proxy.url}/mailbox/v2/users/me`, { headers: headers("captured") });
    while (upstream.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const closed = proxy.close();
    const answer = await inFlight;
    expect([answer.status, await answer.json()]).toEqual([200, { slow: true }]);
    await closed;
    await expect(
      fetch(`${proxy.url}/mailbox/v2/users/me`, { headers: headers() }),
    ).rejects.toThrow();
  });

  it("shares one rate budget among concurrent callers: no 429 reaches Help Scout or a caller", async () => {
    await fetch(`${emulator.url}/_emulator/rate-limits`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mailboxPerMinute: 5 }),
    });
    try {
      const proxy = await proxyServer();
      // The first answer teaches the proxy the account's real limit (5 a minute).
      expect((await fetch(`${proxy.url}/mailbox/v2/tags`, { headers: headers() })).status).toBe(
        200,
      );
      const limitedBefore = emulator.emulator.stats.rateLimited;
      const callerA = Array.from({ length: 6 }, () =>
        fetch(`${proxy.url}/mailbox/v2/tags`, { headers: headers() }).then((r) => r.status),
      );
      const callerB = Array.from({ length: 6 }, () =>
        rawRequest(`${proxy.url}/mailbox/v2/users/me`, { headers: headers() }).then(
          (r) => r.status,
        ),
      );
      const statuses = await Promise.all([...callerA, ...callerB]);
      expect(statuses).toEqual(Array(12).fill(200));
      expect(emulator.emulator.stats.rateLimited - limitedBefore).toBe(0);
    } finally {
      await fetch(`${emulator.url}/_emulator/rate-limits`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ mailboxPerMinute: 200 }),
      });
    }
  });
});

describe("routes mounted on the proxy", () => {
  it("serve a prefix behind the same key, with typed clients of the caller's connection", async () => {
    const calls: string[] = [];
    const proxy = await proxyServer({
      routes: {
        "/actions/": async (request, context) => {
          calls.push(`${request.method} ${new URL(request.url).pathname} ${context.connectionId}`);
          const { data: me } = await (await context.mailbox()).GET("/v2/users/me");
          const { data: sites } = await (await context.docs()).GET("/v1/sites");
          const input = (await request.json()) as { note: string };
          return Response.json({
            email: me?.email,
            sites: sites?.sites.items.length,
            note: input.note,
          });
        },
      },
    });
    const denied = await fetch(`${proxy.url}/actions/whoami`, { method: "POST", body: "{}" });
    expect(denied.status).toBe(401);
    expect(calls).toEqual([]);

    const answer = await fetch(`${proxy.url}/actions/whoami`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify({ note: "hi" }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      email: expect.stringContaining("@"),
      sites: emulator.emulator.account().docs.sites.size,
      note: "hi",
    });
    expect(calls).toEqual(["POST /actions/whoami acme"]);
  });

  it("turn a route's failures into the proxy's JSON errors", async () => {
    const unexpected: unknown[] = [];
    const proxy = await proxyServer({
      onError: (error) => unexpected.push(error),
      routes: {
        "/actions": async (request, context) => {
          if (request.url.endsWith("/mailbox")) await context.mailbox();
          if (request.url.endsWith("/missing")) {
            await (await context.docs()).GET("/v1/articles/{articleId}", {
              params: { path: { articleId: "nope" } },
            });
          }
          throw new Error(`internal detail ${KEY}`);
        },
      },
    });
    const noMailbox = await fetch(`${proxy.url}/actions/mailbox`, { headers: headers("docsOnly") });
    expect([noMailbox.status, (await errorOf(noMailbox)).code]).toEqual([
      404,
      "connection_not_found",
    ]);
    const missing = await fetch(`${proxy.url}/actions/missing`, { headers: headers() });
    expect([missing.status, (await errorOf(missing)).code]).toEqual([404, "not_found"]);
    const broken = await fetch(`${proxy.url}/actions/broken`, { headers: headers() });
    const error = await errorOf(broken);
    expect([broken.status, error.code]).toEqual([500, "internal_error"]);
    expect(error.message).not.toContain("internal detail");
    expect(unexpected).toHaveLength(1);
  });

  it("refuses a prefix that is not a path of its own", async () => {
    const route = async () => new Response(null);
    for (const prefix of ["actions/", "/mailbox/", "/docs", "/a b/"]) {
      await expect(proxyServer({ routes: { [prefix]: route } })).rejects.toThrow(/route prefix/);
    }
  });
});
