import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "./fixtures/run-cli.js";

const data = tempDataDir();
let running: RunningEmulator | undefined;
afterAll(async () => {
  await running?.close();
  data.remove();
});

describe("command-line mistakes exit 2 with the message and the usage", () => {
  it.each([
    [["sync", "--bogus"], "Unknown option '--bogus'", "Usage: helpscout sync"],
    [["sync", "everything"], 'unknown sync target "everything"', "Usage: helpscout sync"],
    [
      ["sync", "--models", "tickets"],
      "--models takes models from: mailboxes,",
      "Usage: helpscout sync",
    ],
    [
      ["sync", "docs", "--models", "conversations"],
      "--models takes docs models from: sites,",
      "Usage: helpscout sync",
    ],
    [
      ["sync", "--reserve", "2"],
      "--reserve must be a number from 0 to 0.9",
      "Usage: helpscout sync",
    ],
    [["records"], "name a model", "Usage: helpscout records"],
    [["records", "tickets"], 'unknown model "tickets"', "Usage: helpscout records"],
    [
      ["records", "conversations", "--limit", "0"],
      "--limit must be a whole number",
      "Usage: helpscout records",
    ],
    [
      ["records", "users", "--modified-after", "yesterday"],
      "--modified-after must be an ISO 8601",
      "Usage: helpscout records",
    ],
    [["emulator", "--speed", "0"], "--speed must be a number above 0", "Usage: helpscout emulator"],
    [
      ["connect", "--port", "70000"],
      "--port must be a whole number from 0 to 65535",
      "Usage: helpscout connect",
    ],
    [["frobnicate"], 'unknown command "frobnicate"', "Usage: helpscout <command>"],
  ])("helpscout %j", async (argv, message, usage) => {
    const run = await runCli(argv);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`helpscout: ${message}`);
    expect(run.stderr).toContain(usage);
    expect(run.stdout).toBe("");
  });

  it("prints the usage on stderr and exits 2 without a command", async () => {
    const run = await runCli([]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Commands:");
  });
});

describe("--help", () => {
  it.each([
    [["--help"], "Usage: helpscout <command>"],
    [["sync", "--help"], "Usage: helpscout sync [all|mailbox|docs]"],
    [["records", "--help"], "Usage: helpscout records <model>"],
    [["connect", "--help"], "Usage: helpscout connect"],
    [["emulator", "-h"], "Usage: helpscout emulator"],
  ])("helpscout %j prints the usage on stdout and exits 0", async (argv, usage) => {
    const run = await runCli(argv);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(usage);
    expect(run.stderr).toBe("");
  });
});

describe("failures exit 1 with the error's message, never a stack or a secret", () => {
  it("says both halves of the app credentials are needed", async () => {
    const run = await runCli(["sync", "--data-dir", data.dir], { HELPSCOUT_APP_ID: "app-only" });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "helpscout: set both HELPSCOUT_APP_ID and HELPSCOUT_APP_SECRET (your app's App ID and App Secret), or neither.\n",
    );
  });

  it("reports a refused App Secret without repeating it", async () => {
    running = await startEmulator({ seed: 2 });
    const secret = "wrong-secret-9f8e7d";
    const run = await runCli(["sync", "mailbox", "--data-dir", data.dir], {
      HELPSCOUT_APP_ID: "acme-app",
      HELPSCOUT_APP_SECRET: secret,
      HELPSCOUT_EMULATOR_URL: running.url,
    });

    expect(run.code).toBe(1);
    // One line for the cause all the Mailbox models share, not one per model.
    expect(run.stderr).toContain("helpscout: 8 of 8 models failed (the next run resumes them):\n");
    expect(run.stderr.match(/invalid_client/g)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it("names the missing credentials when `sync docs` has none but Mailbox ones", async () => {
    running ??= await startEmulator({ seed: 2 });
    const run = await runCli(["sync", "docs", "--data-dir", data.dir], {
      HELPSCOUT_APP_ID: "acme-app",
      HELPSCOUT_APP_SECRET: "acme-secret",
      HELPSCOUT_EMULATOR_URL: running.url,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe("helpscout: no docs credentials: set HELPSCOUT_DOCS_API_KEY.\n");
  });

  it("says where the emulator was expected when nothing answers at HELPSCOUT_EMULATOR_URL", async () => {
    const run = await runCli(["sync", "--data-dir", data.dir], {
      HELPSCOUT_EMULATOR_URL: "http://127.0.0.1:9",
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "helpscout: cannot reach the emulator at http://127.0.0.1:9: is `helpscout emulator` running there?\n",
    );
  });
});
