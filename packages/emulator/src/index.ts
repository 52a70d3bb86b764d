export { EmulatorClock } from "./clock.js";
export type { Emulator, EmulatorOptions } from "./emulator.js";
export { createEmulator } from "./emulator.js";
export { CODE_LIFETIME_MS, DEFAULT_REDIRECT_URI } from "./oauth/tokens.js";
export { SeededRandom } from "./random.js";
export { DEFAULT_SEED_SIZE } from "./seed/accounts.js";
export type { RunningEmulator, StartEmulatorOptions } from "./server.js";
export { isLoopbackHost, startEmulator } from "./server.js";
export type {
  Account,
  EmulatorContext,
  EmulatorStats,
  Faults,
  RateLimits,
  SeedSize,
} from "./types.js";
export {
  signWebhookBody,
  WEBHOOK_BACKOFF_MS,
  WEBHOOK_RETRIES,
  WEBHOOK_TIMEOUT_MS,
} from "./webhook-delivery.js";
