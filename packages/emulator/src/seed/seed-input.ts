import type { EmulatorClock } from "../clock.js";
import type { SeededRandom } from "../random.js";
import type { SeedSize } from "../types.js";

/** What a seeder gets: the shared PRNG and clock, the sizes, and which account it seeds. */
export interface SeedInput {
  random: SeededRandom;
  clock: EmulatorClock;
  size: SeedSize;
  accountIndex: number;
}
