import { createHash } from "node:crypto";
import { MemoryBudgetStore } from "./budget-store.js";

/**
 * The budget store the clients use when you pass none: one per process, so every client of the
 * same account in this process draws from one budget. This is deliberate shared state (as
 * Octokit's throttling keeps its limiter groups module-wide); pass `throttle` to a client for your
 * own store, e.g. `RedisBudgetStore` when several processes share an account.
 */
export const sharedBudgetStore = new MemoryBudgetStore();

/**
 * The account key a client throttles under when you name none: the connection, or a hash of the
 * credential (never the credential itself), so clients with the same credentials share a budget.
 */
export function accountKeyOf(
  api: "docs" | "mailbox",
  credential:
    | { connection: { providerConfigKey: string; connectionId: string } }
    | { secret: string },
): string {
  if ("connection" in credential) {
    const { providerConfigKey, connectionId } = credential.connection;
    return `${providerConfigKey}:${connectionId}`;
  }
  const digest = createHash("sha256").update(credential.secret).digest("hex").slice(0, 16);
  return `${api}:${digest}`;
}
