import type { Account, EmulatorContext } from "./types.js";

/** STUB — replaced by the webhook delivery. */
export async function deliverWebhook(
  _emulator: EmulatorContext,
  _account: Account,
  _event: string,
  _payload: unknown,
  _transport: (request: Request) => Promise<Response>,
): Promise<void> {}
