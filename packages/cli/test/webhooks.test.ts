import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { signWebhookBody } from "@terapi/helpscout-webhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli.js";
import { runCli, tempDataDir } from "./fixtures/run-cli.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const SECRET = "cli-webhook-secret-42";

/** `helpscout webhooks listen …` running in-process, with its outputs as they come. */
function startListening(args: string[], env: Record<string, string | undefined> = {}) {
  const controller = new AbortController();
  const out = { stdout: "", stderr: "" };
  let onUrl: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => {
    onUrl = resolve;
  });
  const finished = main(["webhooks", "listen", ...args], {
    env,
    signal: controller.signal,
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: {
      write: (text: string) => {
        out.stderr += text;
        const url = /on (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(out.stderr)?.[1];
        if (url) onUrl(url);
      },
    },
  });
  return {
    out,
    url: listening,
    stop: async () => {
      controller.abort();
      return finished;
    },
  };
}

async function deliver(url: string, event: string, payload: unknown, secret = SECRET) {
  const body = JSON.stringify(payload);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-helpscout-event": event,
      "x-helpscout-signature": await signWebhookBody(secret, body),
    },
    body,
  });
  return response.status;
}

/** Waits until `check` holds (outputs are written after the answer). */
async function eventually(check: () => boolean) {
  for (let i = 0; i < 1_000 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe("helpscout webhooks listen", () => {
  it("prints one line per verified event and logs refused deliveries with the reason, never the secret", async () => {
    const listener = startListening(["--secret", SECRET, "--path", "/hooks"]);
    const url = await listener.url;
    expect(url).toMatch(/\/hooks$/);

    expect(await deliver(url, "convo.created", { id: 123, subject: "Déjà vu" })).toBe(200);
    expect(await deliver(url, "customer.deleted", { id: 9 })).toBe(200);
    expect(
      await deliver(url, "convo.created", { url: "https://api.helpscout.net/v2/conversations/77" }),
    ).toBe(200);
    expect(await deliver(url, "convo.created", { id: 1 }, "not-the-secret")).toBe(401);
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url.replace("/hooks", "/elsewhere"), { method: "POST" })).status).toBe(404);
    await eventually(() => listener.out.stdout.split("\n").length > 3);

    expect(await listener.stop()).toBe(0);
    const lines = listener.out.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}convo\.created {2}123$/);
    expect(lines[1]).toMatch(/ {2}customer\.deleted {2}9$/);
    expect(lines[2]).toMatch(/ {2}convo\.created {2}77 {2}\(notification\)$/);
    expect(listener.out.stderr).toContain("refused  401 invalid_signature");
    expect(listener.out.stderr).toContain("refused  405 method_not_allowed");
    expect(listener.out.stderr).toContain("Stopped: 3 events, 2 refused.");
    expect(listener.out.stdout + listener.out.stderr).not.toContain(SECRET);
  });

  it("prints NDJSON with --json, taking the secret from HELPSCOUT_WEBHOOK_SECRET (and rotating ones)", async () => {
    const listener = startListening(["--json", "--secret", "new-secret", "--secret", "old-secret"]);
    const url = await listener.url;
    expect(await deliver(url, "tag.created", { id: 5, name: "vip" }, "old-secret")).toBe(200);
    expect(await deliver(url, "convo.teleported", { id: 6 }, "new-secret")).toBe(200);
    await eventually(() => listener.out.stdout.split("\n").length > 2);
    await listener.stop();
    const events = listener.out.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events).toEqual([
      expect.objectContaining({
        event: "tag.created",
        id: "5",
        kind: "payload",
        payload: { id: 5, name: "vip" },
      }),
      expect.objectContaining({ event: "convo.teleported", id: "6", kind: "unknown" }),
    ]);

    const fromEnv = startListening([], { HELPSCOUT_WEBHOOK_SECRET: SECRET });
    expect(await deliver(await fromEnv.url, "tag.deleted", { id: 5 })).toBe(200);
    await eventually(() => fromEnv.out.stdout.includes("tag.deleted"));
    await fromEnv.stop();
    expect(fromEnv.out.stderr).not.toContain(SECRET);
  });
});

describe("helpscout webhooks with the emulator", () => {
  let emulator: RunningEmulator;
  const data = tempDataDir();
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 2, rateLimits: { enabled: false } });
  });
  afterAll(async () => {
    await emulator.close();
    data.remove();
  });

  it("ensure registers idempotently; listen --store receives the emulator's signed events into the store", async () => {
    const env = { HELPSCOUT_EMULATOR_URL: emulator.url };
    const listener = startListening(["--secret", SECRET, "--store", "--data-dir", data.dir], env);
    const url = await listener.url;

    const ensure = [
      "webhooks",
      "ensure",
      "--url",
      url,
      "--events",
      "convo.created,convo.deleted",
      "--secret",
      SECRET,
    ];
    const created = await runCli(ensure, env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created webhook \d+ for http/);
    const again = await runCli([...ensure, "--json"], env);
    expect(JSON.parse(again.stdout)).toEqual({
      id: expect.any(Number),
      action: "unchanged",
      changed: [],
    });
    const notified = await runCli([...ensure, "--notification"], env);
    expect(notified.stdout).toContain("updated webhook");
    expect(notified.stdout).toContain("(notification)");
    expect(created.stdout + created.stderr + again.stdout + notified.stdout).not.toContain(SECRET);

    // A change through the API: the emulator POSTs {url} (notification mode), listen reads it.
    const token = await emulatorToken(emulator.url);
    const mailboxId = [...emulator.emulator.account().mailbox.mailboxes.keys()][0];
    const answer = await fetch(`${emulator.url}/v2/conversations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        subject: "Straight from a webhook",
        type: "email",
        mailboxId,
        status: "active",
        customer: { email: "cli.webhooks@example.test" },
        threads: [
          { type: "customer", customer: { email: "cli.webhooks@example.test" }, text: "Hi" },
        ],
      }),
    });
    expect(answer.status).toBe(201);
    const id = answer.headers.get("resource-id");
    await fetch(`${emulator.url}/_emulator/webhooks/flush`, { method: "POST" });
    await eventually(() => listener.out.stdout.includes(`convo.created  ${id}`));
    expect(await listener.stop()).toBe(0);
    expect(listener.out.stdout).toContain(
      `convo.created  ${id}  (notification)  conversations inserted`,
    );

    const records = await runCli(
      ["records", "conversations", "--data-dir", data.dir, "--json"],
      env,
    );
    const page = JSON.parse(records.stdout) as {
      records: Array<{ id: string; payload: { subject: string } }>;
    };
    expect(page.records.map((r) => [r.id, r.payload.subject])).toEqual([
      [id, "Straight from a webhook"],
    ]);
  });

  it("ensure without Mailbox credentials fails with what to set", async () => {
    const run = await runCli([
      "webhooks",
      "ensure",
      "--url",
      "https://example.test/h",
      "--events",
      "all",
      "--secret",
      SECRET,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("HELPSCOUT_EMULATOR_URL");
    expect(run.stderr).not.toContain(SECRET);
  });
});

describe("helpscout webhooks command-line mistakes", () => {
  it.each([
    [["webhooks"], "Usage: helpscout webhooks"],
    [["webhooks", "serve"], 'unknown webhooks action "serve"'],
    [["webhooks", "listen"], "pass --secret or set HELPSCOUT_WEBHOOK_SECRET"],
    [["webhooks", "listen", "--secret", "s", "--port", "70000"], "--port must be a whole number"],
    [["webhooks", "listen", "--secret", "s", "--path", "hooks"], '--path must start with "/"'],
    [["webhooks", "ensure", "--secret", "s", "--events", "all"], "pass --url"],
    [
      ["webhooks", "ensure", "--url", "https://x.test", "--secret", "s", "--events", "convo.nope"],
      '"convo.nope"',
    ],
    [
      [
        "webhooks",
        "ensure",
        "--url",
        "https://x.test",
        "--secret",
        "s",
        "--events",
        "all",
        "--mailboxes",
        "x",
      ],
      "--mailboxes must be a whole number",
    ],
  ])("helpscout %j exits 2", async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it("prints its usage with --help", async () => {
    for (const argv of [
      ["webhooks", "--help"],
      ["webhooks", "listen", "--help"],
      ["webhooks", "ensure", "-h"],
    ]) {
      const run = await runCli(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Usage: helpscout webhooks <listen|ensure>");
    }
  });
});

async function emulatorToken(url: string): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: "acme-app",
    client_secret: "acme-secret",
  });
  const answer = await fetch(`${url}/v2/oauth2/token`, { method: "POST", body: form });
  return ((await answer.json()) as { access_token: string }).access_token;
}
