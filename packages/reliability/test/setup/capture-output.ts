/**
 * Runs before every test file: whatever this process writes (stdout, stderr, console, warnings)
 * also goes into the file's transcript, which is scanned for canary secrets when the file ends.
 */
import { format } from "node:util";
import { transcript } from "../../src/transcript.js";

for (const [name, stream] of [
  ["stdout", process.stdout],
  ["stderr", process.stderr],
] as const) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    transcript.add(
      name,
      typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString(),
    );
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  // biome-ignore lint/suspicious/noConsole: wraps console to capture what the packages log.
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    transcript.add(`console.${method}`, format(...args));
    original(...args);
  };
}

process.on("warning", (warning) => transcript.addError("process warning", warning));
