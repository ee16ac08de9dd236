import { defineConfig } from "@playwright/test";

// First-visit figures on a throttled phone link (`bash .ci/bench-bundle`):
// not part of the test command, which checks only deterministic sizes.
export default defineConfig({
  testDir: "./bench",
  testMatch: /\.bench\.ts$/,
  workers: 1,
  retries: 0,
  timeout: 600_000,
  reporter: "list",
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3418",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});
