import { beforeEach, describe, expect, it } from "vitest";
import { type AccountBench, accountBench, ids } from "./fixtures/mailbox-account-data.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const spec = new SpecValidator("helpscout-mailbox");
let bench: AccountBench;

beforeEach(() => {
  bench = accountBench();
});

async function workflowIds(query = ""): Promise<number[]> {
  const body = await (await bench.call("GET", `/v2/workflows${query}`)).json();
  expect(spec.errors("GET", "/v2/workflows", 200, body)).toEqual([]);
  return (body._embedded?.workflows ?? []).map((w: { id: number }) => w.id);
}

describe("workflow list", () => {
  it("lists every workflow by mailbox and order, and filters by mailboxId and type", async () => {
    expect(await workflowIds()).toEqual([800, 801, 802]);
    expect(await workflowIds("?mailboxId=11")).toEqual([802]);
    expect(await workflowIds("?type=automatic")).toEqual([801]);
    expect(await workflowIds("?mailboxId=10&type=manual")).toEqual([800]);
  });

  it("rejects a bad type or mailboxId with 400 field errors", async () => {
    const res = await bench.call("GET", "/v2/workflows?type=scheduled&mailboxId=x");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { _embedded: { errors: { path: string }[] } };
    expect(body._embedded.errors.map((e) => e.path)).toEqual(["mailboxId", "type"]);
  });
});

describe("workflow status", () => {
  it("deactivates with a replace patch, bumping modifiedAt", async () => {
    const res = await bench.call("PATCH", "/v2/workflows/801", {
      op: "replace",
      path: "/status",
      value: "inactive",
    });
    expect(res.status).toBe(204);
    const body = await (await bench.call("GET", "/v2/workflows?type=automatic")).json();
    expect(body._embedded.workflows[0]).toMatchObject({
      status: "inactive",
      modifiedAt: expect.stringMatching(/^2024-03-15T12:00/),
    });
  });

  it("rejects other patches and answers 404 for unknown workflows", async () => {
    const res = await bench.call("PATCH", "/v2/workflows/801", {
      op: "add",
      path: "/name",
      value: "x",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { _embedded: { errors: { path: string }[] } };
    expect(body._embedded.errors.map((e) => e.path)).toEqual(["op", "path", "value"]);
    const missing = await bench.call("PATCH", "/v2/workflows/9", {
      op: "replace",
      path: "/status",
      value: "active",
    });
    expect(missing.status).toBe(404);
  });
});

describe("running a manual workflow", () => {
  it("adds a line item thread to each conversation and bumps userUpdatedAt", async () => {
    const res = await bench.call("POST", `/v2/workflows/${ids.escalate}/run`, {
      conversationIds: [700, 701],
    });
    expect(res.status).toBe(204);
    for (const id of [700, 701]) {
      const conversation = bench.account.mailbox.conversations.get(id);
      expect(conversation?.userUpdatedAt).toMatch(/^2024-03-15T12:00/);
      const [newest] = bench.account.mailbox.threads.get(id) ?? [];
      expect(newest).toMatchObject({
        type: "lineitem",
        action: { type: "manual-workflow", text: "You ran the Escalate workflow" },
        createdBy: { id: ids.owner, type: "user", first: "Ada" },
      });
      expect(conversation?.threads).toBe(bench.account.mailbox.threads.get(id)?.length);
    }
  });

  it("refuses automatic workflows", async () => {
    const res = await bench.call("POST", `/v2/workflows/${ids.autoClose}/run`, {
      conversationIds: [700],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: "Only manual workflows can be run" });
  });

  it("refuses conversations of another mailbox or unknown ones, changing nothing", async () => {
    const res = await bench.call("POST", `/v2/workflows/${ids.escalate}/run`, {
      conversationIds: [700, 704, 12345],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      _embedded: { errors: { path: string; rejectedValue: number }[] };
    };
    expect(body._embedded.errors).toMatchObject([
      { path: "conversationIds[1]", rejectedValue: 704 },
      { path: "conversationIds[2]", rejectedValue: 12345 },
    ]);
    expect(bench.account.mailbox.threads.get(700)?.[0]?.type).toBe("reply");
  });

  it("requires 1 to 50 conversation ids", async () => {
    const none = await bench.call("POST", `/v2/workflows/${ids.escalate}/run`, {
      conversationIds: [],
    });
    expect(none.status).toBe(400);
    const many = Array.from({ length: 51 }, () => 700);
    const tooMany = await bench.call("POST", `/v2/workflows/${ids.escalate}/run`, {
      conversationIds: many,
    });
    expect(await tooMany.json()).toMatchObject({
      _embedded: { errors: [{ path: "conversationIds" }] },
    });
    const missing = await bench.call("POST", `/v2/workflows/${ids.escalate}/run`, {});
    expect(missing.status).toBe(400);
    expect(
      (await bench.call("POST", "/v2/workflows/9/run", { conversationIds: [700] })).status,
    ).toBe(404);
  });
});
