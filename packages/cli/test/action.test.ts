import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { listActions, validateActionInput } from "@terapi/helpscout-actions";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionCommand } from "../src/commands/action.js";
import { leakedSecrets, runCli, tempDataDir } from "./fixtures/run-cli.js";

let server: RunningEmulator;
let env: Record<string, string>;
const data = tempDataDir();

beforeAll(async () => {
  server = await startEmulator({
    seed: 5,
    size: { conversations: 20, customers: 10, articles: 8 },
  });
  env = { HELPSCOUT_EMULATOR_URL: server.url };
});
afterAll(async () => {
  await server.close();
  data.remove();
});

const acme = () => server.emulator.account();
const someConversation = () =>
  [...acme().mailbox.conversations.values()].find((c) => c.state === "published")!;

describe("helpscout action --list and --help", () => {
  it("--list names every action with its API and title", async () => {
    const run = await runCli(["action", "--list"]);
    expect(run.code).toBe(0);
    for (const action of listActions()) expect(run.stdout).toContain(`  ${action.name}  `);
    expect(run.stdout).toMatch(/Mailbox API:[\s\S]*Docs API:/);
    expect(run.stdout).toContain("create-conversation");
    expect(run.stdout).toMatch(/add-note\s+Add a note \(not safe to re-run\)/);
  });

  it("--list --json prints the catalogue with schemas as one JSON document", async () => {
    const run = await runCli(["action", "--list", "--json"]);
    const { actions } = JSON.parse(run.stdout) as {
      actions: { name: string; inputSchema: object }[];
    };
    expect(actions.map((a) => a.name)).toEqual(listActions().map((a) => a.name));
    expect(actions[0]?.inputSchema).toMatchObject({ type: "object" });
  });

  it("<name> --help describes the input from the schema, with an example that is valid", async () => {
    const run = await runCli(["action", "create-conversation", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: helpscout action create-conversation --input '<json>'");
    expect(run.stdout).toMatch(/mailboxId\s+integer, required/);
    expect(run.stdout).toMatch(/customer\.email\s+string \(email\)/);
    expect(run.stdout).toMatch(/status\s+one of active, pending, closed, default "active"/);
    expect(run.stdout).toContain("Safe to re-run: no.");
    for (const action of listActions()) {
      const help = await runCli(["action", action.name, "--help"]);
      const example = /--input '(.*)'\n$/.exec(help.stdout)?.[1] ?? "";
      expect(validateActionInput(action.name, JSON.parse(example)), action.name).toEqual([]);
    }
  });

  it("an unknown action or a missing input is a usage error (exit 2)", async () => {
    const unknown = await runCli(["action", "drop-database", "--input", "{}"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown action "drop-database"');
    const missing = await runCli(["action", "add-note"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--input");
    const broken = await runCli(["action", "add-note", "--input", "{text:"]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("is not valid JSON");
  });
});

describe("helpscout action <name> --input", () => {
  it("runs the action against the emulator and prints its output as JSON", async () => {
    const conversation = someConversation();
    const run = await runCli(
      [
        "action",
        "add-note",
        "--input",
        JSON.stringify({ conversationId: conversation.id, text: "From the command line" }),
        "--data-dir",
        data.dir,
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as { conversationId: number; threadId: number };
    expect(output.conversationId).toBe(conversation.id);
    const thread = acme()
      .mailbox.threads.get(conversation.id)
      ?.find((t) => t.id === output.threadId);
    expect(thread).toMatchObject({ type: "note", body: "From the command line" });
  });

  it("reads the input from @file and from standard input (-)", async () => {
    const conversation = someConversation();
    const file = join(data.dir, "tags.json");
    writeFileSync(file, JSON.stringify({ conversationId: conversation.id, tags: ["from-file"] }));
    const fromFile = await runCli(["action", "set-conversation-tags", "--input", `@${file}`], env);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(conversation.tags?.map((t) => t.tag)).toEqual(["from-file"]);

    const stdout: string[] = [];
    const code = await actionCommand(
      ["change-conversation-status", "--input", "-"],
      { stdout: { write: (t: string) => stdout.push(t) }, stderr: { write: () => true }, env },
      async () => JSON.stringify({ conversationId: conversation.id, status: "spam" }),
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout.join(""))).toEqual({
      conversationId: conversation.id,
      status: "spam",
    });
    expect(acme().mailbox.conversations.get(conversation.id)?.status).toBe("spam");

    const none = await runCli(["action", "add-note", "--input", "@/no/such/file.json"], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no such file");
  });

  it("invalid input: exit 2 with the field errors, and no request is made", async () => {
    const before = server.emulator.stats.requests;
    const run = await runCli(
      ["action", "create-conversation", "--input", '{"mailboxId":"one","customer":{}}'],
      env,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("helpscout: invalid input for create-conversation:");
    expect(run.stderr).toContain("  /mailboxId: must be integer");
    expect(run.stderr).toContain("  /customer/email: is required when id is not given");
    expect(run.stderr).toContain("  /subject: is required");
    expect(server.emulator.stats.requests).toBe(before);
  });

  it("a failed action: exit 1 with the message on stderr, and no secret anywhere", async () => {
    const run = await runCli(
      ["action", "publish-article", "--input", '{"articleId":"0123456789abcdef01234567"}'],
      { ...env, HELPSCOUT_DOCS_API_KEY: "acme-docs-key" },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/publish-article failed: .*404/);
    expect(leakedSecrets(run.stdout + run.stderr, ["acme-docs-key"])).toEqual([]);
  });

  it("an action of an API without credentials says which to set", async () => {
    const run = await runCli(
      ["action", "publish-article", "--input", '{"articleId":"0123456789abcdef01234567"}'],
      {
        HELPSCOUT_APP_ID: "acme-app",
        HELPSCOUT_APP_SECRET: "acme-secret",
        HELPSCOUT_EMULATOR_URL: server.url,
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("there are no docs credentials: set HELPSCOUT_DOCS_API_KEY");
    expect(run.stderr).not.toContain("acme-secret");
  });
});
