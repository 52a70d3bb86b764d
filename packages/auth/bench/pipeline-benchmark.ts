/**
 * The pipeline benchmark (`pnpm bench`): what the request pipeline costs, in requests per second
 * against a local keep-alive server, compared in one process, in interleaved rounds, at the same
 * concurrency and request count:
 *
 * 1. raw `globalThis.fetch`, the Authorization header set by hand;
 * 2. a bare openapi-fetch client (no pipeline), the header set by hand;
 * 3. `createHelpScoutFetch`: retry + auth (static bearer token) + throttle + errors;
 * 4. the typed Mailbox client (`createMailboxClient`), i.e. openapi-fetch over that pipeline.
 *
 * Every call is `GET /v2/conversations/1` and reads the JSON body. The server runs in a child
 * process so this process's CPU goes to the clients only (the server would otherwise add the same
 * cost to every variant and flatter the ratios). The throttle runs in full: its configured limit
 * and the server's `X-RateLimit-*` headers are set so high that it never waits.
 *
 * Prints req/s and the ratio of each against raw fetch; the pipeline must reach 0.9× raw fetch and
 * the Mailbox client (openapi-fetch's own work on top) 0.75×. Exits 1 when either does not.
 *
 * The package itself is imported by name (its built `dist`, what users run); the Mailbox client
 * resolves through the workspace root, which depends on every package (the Mailbox package depends
 * on this one, so this one cannot list it).
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  bearerTokenPolicy,
  createHelpScoutFetch,
  mailboxThrottle,
  retryPolicy,
  staticTokenSource,
} from "@terapi/helpscout-auth";
import { createMailboxClient, type paths } from "@terapi/helpscout-mailbox";
import createClient from "openapi-fetch";
import { measureInterleaved, type Variant } from "./interleaved-rounds.js";

const PIPELINE = "pipeline (createHelpScoutFetch)";
const CLIENT = "mailbox client (createMailboxClient)";
/** The least req/s ratio to raw fetch each gated variant must reach. */
const TARGETS: Record<string, number> = { [PIPELINE]: 0.9, [CLIENT]: 0.75 };
const settings = {
  requests: Number(process.env.BENCH_REQUESTS ?? 1000),
  concurrency: 16,
  rounds: Number(process.env.BENCH_ROUNDS ?? 25),
  warmUp: 3000,
};
/** So high that the throttle never waits: the pipeline's full cost, none of its pacing. */
const UNLIMITED = 1_000_000;

const out = (line = "") => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const token = randomBytes(16).toString("hex");
  const server = fork(new URL("./keep-alive-server.ts", import.meta.url), {
    env: { ...process.env, BENCH_TOKEN: token },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const baseUrl = `http://127.0.0.1:${await portOf(server)}`;
    const url = `${baseUrl}/v2/conversations/1`;
    const authorization = `Bearer ${token}`;
    const path = { params: { path: { conversationId: 1 } } };

    const bare = createClient<paths>({ baseUrl, headers: { authorization } });
    const pipeline = createHelpScoutFetch({
      retry: retryPolicy(),
      auth: bearerTokenPolicy(staticTokenSource(token)),
      throttle: mailboxThrottle({ account: "bench-pipeline", perMinute: UNLIMITED }),
    });
    const mailbox = createMailboxClient({
      accessToken: token,
      baseUrl,
      throttle: mailboxThrottle({ account: "bench-mailbox", perMinute: UNLIMITED }),
    });
    const variants: Variant[] = [
      {
        name: "raw fetch",
        call: async () => {
          const response = await fetch(url, { headers: { authorization } });
          if (!response.ok) throw new Error(`raw fetch answered ${response.status}`);
          await response.json();
        },
      },
      {
        name: "bare openapi-fetch",
        call: async () => {
          const { error } = await bare.GET("/v2/conversations/{conversationId}", path);
          if (error !== undefined) throw new Error("bare openapi-fetch got an error answer");
        },
      },
      {
        name: PIPELINE,
        call: async () => {
          await (await pipeline(url)).json();
        },
      },
      {
        name: CLIENT,
        call: async () => {
          await mailbox.GET("/v2/conversations/{conversationId}", path);
        },
      },
    ];

    out(
      `Pipeline benchmark: GET ${new URL(url).pathname} to a keep-alive node:http server on 127.0.0.1 (child process)`,
    );
    out(
      `  ${settings.rounds} interleaved rounds × ${settings.requests} requests per variant, ${settings.concurrency} in flight, after ${settings.warmUp} warm-up requests each`,
    );
    const started = performance.now();
    const results = await measureInterleaved(variants, settings);

    out();
    let failed = false;
    const rows = results.map((result) => {
      const target = TARGETS[result.name];
      const gated = target !== undefined;
      const pass = gated && result.ratio >= target;
      if (gated && !pass) failed = true;
      return [
        result.name,
        result.rate.toFixed(0),
        `${result.ratio.toFixed(2)}×`,
        result.cpuMicros.toFixed(0),
        `${result.cpuRatio.toFixed(2)}×`,
        gated ? `req/s ≥ ${target}× raw` : "",
        gated ? (pass ? "PASS" : "FAIL") : "info",
      ];
    });
    printTable(
      ["variant", "req/s", "× raw fetch", "CPU µs/req", "× raw (CPU)", "target", ""],
      rows,
    );
    out();
    out("× raw fetch: the median over the rounds of the ratio within each round.");
    out(
      "CPU: this process's (the client's) CPU per request; × raw (CPU) is raw fetch's ÷ the variant's,",
    );
    out("the req/s ratio on a machine where nothing else competes for the CPU.");
    out(`\n(benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    if (failed) process.exitCode = 1;
  } finally {
    server.disconnect();
  }
}

/** The port the server child reports once it listens; fails if it exits first. */
function portOf(server: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("message", (message) => resolve((message as { port: number }).port));
    server.once("error", reject);
    server.once("exit", (code) =>
      reject(new Error(`the keep-alive server exited (code ${code}) before it listened`)),
    );
  });
}

/** Prints rows as aligned columns: text left, numbers right. */
function printTable(head: readonly string[], rows: readonly string[][]): void {
  const widths = head.map((cell, i) =>
    Math.max(cell.length, ...rows.map((r) => r[i]?.length ?? 0)),
  );
  const numeric = (i: number) => i >= 1 && i <= 4;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  out(line(head));
  for (const row of rows) out(line(row));
}

await main();
