import { describe, expect, it, vi } from "vitest";
import { apiKeyPolicy, createHelpScoutFetch, type TokenSource } from "../src/index.js";
import { scriptedTransport, status } from "./fixtures/scripted-transport.js";

const basic = (key: string) => `Basic ${Buffer.from(`${key}:X`).toString("base64")}`;

describe("apiKeyPolicy", () => {
  it("takes the key from a TokenSource, asked on every request", async () => {
    let n = 0;
    const source: TokenSource = { getToken: vi.fn(async () => `docs-key-${++n}`) };
    const transport = scriptedTransport(() => status(200));
    const fetch = createHelpScoutFetch({ auth: apiKeyPolicy(source), fetch: transport.fetch });
    await fetch("https://docsapi.helpscout.net/v1/sites");
    await fetch("https://docsapi.helpscout.net/v1/sites");
    expect(transport.received.map((r) => r.authorization)).toEqual([
      basic("docs-key-1"),
      basic("docs-key-2"),
    ]);
  });

  it("fails a request whose source yields no key, before sending it", async () => {
    const transport = scriptedTransport(status(200));
    const fetch = createHelpScoutFetch({
      auth: apiKeyPolicy({ getToken: async () => "  " }),
      fetch: transport.fetch,
    });
    await expect(fetch("https://docsapi.helpscout.net/v1/sites")).rejects.toThrow(
      /apiKey is empty/,
    );
    expect(transport.received).toEqual([]);
  });

  it("rejects anything that is neither a key nor a source", () => {
    expect(() => apiKeyPolicy(undefined as unknown as string)).toThrow(/apiKey is empty/);
    expect(() => apiKeyPolicy({} as unknown as TokenSource)).toThrow(/apiKey is empty/);
  });
});
