import { vi } from "vitest";
import { createEmulator, type EmulatorOptions } from "../src/index.js";
import type { M } from "../src/types.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

/** The Mailbox spec, to check answers against. */
export const spec = new SpecValidator("helpscout-mailbox");

/** A fixed emulated start (the seed is relative to it). */
export const START = Date.parse("2025-03-01T12:00:00Z");

/** An answer, with the body parsed when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely in tests, like JSON.
  body: any;
}

/**
 * An emulator with one account ("acme"), rate limits off, a valid bearer token and a spy on
 * `emit`, plus `call(method, path, body?)` that sends an authorized request to it.
 */
export function harness(options: EmulatorOptions = {}) {
  const emulator = createEmulator({
    rateLimits: { enabled: false },
    clock: { startAt: START, speed: 0 },
    ...options,
  });
  const account = emulator.account();
  emulator.tokens.access.set("t", {
    accountId: "acme",
    clientId: "acme-app",
    userId: account.ownerUserId,
    expiresAt: emulator.clock.now() + 365 * 86_400_000,
  });
  const emit = vi.spyOn(emulator, "emit");
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await emulator.fetch(
      new Request(`http://emulator.test${path}`, {
        method,
        headers: { authorization: "Bearer t", "content-type": "application/json", ...headers },
        ...(body === undefined
          ? {}
          : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    const json = response.headers.get("content-type")?.includes("json");
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : json ? JSON.parse(text) : text,
    };
  };
  /** Every page of a v2 list, following `_links.next`. */
  const all = async <T = M["Conversation"]>(path: string, name = "conversations"): Promise<T[]> => {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const answer = await call("GET", next);
      items.push(...(answer.body._embedded?.[name] ?? []));
      const href: string | undefined = answer.body._links.next?.href;
      next = href ? href.replace("http://emulator.test", "") : undefined;
    }
    return items;
  };
  return { emulator, account, data: account.mailbox, call, all, emit };
}

/** The event names `emit` was called with. */
export function emitted(emit: { mock: { calls: unknown[][] } }): string[] {
  return emit.mock.calls.map((args) => String(args[1]));
}
