import { startEmulator } from "@terapi/helpscout-emulator";

// Over real HTTP on 127.0.0.1: a minute of emulated time passes every second.
const { url, emulator, close } = await startEmulator({ seed: 1, clock: { speed: 60 } });
console.log(
  `Mailbox and Docs APIs at ${url}; OAuth app acme-app / acme-secret; Docs key acme-docs-key`,
);

// Script faults for a test or a benchmark, here or with PUT ${url}/_emulator/faults.
Object.assign(emulator.faults, { serverErrorRatio: 0.1, latencyMs: 20 });

// … point your clients at `url` …
console.log(emulator.stats);
await close();
