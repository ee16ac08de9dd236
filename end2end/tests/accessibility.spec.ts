import { test, expect } from "@playwright/test";
// axe runs inside the page, so these run in the hydrated project only.
import AxeBuilder from "@axe-core/playwright";
import { open } from "./helpers";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// Case 3 is Maya's: a full demo plan (12 outcomes, 3 steps and 4 provisions each), shared.
// Case 4 is Theo's, whose final plan was issued almost a year ago.
for (const path of [
  "/cases",
  "/cases?tray=live",
  "/cases/new",
  "/cases/1",
  "/cases/3/plan",
  "/cases/3/plan/compare?from=1&to=1",
  "/cases/3/plan/issue",
  "/cases/3/views",
  "/cases/3/advice",
  // Theo's plan is in force: the form that records it ceased.
  "/cases/4/cease",
]) {
  test(`${path} has no WCAG 2.2 AA problems axe can find`, async ({ page }, testInfo) => {
    await open(page, testInfo, path);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}

test("the form with errors has no WCAG 2.2 AA problems axe can find", async ({ page }, testInfo) => {
  await open(page, testInfo, "/cases/new");
  await page.getByRole("button", { name: "Register request" }).click();
  await expect(page.getByText("There is a problem")).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("the sign-in page has no WCAG 2.2 AA problems axe can find", async ({ page }, testInfo) => {
    await open(page, testInfo, "/sign-in");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("There is a problem")).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

test("the plan editor and the share check have no WCAG 2.2 AA problems axe can find", async ({ page }, testInfo) => {
  await open(page, testInfo, "/cases/3/plan");
  const start = page.getByRole("button", { name: "Start draft version 2" });
  if (await start.count()) {
    await start.click();
    await expect(page.getByText("Draft version 2 (not shared)")).toBeVisible();
  }
  for (const path of ["/cases/3/plan", "/cases/3/plan/edit/communication", "/cases/3/plan/share"]) {
    await open(page, testInfo, path);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`), path).toEqual([]);
  }
});
