import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { type ActionError, isActionError, runAction } from "../src/index.js";
import { emulated, emulatorToken, overrideHandlers, useMsw } from "./fixtures/emulated-clients.js";
import { picks } from "./fixtures/seed-picks.js";

useMsw();

/**
 * Help Scout does the write, but the answer is lost (a 500 arrives instead): the outcome is
 * unknown to the client. Counts the writes that reached the emulator.
 */
function loseAnswerOf(emulator: { fetch(request: Request): Promise<Response> }, url: string) {
  let writes = 0;
  overrideHandlers(
    http.post(url, async ({ request }) => {
      writes += 1;
      await emulator.fetch(
        new Request(request.url, {
          method: "POST",
          headers: request.headers,
          body: await request.text(),
        }),
      );
      return HttpResponse.json({ message: "Internal error", logRef: "lost-1" }, { status: 500 });
    }),
  );
  return () => writes;
}

describe("a write whose outcome is unknown", () => {
  it("create-conversation: not repeated, surfaced as outcome_unknown, not safe to re-run", async () => {
    const env = await emulated();
    const seed = picks(env.account);
    const writes = loseAnswerOf(env.emulator, "https://api.helpscout.net/v2/conversations");
    const count = () => env.account.mailbox.conversations.size;
    const before = count();
    const error = (await runAction(
      "create-conversation",
      {
        mailboxId: seed.mailboxId,
        subject: "Lost answer",
        customer: { id: seed.customer.id },
        text: "Hello",
      },
      env,
    ).catch((e: unknown) => e)) as ActionError;
    expect(isActionError(error)).toBe(true);
    expect(error).toMatchObject({
      code: "outcome_unknown",
      action: "create-conversation",
      rerunSafe: false,
      logRef: "lost-1",
    });
    expect(error.message).toContain("Do not run create-conversation again blindly");
    expect(writes()).toBe(1); // never replayed by the pipeline
    expect(count()).toBe(before + 1); // it did happen, once
  });

  it("upsert-customer: safe to re-run, and the re-run finds the customer instead of a duplicate", async () => {
    const env = await emulated();
    const writes = loseAnswerOf(env.emulator, "https://api.helpscout.net/v2/customers");
    const input = { email: "lost.answer@example.com", firstName: "Lost" };
    const error = (await runAction("upsert-customer", input, env).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(error).toMatchObject({ code: "outcome_unknown", rerunSafe: true });
    expect(error.message).toContain("Running upsert-customer again is safe");
    const again = await env.run("upsert-customer", input);
    expect(again.created).toBe(false);
    expect(writes()).toBe(1);
    const { data } = await env.reader.mailbox.GET("/v3/customers", {
      params: { query: { email: "lost.answer@example.com" } },
    });
    expect(data?._embedded?.customers?.map((c) => c.id)).toEqual([again.customer.id]);
  });

  it("create-conversation says the conversation exists when only its read-back fails", async () => {
    const env = await emulated();
    const seed = picks(env.account);
    const mailbox = createMailboxClient({
      accessToken: await emulatorToken(),
      throttle: false,
      retry: false,
    });
    overrideHandlers(
      http.get("https://api.helpscout.net/v2/conversations/:id", () =>
        HttpResponse.json({ message: "unavailable" }, { status: 503 }),
      ),
    );
    const before = env.account.mailbox.conversations.size;
    const error = (await runAction(
      "create-conversation",
      { mailboxId: seed.mailboxId, subject: "S", customer: { id: seed.customer.id }, text: "T" },
      { mailbox },
    ).catch((e: unknown) => e)) as ActionError;
    const created = Math.max(...env.account.mailbox.conversations.keys());
    expect(env.account.mailbox.conversations.size).toBe(before + 1);
    expect(error).toMatchObject({ code: "read_back_failed", rerunSafe: false });
    expect(error.message).toContain(`created conversation ${created}`);
    expect(error.message).toContain("Do not run it again");
  });
});
