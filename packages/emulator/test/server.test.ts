import { afterEach, describe, expect, it } from "vitest";
import {
  createEmulator,
  isLoopbackHost,
  type RunningEmulator,
  startEmulator,
} from "../src/index.js";

let running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  const server = await startEmulator(options);
  running.push(server);
  return server;
}

async function clientCredentials(url: string): Promise<string> {
  const res = await fetch(`${url}/v2/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=acme-app&client_secret=acme-secret",
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("startEmulator", () => {
  it("listens on a free loopback port and serves OAuth, the APIs and the admin API", async () => {
    const { url, port, emulator } = await start({ seed: 3 });
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(port).toBeGreaterThan(0);
    const token = await clientCredentials(url);
    expect(emulator.tokens.access.has(token)).toBe(true);
    const api = await fetch(`${url}/v2/users/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(200);
    await api.body?.cancel();
    const unauthenticated = await fetch(`${url}/v1/sites`);
    expect(unauthenticated.status).toBe(401);
    await unauthenticated.body?.cancel();
    const stats = await fetch(`${url}/_emulator/stats`);
    expect(await stats.json()).toMatchObject({ requests: 2 });
  });

  it("stops listening on close", async () => {
    const server = await startEmulator();
    const res = await fetch(`${server.url}/_emulator/stats`);
    await res.body?.cancel();
    await server.close();
    await server.close();
    await expect(fetch(`${server.url}/_emulator/stats`)).rejects.toThrow();
  });

  it("resets the connection at resetRatio 1, so fetch rejects, and recovers when turned off", async () => {
    const { url, emulator } = await start({ faults: { resetRatio: 1 } });
    await expect(fetch(`${url}/v2/conversations`)).rejects.toThrow(TypeError);
    expect(emulator.stats.resets).toBe(1);
    const off = await fetch(`${url}/_emulator/faults`, {
      method: "PUT",
      body: JSON.stringify({ resetRatio: 0 }),
    });
    expect(await off.json()).toMatchObject({ resetRatio: 0 });
    const after = await fetch(`${url}/v2/conversations`);
    expect(after.status).toBe(401);
    await after.body?.cancel();
  });

  it("answers 5xx at serverErrorRatio 1 and 429 while force429 lasts", async () => {
    const { url, emulator } = await start({ faults: { serverErrorRatio: 1 } });
    const res = await fetch(`${url}/v2/conversations`);
    expect([500, 502, 503]).toContain(res.status);
    await res.body?.cancel();
    emulator.faults.serverErrorRatio = 0;
    emulator.faults.force429 = 1;
    const token = await clientCredentials(url);
    const limited = await fetch(`${url}/v2/users/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-ratelimit-retry-after")).toBeTruthy();
    await limited.body?.cancel();
  });

  it("serves a given emulator", async () => {
    const emulator = createEmulator({ accounts: ["initech"] });
    const server = await start({ emulator });
    expect(server.emulator).toBe(emulator);
    const accounts = await (await fetch(`${server.url}/_emulator/accounts`)).json();
    expect(accounts).toMatchObject({ accounts: [{ id: "initech" }] });
  });

  it("refuses a non-loopback host unless allowed", async () => {
    await expect(startEmulator({ host: "0.0.0.0" })).rejects.toThrow(/allowRemote/);
    expect(["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"].every(isLoopbackHost)).toBe(
      true,
    );
    expect(["0.0.0.0", "10.0.0.1", "example.com", "::"].some(isLoopbackHost)).toBe(false);
  });
});
