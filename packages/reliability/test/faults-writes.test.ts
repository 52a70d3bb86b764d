/**
 * Faults during writes: 200 creates (conversations, customers, notes), each carrying a unique
 * marker, sent while the emulator answers 5xx, resets connections, stalls and bursts 429s, and a
 * gateway in front of it loses the answers of writes the emulator DID apply. Then, with faults off,
 * the emulator's own state is searched for every marker:
 *
 * - a write that succeeded exists exactly once (nothing lost, nothing doubled by a retry);
 * - a write that failed with `outcome_unknown` exists at most once (it was never replayed);
 * - a write that failed with any other code does not exist (its failure was certain);
 * - every failure is a typed HelpScoutError.
 */
import { retryPolicy } from "@terapi/helpscout-auth";
import type { RunningEmulator } from "@terapi/helpscout-emulator";
import {
  createdId,
  createMailboxClient,
  isHelpScoutError,
  type MailboxClient,
} from "@terapi/helpscout-mailbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Canaries, createCanaries } from "../src/canaries.js";
import {
  clientCredentialsToken,
  issuedTokens,
  startCanaryEmulator,
} from "../src/canary-emulator.js";
import { describePhases, startFaultSchedule } from "../src/fault-schedule.js";
import { guardAgainstLeaks } from "../src/leak-guard.js";
import { report } from "../src/report.js";
import { type ResponseLossProxy, startResponseLossProxy } from "../src/response-loss-proxy.js";
import { SeededRandom, suiteSeed } from "../src/seeded-random.js";
import { transcript } from "../src/transcript.js";

const SCOPE = "faults during writes";
const WRITES = 200;
const CONCURRENCY = 8;

const seed = suiteSeed();
const random = new SeededRandom(seed ^ 0x5eed_0002);
const canaries: Canaries = createCanaries();
let running: RunningEmulator | undefined;
let gateway: ResponseLossProxy | undefined;
let mailbox: MailboxClient;

guardAgainstLeaks(SCOPE, () => ({
  ...canaries,
  ...(running ? issuedTokens(running.emulator) : {}),
}));

beforeAll(async () => {
  report(SCOPE, `seed ${seed} (replay with RELIABILITY_SEED=${seed})`);
  running = await startCanaryEmulator(canaries, {
    seed: 22,
    size: { conversations: 40, customers: 30 },
    clock: { speed: 600 },
  });
  gateway = await startResponseLossProxy(running.url, random, 0.1);
  mailbox = createMailboxClient({
    accessToken: await clientCredentialsToken(running.url, canaries),
    baseUrl: gateway.url,
    throttle: false,
    retry: retryPolicy({ maxRetries: 6, backoff: (attempt) => 5 * attempt }),
  });
});

afterAll(async () => {
  await gateway?.close();
  await running?.close();
});

type Kind = "conversation" | "customer" | "note";
interface Write {
  kind: Kind;
  marker: string;
}
type Outcome = { status: "created"; id: number } | { status: "failed"; code: string };

/** Sends one create carrying `marker` where it can be found again. */
async function send(
  write: Write,
  conversationIds: number[],
  customerIds: number[],
  mailboxId: number,
) {
  const customerId = random.pick(customerIds);
  if (write.kind === "conversation") {
    return createdId(
      await mailbox.POST("/v2/conversations", {
        body: {
          subject: write.marker,
          type: "email",
          mailboxId,
          status: "active",
          customer: { id: customerId },
          threads: [{ type: "customer", customer: { id: customerId }, text: "Is it there once?" }],
        },
      }),
    );
  }
  if (write.kind === "customer") {
    return createdId(
      await mailbox.POST("/v2/customers", { body: { firstName: "Once", lastName: write.marker } }),
    );
  }
  const conversationId = random.pick(conversationIds);
  return createdId(
    await mailbox.POST("/v2/conversations/{conversationId}/notes", {
      params: { path: { conversationId } },
      body: { text: write.marker },
    }),
  );
}

/** How many objects of the emulator's state carry `marker` (read directly, faults off). */
function occurrences(write: Write): number {
  const data = running!.emulator.account().mailbox;
  if (write.kind === "conversation") {
    return [...data.conversations.values()].filter((c) => c.subject === write.marker).length;
  }
  if (write.kind === "customer") {
    return [...data.customers.values()].filter((c) => c.lastName === write.marker).length;
  }
  let notes = 0;
  for (const threads of data.threads.values()) {
    notes += threads.filter(
      (t) => t.type === "note" && JSON.stringify(t).includes(write.marker),
    ).length;
  }
  return notes;
}

describe("writes under injected faults", () => {
  it(`${WRITES} creates: each exists once if it succeeded, at most once if its outcome is unknown`, async () => {
    const { emulator } = running!;
    const account = emulator.account().mailbox;
    const conversationIds = [...account.conversations.keys()];
    const customerIds = [...account.customers.keys()];
    const [mailboxId = 0] = account.mailboxes.keys();
    const kinds: Kind[] = ["conversation", "customer", "note"];
    const writes: Write[] = Array.from({ length: WRITES }, (_, index) => ({
      kind: kinds[index % 3] as Kind,
      marker: `reliability-${seed}-${String(index).padStart(4, "0")}`,
    }));
    const outcomes = new Map<Write, Outcome>();
    const before = { ...emulator.stats };
    const schedule = startFaultSchedule(emulator, random, { intervalMs: 100 });
    let next = 0;
    const started = performance.now();
    try {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < writes.length) {
            const write = writes[next++] as Write;
            try {
              outcomes.set(write, {
                status: "created",
                id: await send(write, conversationIds, customerIds, mailboxId),
              });
            } catch (error) {
              transcript.addError(`${SCOPE} ${write.kind}`, error);
              expect(isHelpScoutError(error), String(error)).toBe(true);
              outcomes.set(write, { status: "failed", code: (error as { code: string }).code });
            }
          }
        }),
      );
    } finally {
      schedule.stop();
      gateway!.lossRatio = 0;
    }
    const ms = Math.round(performance.now() - started);

    const tally = { created: 0, unknownApplied: 0, unknownNotApplied: 0, otherFailures: 0 };
    const codes: Record<string, number> = {};
    const wrong: string[] = [];
    for (const write of writes) {
      const outcome = outcomes.get(write);
      const found = occurrences(write);
      if (outcome?.status === "created") {
        tally.created += 1;
        if (found !== 1) wrong.push(`${write.marker} (${write.kind}) created, found ${found}×`);
        continue;
      }
      const code = outcome?.code ?? "no outcome";
      codes[code] = (codes[code] ?? 0) + 1;
      if (code === "outcome_unknown") {
        if (found === 1) tally.unknownApplied += 1;
        else tally.unknownNotApplied += 1;
        if (found > 1)
          wrong.push(`${write.marker} (${write.kind}) outcome unknown, found ${found}×`);
      } else {
        tally.otherFailures += 1;
        if (found !== 0)
          wrong.push(`${write.marker} (${write.kind}) failed ${code}, found ${found}×`);
      }
    }
    const { stats } = emulator;
    const lost = gateway!.counts;
    report(
      SCOPE,
      `${WRITES} creates in ${ms} ms, ${CONCURRENCY} at a time: ${tally.created} created (each found once), ${tally.unknownApplied + tally.unknownNotApplied} outcome_unknown (${tally.unknownApplied} had been applied, ${tally.unknownNotApplied} had not; none replayed), ${tally.otherFailures} other failures ${JSON.stringify(codes)}; duplicates 0 expected, ${wrong.length} wrong`,
    );
    report(
      SCOPE,
      `injected by the emulator: ${stats.serverErrors - before.serverErrors} 5xx, ${stats.resets - before.resets} resets, ${stats.rateLimited - before.rateLimited} 429s (retried) over ${stats.requests - before.requests} requests; by the gateway after the write was applied: ${lost.resetAfterApplied} resets, ${lost.badGatewayAfterApplied} 502 pages; phases: ${describePhases(schedule.phases)}`,
    );
    expect(wrong).toEqual([]);
    expect(
      tally.created + tally.unknownApplied + tally.unknownNotApplied + tally.otherFailures,
    ).toBe(WRITES);
    // Not vacuous: writes succeeded, 429s were retried, and unknown outcomes of both kinds happened.
    expect(tally.created).toBeGreaterThan(0);
    expect(stats.rateLimited - before.rateLimited).toBeGreaterThan(0);
    expect(tally.unknownApplied).toBeGreaterThan(0);
    expect(tally.unknownNotApplied).toBeGreaterThan(0);
  });
});
