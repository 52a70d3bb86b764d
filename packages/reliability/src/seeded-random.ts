/** The emulator's seeded PRNG (mulberry32): a seed replays the kill moments, fault schedules and fuzz corpus. */
export { SeededRandom } from "@terapi/helpscout-emulator";

/**
 * The seed of this run: `RELIABILITY_SEED` when set (to replay a run), otherwise a fresh one.
 * Each test file derives its own generator from it with a distinct `salt`.
 */
export function suiteSeed(): number {
  const given = process.env.RELIABILITY_SEED;
  if (given !== undefined && given !== "") {
    const seed = Number(given);
    if (!Number.isInteger(seed))
      throw new Error(`RELIABILITY_SEED must be an integer, not ${given}`);
    return seed >>> 0;
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}
