import { test, expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { open, asPerson, newCaseWithParent, uniqueName, PARENT_PASSWORD, latestLink, mailTo, todayInEngland, longDate, hydrated } from "./helpers";

const SALT = "Demo Community Health NHS Trust: Speech and Language Therapy";
const EP = "Educational Psychology Service";
const NEW_PASSWORD = "copper meadow whistle";

/** No WCAG 2.2 AA problems axe can find on the page as it is (axe runs in the page: hydrated runs only). */
async function accessible(page: Page, testInfo: TestInfo, what: string) {
  if (!hydrated(testInfo)) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`), what).toEqual([]);
}

/** A clinic letter: a small clean PDF. */
function letter(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${title}) >> endobj\ntrailer << >>\n%%EOF\n`);
}

type Advice = {
  role: string;
  area: string;
  needs: string;
  outcome: string;
  step: string;
  provision: string;
  document: string;
};

/**
 * A professional writes their advice: the questions, one area with an
 * outcome, a step and provision, saved and come back to, a document, then
 * checked and submitted.
 */
async function writeAdvice(page: Page, testInfo: TestInfo, caseUrl: string, advice: Advice) {
  await open(page, testInfo, `${caseUrl}/advice`);
  await page.getByRole("link", { name: "Write your advice" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your advice" })).toBeVisible();

  // Submitting too soon says what is missing, beside each field, and keeps what was typed.
  await page.getByLabel("Their job title or role").fill(advice.role);
  await page.getByRole("button", { name: "Check and submit" }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: "Select whether you will provide information and advice" })).toBeVisible();
  await expect(page.getByLabel("Their job title or role")).toHaveValue(advice.role);
  await accessible(page, testInfo, "the advice page with errors");
  await page.getByRole("group", { name: "Are you responding on behalf of someone else?" }).getByRole("radio", { name: "No" }).check();
  await page.getByRole("group", { name: "Will you provide information and advice?" }).getByRole("radio", { name: "Yes" }).check();
  if (hydrated(testInfo)) {
    // Hydrated, the questions save themselves a moment after typing stops, and survive a reload.
    await expect(page.getByRole("status").filter({ hasText: /^Saved / })).toBeVisible();
    // Opened afresh (a reload would post the refused form again).
    await page.goto(page.url());
    await expect(page.getByLabel("Their job title or role")).toHaveValue(advice.role);
    await expect(page.getByRole("group", { name: "Will you provide information and advice?" }).getByRole("radio", { name: "Yes" })).toBeChecked();
  }
  await page.getByRole("button", { name: "Save and come back later" }).click();
  await expect(page.getByText("Your advice has been saved.")).toBeVisible();

  // The area, in the plan's editor with the provision checker.
  await page.getByRole("link", { name: `Write about ${advice.area}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: advice.area })).toBeVisible();
  await page.getByLabel("Strengths and special educational needs (section B)").fill(advice.needs);
  await page.getByRole("button", { name: "Add an outcome" }).click();
  await page.getByLabel("What the child will achieve, and by when").fill(advice.outcome);
  await page.getByRole("button", { name: "Add a step to outcome 1" }).click();
  await page.getByLabel("Step 1").fill(advice.step);
  await page.getByRole("button", { name: "Add provision to outcome 1" }).click();
  await page.getByLabel("What will be provided").fill(advice.provision);
  await page.getByLabel("Who will deliver it").fill(advice.role);
  await page.getByLabel("How often").fill("Weekly");
  await page.getByLabel("For how long, or group size").fill("30 minutes for 12 weeks");
  await page.getByLabel("Starts").fill("January 2027");
  await page.getByLabel("Reviewed").fill("Termly");
  await accessible(page, testInfo, "the advice area editor");
  await page.getByRole("button", { name: "Save and return to your advice" }).click();
  await expect(page.getByText("Your advice has been saved.")).toBeVisible();

  // Away, and back: the draft is where it was left.
  await open(page, testInfo, `${caseUrl}/advice`);
  await expect(page.getByRole("row").filter({ hasText: "Continue your advice" })).toContainText("Draft");
  await page.getByRole("link", { name: "Continue your advice" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: advice.area })).toContainText("Written");
  await expect(page.getByLabel("Their job title or role")).toHaveValue(advice.role);

  // A report, checked for malware before anyone else can open it.
  await page.getByLabel("Add a photo, video, recording or document").setInputFiles({ name: advice.document, mimeType: "application/pdf", buffer: letter(advice.document) });
  await page.getByRole("button", { name: "Add file" }).click();
  // Sent whole (by the resumable uploader once hydrated, by the plain form without JavaScript).
  await expect(page.getByText("Document added. It is being checked")).toBeVisible({ timeout: 30_000 });
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: advice.document })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await page.getByRole("button", { name: "Check and submit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your advice before you submit it" })).toBeVisible();
  await accessible(page, testInfo, "checking advice");
  await expect(page.getByText(advice.outcome)).toBeVisible();
  await expect(page.getByRole("link", { name: advice.document })).toBeVisible();
  await page.getByRole("button", { name: "Submit advice" }).click();
  await expect(page.getByText("Advice submitted. The caseworker has been emailed.")).toBeVisible();
}

test.describe("Advice from teams, into the plan", () => {
  test.setTimeout(300_000);

  test("two teams asked: one says no, one allocates a member and a new member; both submit advice; the family reads it; the caseworker brings it into the draft @no-js", async ({ page, browser }, testInfo) => {
    const lastName = uniqueName();
    const { caseUrl, parentEmail } = await newCaseWithParent(page, testInfo, lastName, browser);
    const reference = (await page.locator(".caption-l").first().textContent())!.split(" · ")[0].trim();

    // The caseworker asks both teams for advice.
    await page.getByRole("link", { name: "Advice and information" }).click();
    for (const team of [`${SALT} (Health)`, `${EP} (Educational psychology)`]) {
      await page.getByRole("radio", { name: /Advice for the needs assessment/ }).check();
      await page.getByLabel("Who are you asking?").selectOption({ label: team });
      await page.getByRole("button", { name: "Send request" }).click();
      await expect(page.getByText("Request sent. The team or professional has been emailed.")).toBeVisible();
    }

    // Speech and language therapy: "No – not known", with its reason.
    const salt = await asPerson(browser, testInfo, "salt.manager");
    await open(salt, testInfo, `${caseUrl}/advice`);
    await salt.getByRole("radio", { name: "No – not known, does not meet criteria" }).check();
    await salt.getByLabel("Reason").fill("Not known to the service.");
    await salt.getByRole("button", { name: "Send answer" }).click();
    await expect(salt.getByRole("row").filter({ hasText: SALT })).toContainText("Declined");
    await salt.context().close();

    // Educational psychology: yes; allocated to Dr Hannah Moore and to a new member.
    const newEmail = `${lastName.toLowerCase()}.ep@example.test`;
    const newName = `Jordan ${lastName}`;
    const ep = await asPerson(browser, testInfo, "ep.manager");
    await open(ep, testInfo, `${caseUrl}/advice`);
    await ep.getByRole("radio", { name: "Yes – known and meets criteria" }).check();
    await ep.getByRole("button", { name: "Send answer" }).click();
    await expect(ep.getByRole("heading", { name: `Allocate the request to ${EP}` })).toBeVisible();
    await accessible(ep, testInfo, "allocating");
    // The team's tray shows the request, and it no longer awaits the team's answer.
    await open(ep, testInfo, "/requests?show=awaiting");
    await expect(ep.getByRole("row").filter({ hasText: reference })).toContainText("Requested");
    await accessible(ep, testInfo, "the requests tray");
    await open(ep, testInfo, `${caseUrl}/advice`);
    // Allocating nobody is refused beside the list.
    await ep.getByRole("button", { name: "Allocate" }).click();
    await expect(ep.getByRole("alert").getByRole("link", { name: "Select a member of your team, or add a new member" })).toBeVisible();
    await ep.getByRole("checkbox", { name: "Dr Hannah Moore" }).check();
    await ep.getByLabel("Full name").fill(newName);
    await ep.getByLabel("Email address").fill(newEmail);
    const told = mailTo("psychologist@demo-council.test").length;
    await ep.getByRole("button", { name: "Allocate" }).click();
    await expect(ep.getByText("Request allocated. Each member has been emailed.")).toBeVisible();
    await expect(ep.getByRole("row").filter({ hasText: "Dr Hannah Moore" })).toContainText("Allocated");
    await expect(ep.getByRole("row").filter({ hasText: newName })).toContainText("Allocated");
    await expect(ep.getByRole("row").filter({ hasText: EP }).first()).toContainText("Allocated");
    await expect.poll(() => mailTo("psychologist@demo-council.test").length).toBeGreaterThan(told);
    const allocated = mailTo("psychologist@demo-council.test").at(-1)!;
    expect(allocated).toContain(`case ${reference}`);
    expect(allocated).not.toContain(lastName);

    // The manager can close a member's request and re-open it.
    await ep.getByRole("button", { name: `Close request for ${newName}` }).click();
    await expect(ep.getByRole("row").filter({ hasText: newName })).toContainText("Closed by manager");
    await ep.getByRole("button", { name: `Re-open request for ${newName}` }).click();
    await expect(ep.getByText("a response is pending")).toBeVisible();
    await expect(ep.getByRole("row").filter({ hasText: newName })).toContainText("Allocated");

    // The new member sets up their account from the email.
    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] }, javaScriptEnabled: hydrated(testInfo) });
    const newcomer = await theirs.newPage();
    await newcomer.goto(await latestLink(newEmail, "/register"));
    await newcomer.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await newcomer.getByLabel("Type the new password again").fill(NEW_PASSWORD);
    await newcomer.getByRole("button", { name: "Create account" }).click();
    await expect(newcomer.getByText("Your password is set. Sign in with it.")).toBeVisible();
    await theirs.close();

    // Both professionals write, save, come back and submit.
    const hannah = await asPerson(browser, testInfo, "psychologist");
    await writeAdvice(hannah, testInfo, caseUrl, {
      role: "Educational psychologist",
      area: "Cognition and learning",
      needs: "Rowan reads at the level expected of a 6-year-old.",
      outcome: "By July 2027, Rowan will read a short book aloud with 9 in 10 words correct.",
      step: "By April 2027, Rowan will read the first 100 high-frequency words.",
      provision: "Precision teaching of high-frequency words",
      document: "psychology-report.pdf",
    });
    // Her manager reads the submitted advice; it can no longer change.
    await open(ep, testInfo, `${caseUrl}/advice`);
    await ep.getByRole("link", { name: "Read the advice from Dr Hannah Moore" }).click();
    await expect(ep.getByRole("heading", { level: 1, name: "Advice from Dr Hannah Moore" })).toBeVisible();
    await expect(ep.getByRole("button", { name: "Save and come back later" })).toHaveCount(0);
    await hannah.context().close();

    const jordan = await asPerson(browser, testInfo, newEmail, false, NEW_PASSWORD);
    await writeAdvice(jordan, testInfo, caseUrl, {
      role: "Assistant educational psychologist",
      area: "Communication and interaction",
      needs: "Rowan finds it hard to join in with group talk.",
      outcome: "By July 2027, Rowan will take turns in a small-group conversation on 4 of 5 occasions.",
      step: "By March 2027, Rowan will take 2 turns with an adult.",
      provision: "Small-group social communication sessions",
      document: "observation-notes.pdf",
    });
    await jordan.context().close();
    await open(ep, testInfo, `${caseUrl}/advice`);
    await expect(ep.getByRole("row").filter({ hasText: EP }).first()).toContainText("Submitted");
    await ep.context().close();

    // The family reads the advice on a phone.
    const parent = await asPerson(browser, testInfo, parentEmail, true, PARENT_PASSWORD);
    await open(parent, testInfo, `${caseUrl}/advice`);
    await parent.getByRole("link", { name: "Read the advice from Dr Hannah Moore" }).click();
    await expect(parent.getByText("By July 2027, Rowan will read a short book aloud")).toBeVisible();
    await expect(parent.getByText("Precision teaching of high-frequency words")).toBeVisible();
    await expect(parent.getByRole("link", { name: "psychology-report.pdf" })).toBeVisible();
    await accessible(parent, testInfo, "the family reading advice");
    expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await parent.context().close();

    // The caseworker starts the draft: section K lists both, and the task list warns what is not covered.
    await open(page, testInfo, `${caseUrl}/plan`);
    await page.getByRole("button", { name: "Start the draft plan" }).click();
    const warnings = page.locator("#advice-warnings");
    await expect(warnings).toContainText("Cognition and learning: advice from Dr Hannah Moore");
    await expect(warnings).toContainText("describes needs that have no outcome in the draft");
    await expect(warnings).toContainText("Precision teaching of high-frequency words");

    const today = longDate(todayInEngland());
    for (const [area, giver, role, outcome] of [
      ["Cognition and learning", "Dr Hannah Moore", "Educational psychologist", "By July 2027, Rowan will read a short book aloud with 9 in 10 words correct."],
      ["Communication and interaction", newName, "Assistant educational psychologist", "By July 2027, Rowan will take turns in a small-group conversation on 4 of 5 occasions."],
    ]) {
      await open(page, testInfo, `${caseUrl}/plan`);
      await page.getByRole("link", { name: area, exact: true }).click();
      await expect(page.getByRole("heading", { name: "Advice for this area" })).toBeVisible();
      await accessible(page, testInfo, `the ${area} editor with advice beside it`);
      await page.getByRole("button", { name: `Bring this advice into the draft (from ${giver}, ${role}, ${today})` }).click();
      await expect(page.getByText("Advice brought into the draft.")).toBeVisible();
      await expect(page.getByLabel("What the child will achieve, and by when")).toHaveValue(outcome);
      await expect(page.locator(".item-source").filter({ hasText: "From advice:" }).first().getByRole("link")).toHaveText(`${giver}, ${role}, ${today}`);
    }
    // Everything advised is in the draft now: the warnings have cleared.
    await open(page, testInfo, `${caseUrl}/plan`);
    await expect(page.locator("#advice-warnings")).toHaveCount(0);
    await page.getByRole("link", { name: "Edit K: advice and information" }).click();
    await expect(page.getByLabel("Name of the advice giver").first()).toHaveValue("Dr Hannah Moore");
    await expect(page.getByLabel("Name of the advice giver").nth(1)).toHaveValue(newName);
    await expect(page.getByLabel("Documents").first()).toHaveValue("psychology-report.pdf");
  });
});
