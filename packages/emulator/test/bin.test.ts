import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const BIN = "src/bin/helpscout-emulator.ts";

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function run(...args: string[]): Run {
  const child = spawn(process.execPath, ["--import", "tsx", BIN, ...args], {
    cwd: PACKAGE_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Waits until the bin prints its URL. */
async function urlOf(started: Run): Promise<string> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(started.stdout());
    if (match?.[1]) return match[1];
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no URL printed; stdout: ${started.stdout()} stderr: ${started.stderr()}`);
}

describe("helpscout-emulator (bin)", () => {
  it("serves on a free port, prints each account's credentials, and stops on SIGTERM", async () => {
    const started = run(
      "--port",
      "0",
      "--accounts",
      "2",
      "--conversations",
      "5",
      "--seed",
      "9",
      "--no-rate-limit",
    );
    const url = await urlOf(started);
    expect(started.stdout()).toContain("Account acme");
    expect(started.stdout()).toContain("acme-app");
    expect(started.stdout()).toContain("acme-secret");
    expect(started.stdout()).toContain("Account account-2");
    expect(started.stdout()).toContain("account-2-docs-key");
    expect(started.stdout()).toContain(`${url}/_emulator`);
    const accounts = await (await fetch(`${url}/_emulator/accounts`)).json();
    expect(accounts).toMatchObject({ accounts: [{ id: "acme" }, { id: "account-2" }] });
    const token = await fetch(`${url}/v2/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=account-2-app&client_secret=account-2-secret",
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const api = await fetch(`${url}/v2/users/me`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(api.status).toBe(200);
    expect(api.headers.get("x-ratelimit-limit-minute")).toBeNull();
    await api.body?.cancel();
    started.child.kill("SIGTERM");
    expect(await started.exit).toBe(0);
    await expect(fetch(`${url}/_emulator/stats`)).rejects.toThrow();
  }, 30_000);

  it("applies --speed to the emulated clock", async () => {
    const started = run("--speed", "60");
    const url = await urlOf(started);
    const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as {
      clock: { speed: number };
    };
    expect(stats.clock.speed).toBe(60);
    started.child.kill("SIGINT");
    expect(await started.exit).toBe(0);
  }, 30_000);

  it("exits 2 with a clear message on bad flags", async () => {
    for (const [args, message] of [
      [["--bogus"], /bogus/],
      [["--port", "http"], /--port must be an integer/],
      [["--accounts", "0"], /--accounts must be an integer/],
      [["--speed=-1"], /--speed must be a number > 0/],
      [["--speed", "fast"], /--speed must be a number > 0/],
      [["--host", "0.0.0.0"], /not a loopback address.*--allow-remote/],
    ] as const) {
      const started = run(...args);
      expect(await started.exit).toBe(2);
      expect(started.stderr()).toMatch(message);
      expect(started.stderr()).toContain("Usage: helpscout-emulator");
    }
  }, 30_000);

  it("prints the usage with --help", async () => {
    const started = run("--help");
    expect(await started.exit).toBe(0);
    expect(started.stdout()).toContain("--no-rate-limit");
  }, 30_000);
});
