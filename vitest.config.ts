import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [
      "test/corpus/**",
      "test/corpus-holdout/**",
      "node_modules/**",
      "dist/**",
    ],
    testTimeout: 20000,
    hookTimeout: 30000,
    pool: "forks",
  },
});
