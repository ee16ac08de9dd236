import { test, expect } from "@playwright/test";
import { open, asPerson, newCaseWithParent, uniqueName, PARENT_PASSWORD, todayInEngland, addDays, longDate, mailTo } from "./helpers";

const SALT = "Demo Community Health NHS Trust: Speech and Language Therapy";
const MANAGER = "salt.manager@demo-council.test";

test.describe("Asking teams for advice", () => {
  test.setTimeout(90_000);

  test("the caseworker asks a therapy team for advice; its manager is emailed, sees the request and answers no with a reason; the family see it @no-js", async ({ page, browser }, testInfo) => {
    const lastName = uniqueName();
    const { caseUrl, parentEmail } = await newCaseWithParent(page, testInfo, lastName, browser);
    const reference = (await page.locator(".caption-l").first().textContent())!.split(" · ")[0].trim();
    await page.getByRole("link", { name: "Advice and information" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Advice and information" })).toBeVisible();
    await expect(page.getByText("Nobody has been asked yet.")).toBeVisible();

    // Sent with nothing chosen: each problem is named beside its field, and the note is kept.
    const note = "Please include eating and drinking at lunchtime.";
    await page.getByLabel("Note for the person asked (optional)").fill(note);
    await page.getByRole("button", { name: "Send request" }).click();
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("link", { name: "Select what you are asking for" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Select the team or professional to ask" })).toBeVisible();
    await expect(page.getByLabel("Note for the person asked (optional)")).toHaveValue(note);

    const due = longDate(addDays(todayInEngland(), 42));
    await page.getByRole("radio", { name: /Advice for the needs assessment/ }).check();
    await page.getByLabel("Who are you asking?").selectOption({ label: `${SALT} (Health)` });
    const before = mailTo(MANAGER).length;
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText("Request sent. The team or professional has been emailed.")).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: SALT });
    await expect(row).toContainText("Request for advice");
    await expect(row).toContainText(due);
    await expect(row).toContainText("Requested");
    await expect(row).toContainText(note);

    // The team's manager hears of it without the child's details, and finds it.
    // Parallel journeys email this manager too: find this case's request among the newer emails.
    const requestMail = () => mailTo(MANAGER).slice(before).find((m) => m.includes(`Request for advice: case ${reference}`));
    await expect.poll(() => requestMail() !== undefined, { message: "the request's email" }).toBe(true);
    const mail = requestMail()!;
    expect(mail).toContain(due);
    expect(mail).not.toContain(lastName);
    const manager = await asPerson(browser, testInfo, "salt.manager");
    await open(manager, testInfo, `${caseUrl}/advice`);
    await expect(manager.getByRole("row").filter({ hasText: SALT })).toContainText("Requested");
    await expect(manager.getByRole("button", { name: "Send request" })).toHaveCount(0);

    // The manager answers for the team: "No – other" needs its reason.
    await expect(manager.getByRole("heading", { name: `Answer for ${SALT}` })).toBeVisible();
    await manager.getByRole("radio", { name: "No – other" }).check();
    await manager.getByRole("button", { name: "Send answer" }).click();
    await expect(manager.getByRole("alert").getByRole("link", { name: "Give the reason for “No – other”" })).toBeVisible();
    await expect(manager.getByRole("radio", { name: "No – other" })).toBeChecked();
    const asker = mailTo("caseworker@demo-council.test").length;
    await manager.getByRole("radio", { name: "No – not known, does not meet criteria" }).check();
    await manager.getByLabel("Reason").fill("Not known to the service; eating and drinking is seen by the dietetics team.");
    await manager.getByRole("button", { name: "Send answer" }).click();
    await expect(manager.getByText("Answer sent. The caseworker has been emailed.")).toBeVisible();
    const answered = manager.getByRole("row").filter({ hasText: SALT });
    await expect(answered).toContainText("Declined");
    await expect(answered).toContainText("No – not known, does not meet criteria: Not known to the service");
    await expect(manager.getByRole("button", { name: "Send answer" })).toHaveCount(0);
    await manager.context().close();
    // Other journeys email the caseworker too: find this answer's email among the newer ones.
    const answeredMail = () =>
      mailTo("caseworker@demo-council.test")
        .slice(asker)
        .find((m) => m.includes(`answered: case ${reference}`));
    await expect.poll(() => answeredMail() !== undefined, { message: "the answer's email" }).toBe(true);
    const told = answeredMail()!;
    expect(told).not.toContain(lastName);

    // The family see who was asked, and when it is due, on a phone.
    const parent = await asPerson(browser, testInfo, parentEmail, true, PARENT_PASSWORD);
    await open(parent, testInfo, `${caseUrl}/advice`);
    await expect(parent.getByRole("row").filter({ hasText: SALT })).toContainText(due);
    await expect(parent.getByRole("row").filter({ hasText: SALT })).toContainText("Declined");
    const width = await parent.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await parent.context().close();
  });

  test("a council administrator sets where a team's requests are emailed; the next request goes there @no-js", async ({ page, browser }, testInfo) => {
    const team = "Children's Social Care: Disabled Children's Team";
    const inbox = "social-care-requests@demo-council.test";
    const admin = await asPerson(browser, testInfo, "admin");
    await admin.getByRole("link", { name: "Teams" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
    const field = admin.getByLabel(`Contact address for ${team}`);
    await field.fill("not an address");
    await admin.getByRole("button", { name: `Save the details of ${team}` }).click();
    await expect(admin.getByRole("alert").getByRole("link", { name: /Enter an email address in the correct format/ })).toBeVisible();
    await expect(admin.getByLabel(`Contact address for ${team}`)).toHaveValue("not an address");
    await admin.getByLabel(`Contact address for ${team}`).fill(inbox);
    await admin.getByRole("button", { name: `Save the details of ${team}` }).click();
    await expect(admin.getByText("Details saved.")).toBeVisible();
    await expect(admin.getByLabel(`Contact address for ${team}`)).toHaveValue(inbox);
    await admin.context().close();

    const lastName = uniqueName();
    const { caseUrl } = await newCaseWithParent(page, testInfo, lastName, browser);
    const reference = (await page.locator(".caption-l").first().textContent())!.split(" · ")[0].trim();
    await open(page, testInfo, `${caseUrl}/advice`);
    await page.getByRole("radio", { name: /Information about current involvement/ }).check();
    await page.getByLabel("Who are you asking?").selectOption({ label: `${team} (Social care)` });
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText("Request sent.")).toBeVisible();
    const sent = () => mailTo(inbox).find((m) => m.includes(`Request for information: case ${reference}`));
    await expect.poll(() => sent() !== undefined, { message: "the request at the team's address" }).toBe(true);
    expect(sent()!).not.toContain(lastName);
  });
});
