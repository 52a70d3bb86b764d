import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/capture-output.ts"],
    // The scenarios start emulators, child processes and databases: on a 2-core CI machine they
    // are steadier one file at a time than competing for the cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
