import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text", "json-summary"],
      // Lines are held at 100% (the Redis store needs TEST_REDIS_URL reachable to count).
      thresholds: { lines: 100, statements: 99, functions: 98, branches: 95 },
    },
  },
});
