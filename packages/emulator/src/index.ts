export { EmulatorClock } from "./clock.js";
export type { Emulator, EmulatorOptions } from "./emulator.js";
export { createEmulator } from "./emulator.js";
export { DEFAULT_SEED_SIZE } from "./seed/accounts.js";
export type {
  Account,
  EmulatorContext,
  EmulatorStats,
  Faults,
  RateLimits,
  SeedSize,
} from "./types.js";
