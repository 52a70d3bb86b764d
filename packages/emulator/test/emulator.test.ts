import { describe, expect, it } from "vitest";
import { createEmulator } from "../src/index.js";

describe("createEmulator", () => {
  it("refuses API calls without credentials in each API's error shape", async () => {
    const emulator = createEmulator();
    const mailbox = await emulator.fetch(new Request("http://emulator.test/v2/conversations"));
    expect(mailbox.status).toBe(401);
    expect(mailbox.headers.get("content-type")).toContain("application/vnd.error+json");
    const docs = await emulator.fetch(new Request("http://emulator.test/v1/sites"));
    expect(docs.status).toBe(401);
    expect(await docs.json()).toMatchObject({ status: 401 });
  });
});
