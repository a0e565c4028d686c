import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Engine-backed tests spawn a 1.5 GB Lean process each; run files one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 900_000,
    reporters: ["default"],
  },
});
