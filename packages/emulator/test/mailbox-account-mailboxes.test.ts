import { beforeEach, describe, expect, it } from "vitest";
import { type AccountBench, accountBench, ids } from "./fixtures/mailbox-account-data.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const spec = new SpecValidator("helpscout-mailbox");
let bench: AccountBench;

beforeEach(() => {
  bench = accountBench();
});

async function valid(method: string, template: string, res: Response): Promise<unknown> {
  const body = res.status === 204 || res.status === 201 ? undefined : await res.json();
  expect(spec.errors(method, template, res.status, body)).toEqual([]);
  return body;
}

describe("mailboxes", () => {
  it("lists the mailboxes as a HAL page with folder and field links", async () => {
    const res = await bench.call("GET", "/v2/mailboxes");
    expect(res.headers.get("content-type")).toContain("application/hal+json");
    const body = (await valid("GET", "/v2/mailboxes", res)) as {
      _embedded: {
        mailboxes: { id: number; name: string; _links: Record<string, { href: string }> }[];
      };
      page: unknown;
    };
    expect(body._embedded.mailboxes.map((m) => m.name)).toEqual(["Support", "Sales"]);
    expect(body.page).toEqual({ size: 50, totalElements: 2, totalPages: 1, number: 1 });
    expect(body._embedded.mailboxes[0]?._links.folders?.href).toBe(
      "http://emulator.test/v2/mailboxes/10/folders",
    );
  });

  it("gets one mailbox and answers 404 in vnd.error shape for unknown or malformed ids", async () => {
    const res = await bench.call("GET", `/v2/mailboxes/${ids.sales}`);
    expect(await valid("GET", "/v2/mailboxes/{mailboxId}", res)).toMatchObject({
      id: 11,
      name: "Sales",
    });
    for (const id of ["999", "abc"]) {
      const missing = await bench.call("GET", `/v2/mailboxes/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get("content-type")).toContain("application/vnd.error+json");
      expect(await missing.json()).toMatchObject({ message: "Mailbox not found" });
    }
  });

  it("rejects a page that is not a positive integer", async () => {
    const res = await bench.call("GET", "/v2/mailboxes?page=zero");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      _embedded: { errors: [{ path: "page", rejectedValue: "zero" }] },
    });
  });

  it("lists custom fields in their order and folders with counts from the conversations", async () => {
    const fields = await bench.call("GET", "/v2/mailboxes/10/fields");
    const fieldBody = (await valid("GET", "/v2/mailboxes/{mailboxId}/fields", fields)) as {
      _embedded: { fields: { name: string }[] };
    };
    expect(fieldBody._embedded.fields.map((f) => f.name)).toEqual(["Order number", "Plan"]);

    const folders = await bench.call("GET", "/v2/mailboxes/10/folders");
    const folderBody = (await valid("GET", "/v2/mailboxes/{mailboxId}/folders", folders)) as {
      _embedded: { folders: { id: number; totalCount: number; activeCount: number }[] };
    };
    expect(folderBody._embedded.folders).toMatchObject([
      { id: 100, totalCount: 2, activeCount: 1 },
      { id: 101, totalCount: 1, activeCount: 0 },
      { id: 102, totalCount: 2, activeCount: 0 },
    ]);
    expect((await bench.call("GET", "/v2/mailboxes/999/folders")).status).toBe(404);
  });
});

describe("mailbox routing", () => {
  it("shows the settings with a rotation computed from assignments and statuses", async () => {
    const res = await bench.call("GET", "/v2/mailboxes/10/routing");
    expect(await valid("GET", "/v2/mailboxes/{mailboxId}/routing", res)).toMatchObject({
      state: "enabled",
      assignmentLimit: 2,
      userIds: [3, 4],
      rotation: [
        { userId: 3, conversationsCount: 0, eligible: true },
        { userId: 4, conversationsCount: 1, eligible: false, reason: "away" },
      ],
    });
  });

  it("answers the default (disabled) routing of a mailbox that was never configured", async () => {
    const res = await bench.call("GET", "/v2/mailboxes/11/routing");
    expect(await res.json()).toMatchObject({ state: "disabled", userIds: [], rotation: [] });
  });

  it("replaces the settings with PUT, then reads them back", async () => {
    const put = await bench.call("PUT", "/v2/mailboxes/11/routing", {
      state: "enabled",
      assignmentLimit: 1,
      assignmentMethod: "balanced",
      userIds: [4],
    });
    expect(put.status).toBe(204);
    const res = await bench.call("GET", "/v2/mailboxes/11/routing");
    expect(await res.json()).toMatchObject({
      state: "enabled",
      assignmentMethod: "balanced",
      rotation: [{ userId: 4, eligible: false, reason: "away" }],
    });
  });

  it("rejects missing fields, bad enums, limits out of range and unknown users", async () => {
    const res = await bench.call("PUT", "/v2/mailboxes/10/routing", {
      state: "on",
      assignmentLimit: 101,
      userIds: [3, 99],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      _embedded: { errors: { path: string; source: string }[] };
    };
    expect(body._embedded.errors.map((e) => e.path)).toEqual([
      "state",
      "assignmentLimit",
      "assignmentMethod",
      "userIds[1]",
    ]);
    expect(body._embedded.errors[0]).toMatchObject({ rejectedValue: "on", source: "JSON" });
  });

  it("requires users when routing is enabled", async () => {
    const res = await bench.call("PUT", "/v2/mailboxes/10/routing", {
      state: "enabled",
      assignmentLimit: 5,
      assignmentMethod: "round_robin",
      userIds: [],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ _embedded: { errors: [{ path: "userIds" }] } });
  });
});
