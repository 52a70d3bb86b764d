import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createActionsHandler, listActions } from "../src/index.js";
import { emulated, overrideHandlers, useMsw } from "./fixtures/emulated-clients.js";
import { picks } from "./fixtures/seed-picks.js";

useMsw();

const handle = createActionsHandler();
const post = (path: string, body: unknown) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("createActionsHandler", () => {
  it("GET /actions lists the catalogue with schemas; GET /actions/<name> describes one", async () => {
    const env = await emulated();
    const list = await handle(new Request("http://localhost/actions"), env);
    expect(list.status).toBe(200);
    expect(list.headers.get("content-type")).toContain("application/json");
    const { actions } = (await list.json()) as { actions: { name: string }[] };
    expect(actions).toEqual(JSON.parse(JSON.stringify(listActions())));
    const one = await handle(new Request("http://localhost/actions/add-note"), env);
    expect(await one.json()).toMatchObject({
      action: {
        name: "add-note",
        api: "mailbox",
        rerunSafe: false,
        inputSchema: { type: "object" },
      },
    });
  });

  it("POST /actions/<name> runs the action: 200 { output }, and the change is made", async () => {
    const env = await emulated();
    const seed = picks(env.account);
    const response = await handle(
      post("/actions/change-conversation-status", {
        conversationId: seed.conversation.id,
        status: "closed",
      }),
      env,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      output: { conversationId: seed.conversation.id, status: "closed" },
    });
    const { data } = await env.reader.mailbox.GET("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: seed.conversation.id } },
    });
    expect(data?.status).toBe("closed");
  });

  it("invalid input: 400 invalid_input with field errors, and no request to Help Scout", async () => {
    const env = await emulated();
    const before = env.requests();
    const response = await handle(post("/actions/add-note", { conversationId: "x" }), env);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "invalid_input",
        message: expect.stringContaining("invalid input for add-note"),
        fieldErrors: [
          { path: "/text", message: "is required" },
          { path: "/conversationId", message: "must be integer" },
        ],
      },
    });
    expect(env.requests()).toBe(before);
  });

  it("an empty body is an empty input; a body that is not JSON is 400 invalid_json", async () => {
    const env = await emulated();
    const empty = await handle(post("/actions/publish-article", ""), env);
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({
      error: {
        code: "invalid_input",
        fieldErrors: [{ path: "/articleId", message: "is required" }],
      },
    });
    const broken = await handle(post("/actions/publish-article", "{nope"), env);
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: "invalid_json" } });
  });

  it("answers 404 for an unknown action or path, 405 for other methods, 413 for big bodies", async () => {
    const env = await emulated();
    const unknown = await handle(post("/actions/delete-everything", {}), env);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "unknown_action" } });
    expect((await handle(post("/actions/a/b", {}), env)).status).toBe(404);
    expect((await handle(post("/elsewhere", {}), env)).status).toBe(404);
    const put = await handle(
      new Request("http://localhost/actions/add-note", { method: "PUT" }),
      env,
    );
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST");
    const small = createActionsHandler({ maxBodyBytes: 10 });
    expect((await small(post("/actions/add-note", { text: "longer than ten" }), env)).status).toBe(
      413,
    );
  });

  it("maps Help Scout's failures to their status with code, message and logRef", async () => {
    const env = await emulated();
    const response = await handle(
      post("/actions/add-note", { conversationId: 99_999_999, text: "x" }),
      env,
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: {
        code: "not_found",
        message: expect.stringContaining("add-note failed"),
        rerunSafe: false,
      },
    });
    overrideHandlers(
      http.get("https://api.helpscout.net/v3/customers", () =>
        HttpResponse.json(
          {
            logRef: "ref-42",
            message: "Bad request",
            _embedded: { errors: [{ path: "email", message: "bad" }] },
          },
          { status: 400 },
        ),
      ),
    );
    const refused = await handle(post("/actions/find-customer", { email: "a@example.com" }), env);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: {
        code: "bad_request",
        logRef: "ref-42",
        fieldErrors: [{ path: "email", message: "bad" }],
      },
    });
  });

  it("a lost write answer is 502 outcome_unknown with rerunSafe; secrets never appear", async () => {
    const env = await emulated();
    const seed = picks(env.account);
    overrideHandlers(
      http.post("https://api.helpscout.net/v2/conversations/:id/notes", () =>
        HttpResponse.json({ message: "boom" }, { status: 500 }),
      ),
    );
    const response = await handle(
      post("/actions/add-note", { conversationId: seed.conversation.id, text: "x" }),
      env,
    );
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { code: "outcome_unknown", rerunSafe: false },
    });
    expect(text).not.toContain("acme-docs-key");
    expect(text).not.toMatch(/Bearer|access_token/i);
  });

  it("an action whose client is missing is 501 missing_client; a bug is 500 without details", async () => {
    const env = await emulated();
    const noDocs = await handle(
      post("/actions/publish-article", { articleId: "0123456789abcdef01234567" }),
      {
        mailbox: env.mailbox,
      },
    );
    expect(noDocs.status).toBe(501);
    expect(await noDocs.json()).toMatchObject({ error: { code: "missing_client" } });
    const broken = await handle(
      post("/actions/publish-article", { articleId: "0123456789abcdef01234567" }),
      {
        docs: () => {
          throw new TypeError("secret-ish internals");
        },
      },
    );
    expect(broken.status).toBe(500);
    expect(await broken.text()).not.toContain("secret-ish");
  });

  it("mounts under another base path", async () => {
    const env = await emulated();
    const mounted = createActionsHandler({ basePath: "/api/v1/actions/" });
    const response = await mounted(new Request("http://localhost/api/v1/actions"), env);
    expect(response.status).toBe(200);
    expect((await mounted(new Request("http://localhost/actions"), env)).status).toBe(404);
  });
});
