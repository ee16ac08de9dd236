import { test, expect, type Page } from "@playwright/test";
import { hydrated } from "./helpers";

/** Opens `path` and returns the scripts and WebAssembly the page fetched. */
async function codeFetched(page: Page, path: string): Promise<string[]> {
  const fetched: string[] = [];
  const watch = (request: { url(): string }) => {
    const at = new URL(request.url()).pathname;
    if (at.endsWith(".js") || at.endsWith(".wasm")) fetched.push(at);
  };
  page.on("request", watch);
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  page.off("request", watch);
  return fetched;
}

test.describe("Phone-first pages", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(!hydrated(testInfo), "about what a browser with JavaScript downloads");
  });

  test("a page that only shows things downloads no JavaScript or WebAssembly", async ({ page }) => {
    await page.goto("/cases");
    const maya = await page.getByRole("link", { name: "Maya Quillfeather" }).getAttribute("href");
    for (const path of [maya!, `${maya}/plan`, "/cases/new", "/people/invite", "/account/security"]) {
      expect(await codeFetched(page, path), path).toEqual([]);
      await expect(page.locator("leptos-island")).toHaveCount(0);
      // Still a working page: its content is in the HTML.
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
  });

  test("the parts that act in the browser are islands, and hydrate", async ({ page }) => {
    await page.goto("/cases");
    const maya = await page.getByRole("link", { name: "Maya Quillfeather" }).getAttribute("href");
    for (const [path, island] of [
      ["/cases", "TraySearch"],
      [`${maya}/plan/edit/communication`, "LiveEditor"],
    ]) {
      const fetched = await codeFetched(page, path);
      expect(fetched, path).toEqual(expect.arrayContaining(["/pkg/ehc_hub.js", "/pkg/ehc_hub.wasm"]));
      await expect(page.locator(`leptos-island[data-component^="${island}_"]`)).toHaveCount(1);
      await expect(page.locator("body[data-hydrated=true]")).toHaveCount(1);
    }
  });
});
