#!/usr/bin/env node
import { main } from "../cli.js";

// Ctrl-C stops long-running commands (emulator, connect) cleanly; a second one exits at once. A
// sync interrupted this way keeps every committed page: run it again to resume.
const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
}

const code = await main(process.argv.slice(2), { signal: controller.signal });
// After an interrupt, work the command abandoned (requests in flight) must not keep the process.
if (controller.signal.aborted) process.exit(code);
process.exitCode = code;
