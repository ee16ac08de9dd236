import { test, expect } from "@playwright/test";
import { open, todayInEngland, addDays, longDate, uniqueName } from "./helpers";

test.describe("Registering a request for assessment", () => {
  test("shows every problem, keeps what was typed, then opens the case @no-js", async ({ page }, testInfo) => {
    const lastName = uniqueName();
    await open(page, testInfo, "/cases/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Register a request for an EHC needs assessment");

    // First try: a first name, half a date of birth, a date received in the future.
    const tomorrow = addDays(todayInEngland(), 1);
    await page.getByLabel("First name").fill("Rowan");
    await page.getByRole("group", { name: "Date of birth" }).getByLabel("Day").fill("12");
    await page.getByRole("group", { name: "Date of birth" }).getByLabel("Year").fill("2016");
    const received = page.getByRole("group", { name: "Date the request was received" });
    await received.getByLabel("Day").fill(String(tomorrow.getUTCDate()));
    await received.getByLabel("Month").fill(String(tomorrow.getUTCMonth() + 1));
    await received.getByLabel("Year").fill(String(tomorrow.getUTCFullYear()));
    await page.getByRole("button", { name: "Register request" }).click();

    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    for (const message of [
      "Enter the child's last name",
      "The date of birth must include a month",
      "Select the child's current setting, or 'No current setting'",
      "Select who made the request",
      "The date the request was received must be today or in the past",
    ]) {
      await expect(summary.getByRole("link", { name: message })).toBeVisible();
    }
    await expect(summary.getByRole("link", { name: "Enter the child's first name" })).toHaveCount(0);
    // The message sits beside its field and is read out with it.
    await expect(page.getByLabel("Last name")).toHaveAccessibleDescription(/Enter the child's last name/);
    // Nothing typed is lost, and none of it went into the address.
    await expect(page.getByLabel("First name")).toHaveValue("Rowan");
    await expect(page.getByRole("group", { name: "Date of birth" }).getByLabel("Year")).toHaveValue("2016");
    expect(new URL(page.url()).search).toBe("");
    // The form is plain HTML with or without JavaScript: the page comes back
    // with the summary focused, so a screen reader reads it first.
    await expect(summary).toBeFocused();

    // The summary link takes the user to the field.
    await summary.getByRole("link", { name: "Enter the child's last name" }).click();
    await expect(page).toHaveURL(/#last_name$/);

    // Second try: everything right.
    const receivedOn = addDays(todayInEngland(), -10);
    await page.getByLabel("Last name").fill(lastName);
    await page.getByRole("group", { name: "Date of birth" }).getByLabel("Month").fill("5");
    await page.getByLabel("Current education setting").selectOption({ label: "Hillcrest Academy" });
    await page.getByRole("radio", { name: "School, college or nursery" }).check();
    await received.getByLabel("Day").fill(String(receivedOn.getUTCDate()));
    await received.getByLabel("Month").fill(String(receivedOn.getUTCMonth() + 1));
    await received.getByLabel("Year").fill(String(receivedOn.getUTCFullYear()));
    await page.getByRole("button", { name: "Register request" }).click();

    await expect(page).toHaveURL(/\/cases\/\d+\?registered=1$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Rowan ${lastName}`);
    await expect(page.getByText(/Request registered\. The case reference is DC-\d{6}\./)).toBeVisible();
    await expect(page.getByText("Request received").first()).toBeVisible();

    // The statutory timeline counts calendar weeks from the date received.
    const timeline = page.locator("dl.summary-list").first();
    const row = (label: string) => timeline.locator(".summary-list__row", { hasText: label });
    await expect(row("Decision whether to assess")).toContainText(`Week 6: by ${longDate(addDays(receivedOn, 42))}`);
    await expect(row("Decision whether to issue a plan")).toContainText(`Week 16: by ${longDate(addDays(receivedOn, 112))}`);
    await expect(row("Final plan issued")).toContainText(`Week 20: by ${longDate(addDays(receivedOn, 140))}`);
    await expect(row("Decision whether to assess")).toContainText("Due");
    await expect(page.getByText("Hillcrest Academy")).toBeVisible();
    await expect(page.getByText("School, college or nursery")).toBeVisible();

    // And the new case is in the caseworker's tray.
    await open(page, testInfo, `/cases?q=${lastName}`);
    const listed = page.getByRole("row", { name: new RegExp(lastName) });
    await expect(listed).toContainText("Request received");
    await expect(listed).toContainText("Hillcrest Academy");
    await expect(listed).toContainText(longDate(addDays(receivedOn, 42)));
  });

  test("a child with no current setting can be registered @no-js", async ({ page }, testInfo) => {
    const lastName = uniqueName();
    await open(page, testInfo, "/cases/new");
    await page.getByLabel("First name").fill("Wren");
    await page.getByLabel("Last name").fill(lastName);
    const dob = page.getByRole("group", { name: "Date of birth" });
    await dob.getByLabel("Day").fill("1");
    await dob.getByLabel("Month").fill("Sep");
    await dob.getByLabel("Year").fill("2021");
    await page.getByLabel("Current education setting").selectOption({ label: "No current setting" });
    await page.getByRole("radio", { name: "Parent or carer" }).check();
    const today = todayInEngland();
    const received = page.getByRole("group", { name: "Date the request was received" });
    await received.getByLabel("Day").fill(String(today.getUTCDate()));
    await received.getByLabel("Month").fill(String(today.getUTCMonth() + 1));
    await received.getByLabel("Year").fill(String(today.getUTCFullYear()));
    await page.getByRole("button", { name: "Register request" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Wren ${lastName}`);
    await expect(page.getByText("1 September 2021")).toBeVisible();
    await expect(page.getByText("No current setting")).toBeVisible();
  });
});

test("an unknown case answers 404 with a plain message @no-js", async ({ page }, testInfo) => {
  const response = await open(page, testInfo, "/cases/987654");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Case not found");
});
