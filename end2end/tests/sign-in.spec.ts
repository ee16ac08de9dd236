import { test, expect } from "@playwright/test";
import { signIn, DEMO_PASSWORD, hydrated, mailTo } from "./helpers";

// These journeys start signed out.
test.use({ storageState: { cookies: [], origins: [] } });

test("signing in takes a password and an emailed code, and signing out ends it @no-js", async ({ page }, testInfo) => {
  // Each project signs in as its own person, so emailed codes never cross.
  const who = hydrated(testInfo) ? "panel" : "admin";
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, who);
  // A panel member and an administrator hold no cases: they see the council's.
  await expect(page.getByRole("heading", { level: 1, name: "Cases in progress" })).toBeVisible();
  await expect(page.getByText(hydrated(testInfo) ? "Tom Reilly" : "Priya Shah")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a wrong password gets a plain message and keeps the email address @no-js", async ({ page }, testInfo) => {
  const email = hydrated(testInfo) ? "young.person@demo-council.test" : "senco@demo-council.test";
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "Enter a correct email address and password" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  if (!hydrated(testInfo)) {
    // The server never sends a password back, not even into the form.
    await expect(page.getByLabel("Password")).toHaveValue("");
    expect(await page.content()).not.toContain("not the password");
  }
});

test("too many wrong passwords lock the account for a while, and only its owner is told", async ({ page }, testInfo) => {
  test.skip(!hydrated(testInfo), "one project locks the account");
  const sameAnswer = "Enter a correct email address and password. After 5 wrong passwords or codes, an account is locked for 15 minutes";
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email address").fill("advocate@demo-council.test");
    await page.getByLabel("Password").fill(`wrong ${i}`);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  }
  // The page says what it says for any address, so it does not tell who has an account…
  await expect(page.getByRole("link", { name: sameAnswer })).toBeVisible();
  // …and the owner learns of the lock by email.
  await expect.poll(() => mailTo("advocate@demo-council.test").some((m) => m.includes("Your EHC hub account is locked"))).toBe(true);
  // Even the right password is refused until the lock ends, with the same answer.
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("link", { name: sameAnswer })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test.describe("what each person sees", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(!hydrated(testInfo), "one project signs these people in");
  });

  test("a parent sees only their own child", async ({ page }) => {
    await signIn(page, "parent");
    await expect(page.getByRole("row", { name: /Poppy Larkspur/ })).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(2);
    await page.getByRole("link", { name: "My live cases" }).click();
    await expect(page.getByText("There are no cases here.")).toBeVisible();
    const response = await page.goto("/cases/2");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Case not found");
  });

  test("a professional's access ends 60 days after the plan is issued", async ({ page }) => {
    await signIn(page, "psychologist");
    await expect(page.getByRole("row", { name: /Ezra Thistlewood/ })).toBeVisible();
    await page.getByRole("link", { name: "My live cases" }).click();
    // Theo's plan was issued almost a year ago.
    await expect(page.getByText("There are no cases here.")).toBeVisible();
    const response = await page.goto("/cases/4");
    expect(response?.status()).toBe(404);
  });

  test("a team manager sees the cases their team was asked about", async ({ page }) => {
    await signIn(page, "salt.manager");
    await expect(page.getByRole("row", { name: /Maya Quillfeather/ })).toBeVisible();
    // Other journeys ask the team about cases of their own, so no count: a
    // case the team was not asked about is neither listed nor open to them.
    await expect(page.getByRole("row", { name: /Poppy Larkspur/ })).toHaveCount(0);
    const response = await page.goto("/cases/1");
    expect(response?.status()).toBe(404);
  });
});
