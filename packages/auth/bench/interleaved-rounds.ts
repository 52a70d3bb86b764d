/** One way of making the benchmark's request; resolves once the answer's body is read. */
export interface Variant {
  name: string;
  call: () => Promise<void>;
}

/** How {@link measureInterleaved} runs the variants. */
export interface RoundsOptions {
  /** Requests per variant per round. */
  requests: number;
  /** Requests kept in flight at once, the same for every variant. */
  concurrency: number;
  /** Measured rounds; every variant runs once per round. */
  rounds: number;
  /** Unmeasured requests per variant before the first round (JIT, sockets, caches). */
  warmUp: number;
}

/** One timed run of a variant. */
export interface RunMeasure {
  /** Requests per second, wall clock. */
  rate: number;
  /** This process's CPU time (user + system) per request, in µs. */
  cpuMicros: number;
}

/** What {@link measureInterleaved} found for one variant. */
export interface VariantResult {
  name: string;
  /** Median requests per second over the rounds. */
  rate: number;
  /** Median over the rounds of this variant's rate ÷ the baseline's rate in the same round. */
  ratio: number;
  /** Median CPU µs per request of this process (the client side) over the rounds. */
  cpuMicros: number;
  /** Median over the rounds of the baseline's CPU per request ÷ this variant's, in the same round. */
  cpuRatio: number;
}

/** Runs `call` `requests` times with `concurrency` calls in flight. */
export async function measureRun(
  call: () => Promise<void>,
  requests: number,
  concurrency: number,
): Promise<RunMeasure> {
  let started = 0;
  const worker = async () => {
    while (started < requests) {
      started += 1;
      await call();
    }
  };
  const cpuBefore = process.cpuUsage();
  const begin = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  const seconds = (performance.now() - begin) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { rate: requests / seconds, cpuMicros: (cpu.user + cpu.system) / requests };
}

/**
 * Measures every variant in the same process, interleaved: after a warm-up, each round runs every
 * variant once, starting one later each round (A B C, B C A, C A B …) so no variant always follows
 * the same one (and inherits its garbage). Ratios are taken within a round, against the first
 * variant, and their median reported, so a machine that slows down mid-run skews no ratio. Many
 * short rounds beat a few long ones on a shared machine: the load changes less within a round.
 */
export async function measureInterleaved(
  variants: readonly Variant[],
  options: RoundsOptions,
): Promise<VariantResult[]> {
  const { requests, concurrency, rounds, warmUp } = options;
  for (const variant of variants) await measureRun(variant.call, warmUp, concurrency);
  const runs = variants.map(() => [] as RunMeasure[]);
  for (let round = 0; round < rounds; round += 1) {
    for (let k = 0; k < variants.length; k += 1) {
      const index = (round + k) % variants.length;
      const variant = variants[index] as Variant;
      runs[index]?.push(await measureRun(variant.call, requests, concurrency));
    }
  }
  const baseline = runs[0] ?? [];
  return variants.map((variant, index) => {
    const own = runs[index] ?? [];
    const against = (round: number) => baseline[round] ?? (own[round] as RunMeasure);
    return {
      name: variant.name,
      rate: median(own.map((run) => run.rate)),
      ratio: median(own.map((run, round) => run.rate / against(round).rate)),
      cpuMicros: median(own.map((run) => run.cpuMicros)),
      cpuRatio: median(own.map((run, round) => against(round).cpuMicros / run.cpuMicros)),
    };
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
