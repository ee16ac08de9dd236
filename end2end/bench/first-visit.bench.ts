import { test, expect, type Browser, type BrowserContext } from "@playwright/test";
import { signIn } from "../tests/helpers";

// A weak mobile signal, as DevTools emulates it: 400 kbit/s each way, 400 ms latency.
const PHONE_LINK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

interface Visit {
  page: string;
  bytes: Record<string, number>;
  total: number;
  readableMs: number;
  interactiveMs: number | null;
}

/** Signs `who` in on an unthrottled link and returns their cookies. */
async function session(browser: Browser, who: string): Promise<StorageState> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  const state = await context.storageState();
  await context.close();
  return state;
}

/**
 * Opens `path` once, as a first visit (nothing cached) on a phone on the link
 * above, and measures what came over the wire and when the page was readable
 * (first contentful paint) and interactive (every island hydrated).
 */
async function firstVisit(browser: Browser, label: string, state: StorageState | undefined, path: string): Promise<Visit> {
  const context = await browser.newContext({
    storageState: state,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { hydratedAt?: number };
    new MutationObserver(() => {
      if (w.hydratedAt === undefined && document.body?.dataset.hydrated === "true") w.hydratedAt = performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", PHONE_LINK);
  const kinds = new Map<string, string>();
  const bytes: Record<string, number> = {};
  cdp.on("Network.responseReceived", (e) => {
    const url = new URL(e.response.url);
    const kind = url.pathname.endsWith(".wasm") ? "wasm"
      : url.pathname.endsWith(".js") ? "js"
      : url.pathname.endsWith(".css") ? "css"
      : e.type === "Document" ? "html" : "other";
    kinds.set(e.requestId, kind);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const kind = kinds.get(e.requestId) ?? "other";
    bytes[kind] = (bytes[kind] ?? 0) + e.encodedDataLength;
  });
  await page.goto(path, { waitUntil: "load", timeout: 300_000 });
  const islands = await page.locator("leptos-island").count();
  // The old whole-app bundle marked the body too, from its root component.
  const wasmPage = islands > 0 || (await page.locator('link[rel="modulepreload"]').count()) > 0;
  if (wasmPage) await page.waitForSelector("body[data-hydrated=true]", { state: "attached", timeout: 300_000 });
  await page.waitForLoadState("networkidle", { timeout: 300_000 });
  const timing = await page.evaluate(() => ({
    readable: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    hydrated: (window as unknown as { hydratedAt?: number }).hydratedAt ?? null,
  }));
  await context.close();
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return { page: label, bytes, total, readableMs: timing.readable, interactiveMs: timing.hydrated };
}

test("first visits on a throttled phone link", async ({ browser }) => {
  const caseworker = await session(browser, "caseworker");
  const parent = await session(browser, "parent");

  // Maya's case: her shared draft plan, readable by a parent given access,
  // and a new draft version for the caseworker to edit.
  const setup = await browser.newContext({ storageState: caseworker });
  const page = await setup.newPage();
  await page.goto("/cases");
  const maya = (await page.getByRole("link", { name: "Maya Quillfeather" }).getAttribute("href"))!;
  await page.goto(maya);
  await page.getByLabel("Give a person access to this case").fill("parent@demo-council.test");
  await page.getByRole("button", { name: "Give access" }).click();
  await expect(page.getByText("Access given.")).toBeVisible();
  await page.goto(`${maya}/plan`);
  await page.getByRole("button", { name: "Start draft version 2" }).click();
  await expect(page.getByText("Draft version 2 (not shared)")).toBeVisible();
  await setup.close();

  const visits = [
    await firstVisit(browser, "sign-in (signed out)", undefined, "/sign-in"),
    await firstVisit(browser, "case list (caseworker)", caseworker, "/cases"),
    await firstVisit(browser, "case summary (parent)", parent, maya),
    await firstVisit(browser, "shared draft plan (parent)", parent, `${maya}/plan?version=1`),
    await firstVisit(browser, "part editor (caseworker)", caseworker, `${maya}/plan/edit/communication`),
  ];
  const kb = (n: number | undefined) => ((n ?? 0) / 1000).toFixed(1);
  const ms = (n: number | null) => (n === null ? "-" : `${(n / 1000).toFixed(2)} s`);
  console.log("\npage | total KB | html | css | js | wasm | readable (FCP) | interactive (islands hydrated)");
  for (const v of visits) {
    console.log(
      `${v.page} | ${kb(v.total)} | ${kb(v.bytes.html)} | ${kb(v.bytes.css)} | ${kb(v.bytes.js)} | ${kb(v.bytes.wasm)} | ${ms(v.readableMs)} | ${ms(v.interactiveMs)}`,
    );
  }
});
