import type { Emulator, Faults } from "@terapi/helpscout-emulator";
import type { SeededRandom } from "./seeded-random.js";

/** The fault phases a schedule moves through. */
export type FaultPhase =
  | "calm"
  | "5xx"
  | "resets"
  | "latency spike"
  | "429 burst"
  | "storm"
  | "outage";

/** A running schedule of emulator faults; see {@link startFaultSchedule}. */
export interface FaultSchedule {
  /** How many times each phase began. */
  phases: Record<FaultPhase, number>;
  /** Turns every fault off and stops changing them. */
  stop(): void;
}

const OFF: Faults = { serverErrorRatio: 0, resetRatio: 0, latencyMs: 0, force429: 0 };

/** The knobs of each phase; `429 burst` answers the next few requests 429 whatever the budget. */
function faultsOf(phase: FaultPhase, random: SeededRandom): Faults {
  switch (phase) {
    case "calm":
      return OFF;
    case "5xx":
      return { ...OFF, serverErrorRatio: 0.3 };
    case "resets":
      return { ...OFF, resetRatio: 0.25 };
    case "latency spike":
      return { ...OFF, latencyMs: random.int(150, 400) };
    case "429 burst":
      return { ...OFF, force429: random.int(3, 8) };
    case "storm":
      return { serverErrorRatio: 0.15, resetRatio: 0.1, latencyMs: 50, force429: 2 };
    case "outage":
      return { ...OFF, serverErrorRatio: 1 };
  }
}

const PHASES: readonly FaultPhase[] = [
  "calm",
  "5xx",
  "resets",
  "latency spike",
  "429 burst",
  "storm",
];

/** Options of {@link startFaultSchedule}. */
export interface FaultScheduleOptions {
  /** How often the phase changes, in real milliseconds. Default 200. */
  intervalMs?: number;
  /**
   * Start an outage (every request 5xx, so retries run out) once the emulator has answered this
   * many more requests, for `outageMs`: whatever is syncing then fails, and the next run must
   * resume it. Counted in requests, not time, so a fast machine cannot finish before it.
   */
  outageAfterRequests?: number;
  /** Length of the outage. Default 300 ms. */
  outageMs?: number;
}

/**
 * Changes the emulator's fault knobs every `intervalMs` (real time) to a phase picked by `random`:
 * 5xx answers, connection resets, latency spikes, 429 bursts, all of them, or calm — plus one
 * outage when asked. Starts with a storm, so that the first requests meet faults too.
 */
export function startFaultSchedule(
  emulator: Emulator,
  random: SeededRandom,
  options: FaultScheduleOptions = {},
): FaultSchedule {
  const phases = Object.fromEntries([...PHASES, "outage"].map((phase) => [phase, 0])) as Record<
    FaultPhase,
    number
  >;
  let outage = false;
  const enter = (phase: FaultPhase) => {
    phases[phase] += 1;
    Object.assign(emulator.faults, faultsOf(phase, random));
  };
  enter("storm");
  const timer = setInterval(() => {
    if (!outage) enter(random.pick(PHASES));
  }, options.intervalMs ?? 200);
  const timers: NodeJS.Timeout[] = [];
  const outageAt =
    options.outageAfterRequests === undefined
      ? undefined
      : emulator.stats.requests + options.outageAfterRequests;
  if (outageAt !== undefined) {
    // Polled often enough that the outage starts within a request or two of its mark.
    const watch = setInterval(() => {
      if (emulator.stats.requests < outageAt) return;
      clearInterval(watch);
      outage = true;
      enter("outage");
      timers.push(
        setTimeout(() => {
          outage = false;
          enter("calm");
        }, options.outageMs ?? 300),
      );
    }, 1);
    timers.push(watch);
  }
  return {
    phases,
    stop() {
      clearInterval(timer);
      for (const pending of timers) clearInterval(pending);
      Object.assign(emulator.faults, OFF);
    },
  };
}

/** `5xx 3, resets 2, …`: the phases of a schedule, for reports. */
export function describePhases(phases: Record<FaultPhase, number>): string {
  return Object.entries(phases)
    .map(([phase, count]) => `${phase} ${count}`)
    .join(", ");
}
