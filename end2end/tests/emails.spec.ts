import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { hydrated, signIn } from "./helpers";

const SIGNED_OUT = { cookies: [], origins: [] };

test("a council administrator reads the email log, and a caseworker cannot @no-js", async ({ page, browser }, testInfo) => {
  // The caseworker's menu has no email log, and its address is refused.
  await page.goto("/cases");
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Emails" })).toHaveCount(0);
  const refused = await page.goto("/admin/emails");
  expect(refused?.status()).toBe(403);

  const context = await browser.newContext({ javaScriptEnabled: hydrated(testInfo), storageState: SIGNED_OUT });
  const admin = await context.newPage();
  await signIn(admin, "admin");
  await admin.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Emails" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Emails");
  // Their own sign-in code went through the outbox and was sent.
  const row = admin.getByRole("row").filter({ hasText: "admin@demo-council.test" }).filter({ hasText: "Your EHC hub sign-in code" });
  await expect(row.first()).toBeVisible();
  await expect(row.first().getByText("Sent", { exact: true })).toBeVisible();
  if (hydrated(testInfo)) {
    const results = await new AxeBuilder({ page: admin })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await context.close();
});
