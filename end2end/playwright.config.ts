import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium (installed by .ci/lib.sh); Playwright never downloads a browser.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

/** Where the signed-in caseworker's cookies are kept between projects. */
export const CASEWORKER = ".auth/caseworker.json";

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3417",
    trace: "retain-on-failure",
  },
  projects: [
    // Signs the demo caseworker in once; the journeys below reuse the session.
    { name: "sign-in", testMatch: /auth\.setup\.ts/, use: { ...chromium } },
    // Every journey, with the WASM loaded and the page hydrated.
    {
      name: "hydrated",
      dependencies: ["sign-in"],
      use: { ...chromium, javaScriptEnabled: true, storageState: CASEWORKER },
    },
    // Forms and server rendering again with JavaScript off: plain HTML must do.
    {
      name: "no-js",
      grep: /@no-js/,
      dependencies: ["sign-in"],
      use: { ...chromium, javaScriptEnabled: false, storageState: CASEWORKER },
    },
  ],
});
