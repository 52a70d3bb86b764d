import { describe, expect, it } from "vitest";
import { runCli } from "./fixtures/run-cli.js";

/** A client-credentials token of the emulator's acme account. */
async function tokenFor(url: string): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: "acme-app",
    client_secret: "acme-secret",
  });
  const answer = await fetch(`${url}/v2/oauth2/token`, { method: "POST", body: form });
  return ((await answer.json()) as { access_token: string }).access_token;
}

describe("helpscout emulator", () => {
  it("serves the asked data and clock speed, prints URL and credentials, stops on interrupt", async () => {
    const controller = new AbortController();
    let printed = "";
    let onUrl: (url: string) => void = () => {};
    const urlPrinted = new Promise<string>((resolve) => {
      onUrl = resolve;
    });
    const finished = runCli(
      ["emulator", "--seed", "4", "--conversations", "12", "--speed", "60"],
      {},
      {
        signal: controller.signal,
        onStdout: (text) => {
          printed += text;
          const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1];
          if (url) onUrl(url);
        },
      },
    );

    const url = await urlPrinted;
    const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as {
      clock: { speed: number };
    };
    const list = await fetch(`${url}/v2/conversations?status=all`, {
      headers: { authorization: `Bearer ${await tokenFor(url)}` },
    });
    const { page } = (await list.json()) as { page: { totalElements: number } };
    controller.abort();
    const run = await finished;

    expect(stats.clock.speed).toBe(60);
    expect(page.totalElements).toBe(12);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "App ID acme-app   App Secret acme-secret   Docs API key acme-docs-key",
    );
    expect(run.stdout).toContain(`HELPSCOUT_EMULATOR_URL=${url} helpscout sync`);
    expect(run.stderr).toBe("Emulator stopped.\n");
    await expect(fetch(`${url}/_emulator/stats`)).rejects.toThrow();
  });
});
