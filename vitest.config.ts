import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two files at once, one per core: the engine-backed files start Lean processes of about
    // 1.5 GB each (at most two per file), well inside the machine's memory, and every file works
    // in its own temporary folders. Measured on the 2-core machine: 222 s against 296 s one
    // file at a time (`npx vitest run`, 2026-12-03).
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 900_000,
    reporters: ["default"],
  },
});
