import { test, expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import {
  open, asPerson, newCaseWithParent, uniqueName, PARENT_PASSWORD, mailTo, todayInEngland, addDays, longDate, hydrated,
  pdfText, flat, download, registerRequest,
} from "./helpers";

/** No WCAG 2.2 AA problems axe can find on the page as it is (axe runs in the page: hydrated runs only). */
async function accessible(page: Page, testInfo: TestInfo, what: string) {
  if (!hydrated(testInfo)) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`), what).toEqual([]);
}

/** The row of the statutory timeline for one deadline. */
function deadline(page: Page, label: string) {
  return page.locator("dl.summary-list").first().locator(".summary-list__row", { hasText: label });
}

test.describe("The two decisions and the exceptions", () => {
  test("a caseworker records the decision to assess and to issue, a refusal closes a second case, an exception excuses a deadline @no-js", async ({ page, browser }, testInfo) => {
    test.setTimeout(120_000);
    const lastName = uniqueName();
    const { caseUrl, parentEmail } = await newCaseWithParent(page, testInfo, lastName, browser);
    const received = addDays(todayInEngland(), -3);

    // The pathway at the top: only the request reached; the decision in turn opens its form.
    const pathway = page.getByRole("navigation", { name: "Pathway of the case" });
    await expect(pathway.getByRole("link", { name: "Request" })).toHaveAttribute("aria-current", "step");
    await expect(pathway.getByText("Final plan (not reached)")).toBeVisible();
    await expect(page.locator("#next-due")).toContainText(`Decision whether to assess is due by ${longDate(addDays(received, 42))}`);
    await pathway.getByRole("link", { name: "Decision to assess (to record)" }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Decision whether to assess");
    await expect(page.getByRole("heading", { name: "Evidence gathered so far" })).toBeVisible();
    await expect(page.getByText("Riverside Primary School")).toBeVisible();

    // Nothing chosen: each problem beside its field, the date kept.
    await page.getByRole("button", { name: "Record the decision" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: "Select the decision" })).toBeVisible();
    await expect(summary.getByRole("link", { name: /Enter the reasons for the decision/ })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    await accessible(page, testInfo, "decision page with errors");

    // To assess, without the areas: refused, and what was typed is kept.
    await page.getByRole("radio", { name: "Assess: carry out an EHC needs assessment" }).check();
    await page.getByLabel("Reasons for the decision").fill("Rowan has made little progress despite two terms of targeted support.");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect(summary.getByRole("link", { name: "Select the areas of need that meet the threshold for an assessment" })).toBeVisible();
    await expect(page.getByLabel("Reasons for the decision")).toHaveValue("Rowan has made little progress despite two terms of targeted support.");
    await expect(page.getByRole("radio", { name: "Assess: carry out an EHC needs assessment" })).toBeChecked();
    await page.getByRole("checkbox", { name: "Communication and interaction" }).check();
    await page.getByRole("checkbox", { name: "Cognition and learning" }).check();
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect(page.getByText("Decision recorded. The family and the school have been sent its letter.")).toBeVisible();
    await expect(page.locator("dl.summary-list")).toContainText("To assess");
    await expect(page.locator("dl.summary-list")).toContainText("Communication and interaction, Cognition and learning");
    const assessLetter = flat(await pdfText(await download(page, page.getByRole("link", { name: /Download the letter/ }))));
    expect(assessLetter).toContain("We will carry out an EHC needs assessment");
    expect(assessLetter).toContain(`Rowan ${lastName}`);
    expect(assessLetter).toContain(`We will decide whether to issue an EHC plan by ${longDate(addDays(received, 112))}`);
    // The family is told, without the child's name.
    const told = () => mailTo(parentEmail).filter((m) => m.includes("Decision on the request for an EHC needs assessment"));
    await expect.poll(() => told().length).toBe(1);
    expect(told()[0]).not.toContain("Rowan");

    // The case has moved on: week 6 met, the assessment under way.
    await open(page, testInfo, caseUrl);
    await expect(page.getByText("Needs assessment: advice being gathered").first()).toBeVisible();
    await expect(deadline(page, "Decision whether to assess")).toContainText("Done");
    await expect(pathway.getByRole("link", { name: "Decision to assess", exact: true })).toBeVisible();

    // The decision to issue, with the panel's recommendations.
    await pathway.getByRole("link", { name: "Decision to issue (to record)" }).click();
    await page.getByRole("radio", { name: "Issue an EHC plan" }).check();
    await page.getByLabel("Reasons for the decision").fill("The assessment shows needs that SEN support cannot meet.");
    await page.getByLabel(/the panel's recommendations to the plan writer/).fill("Specify weekly speech and language therapy in section F.");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect(page.getByText("Decision recorded.")).toBeVisible();
    await expect(page.locator("dl.summary-list")).toContainText("Specify weekly speech and language therapy in section F.");

    // An exception: the family away for five weeks. The final plan's deadline says so.
    await open(page, testInfo, caseUrl);
    await expect(deadline(page, "Final plan issued")).toContainText("Due");
    await page.getByRole("link", { name: "Record an exception to the time limits" }).click();
    await page.getByRole("button", { name: "Record exception" }).click();
    await expect(summary.getByRole("link", { name: "Select which exception applies" })).toBeVisible();
    await accessible(page, testInfo, "exceptions page with errors");
    await page.getByRole("radio", { name: /away from the area for 4 weeks or more/ }).check();
    const away = todayInEngland();
    const started = page.getByRole("group", { name: "Date it started" });
    await started.getByLabel("Day").fill(String(away.getUTCDate()));
    await started.getByLabel("Month").fill(String(away.getUTCMonth() + 1));
    await started.getByLabel("Year").fill(String(away.getUTCFullYear()));
    const ended = page.getByRole("group", { name: /Date it ended/ });
    const back = addDays(away, 10);
    await ended.getByLabel("Day").fill(String(back.getUTCDate()));
    await ended.getByLabel("Month").fill(String(back.getUTCMonth() + 1));
    await ended.getByLabel("Year").fill(String(back.getUTCFullYear()));
    await page.getByLabel("What happened").fill("The family are visiting relatives abroad.");
    await page.getByRole("button", { name: "Record exception" }).click();
    // Ten days is not four weeks: refused beside the end date, the note kept.
    await expect(summary.getByRole("link", { name: /4 weeks or more/ })).toBeVisible();
    await expect(page.getByLabel("What happened")).toHaveValue("The family are visiting relatives abroad.");
    const later = addDays(away, 35);
    await ended.getByLabel("Day").fill(String(later.getUTCDate()));
    await ended.getByLabel("Month").fill(String(later.getUTCMonth() + 1));
    await ended.getByLabel("Year").fill(String(later.getUTCFullYear()));
    await page.getByRole("button", { name: "Record exception" }).click();
    await expect(page.getByText("Exception recorded.")).toBeVisible();
    await expect(deadline(page, "Final plan issued")).toContainText("Exception applies");
    await expect(page.getByText("The child or family was away from the area for 4 weeks or more")).toBeVisible();
    await accessible(page, testInfo, "case page with the pathway and an exception");

    // The parent, on a phone, sees where the case is and reads the decisions.
    const parent = await asPerson(browser, testInfo, parentEmail, true, PARENT_PASSWORD);
    await open(parent, testInfo, caseUrl);
    const theirs = parent.getByRole("navigation", { name: "Pathway of the case" });
    await expect(theirs.getByRole("link", { name: "Decision to issue", exact: true })).toBeVisible();
    await expect(theirs.getByText("Draft plan (not reached)")).toBeVisible();
    await theirs.getByRole("link", { name: "Decision to assess", exact: true }).click();
    await expect(parent.getByText("Rowan has made little progress despite two terms of targeted support.")).toBeVisible();
    await expect(parent.getByRole("button", { name: "Record the decision" })).toHaveCount(0);
    const width = await parent.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await parent.context().close();
  });

  test("a decision not to assess closes the case and its letter gives the right of appeal; the appeal upheld reopens it @no-js", async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    const lastName = uniqueName();
    const { caseUrl, parentEmail } = await newCaseWithParent(page, testInfo, lastName, browser);
    await open(page, testInfo, `/cases?q=${lastName}`);
    await expect(page.getByRole("row", { name: new RegExp(lastName) })).toBeVisible();

    await open(page, testInfo, `${caseUrl}/decisions/assess`);
    await page.getByRole("radio", { name: "Do not assess" }).check();
    await page.getByLabel("Reasons for the decision").fill("The school's support plan is meeting Rowan's needs.");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect(page.getByText("Decision recorded.")).toBeVisible();
    const appealBy = new Date(todayInEngland());
    appealBy.setUTCMonth(appealBy.getUTCMonth() + 2);
    await expect(page.getByText(/The family can appeal to the SEND Tribunal until/)).toBeVisible();
    const letter = flat(await pdfText(await download(page, page.getByRole("link", { name: /Download the letter/ }))));
    expect(letter).toContain("We will not carry out an EHC needs assessment");
    expect(letter).toContain("The school's support plan is meeting Rowan's needs.");
    expect(letter).toContain("mediation adviser");
    expect(letter).toContain("First-tier Tribunal");

    // The family asks for mediation: recorded against the refusal, still going on.
    await page.getByRole("button", { name: "Record", exact: true }).click();
    const problems = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(problems.getByRole("link", { name: "Select mediation or an appeal" })).toBeVisible();
    await page.getByRole("radio", { name: "Mediation", exact: true }).check();
    const today = todayInEngland();
    const began = page.getByRole("group", { name: "Date it began" });
    await began.getByLabel("Day").fill(String(today.getUTCDate()));
    await began.getByLabel("Month").fill(String(today.getUTCMonth() + 1));
    await began.getByLabel("Year").fill(String(today.getUTCFullYear()));
    await page.getByRole("radio", { name: "Not finished yet" }).check();
    await page.getByLabel("Note (optional)").fill("Mediation adviser contacted by the family.");
    await page.getByRole("button", { name: "Record", exact: true }).click();
    await expect(page).toHaveURL(/challenge=recorded/);
    await expect(page.locator("ul.challenges")).toContainText(`Began ${longDate(today)}. Not finished yet.`);
    await expect(page.locator("ul.challenges")).toContainText("Mediation adviser contacted by the family.");
    await accessible(page, testInfo, "a refusal with mediation recorded");

    // Closed: no longer in the cases in progress; there again with "Include closed cases".
    await open(page, testInfo, `/cases?q=${lastName}`);
    await expect(page.getByRole("row", { name: new RegExp(lastName) })).toHaveCount(0);
    await page.getByRole("checkbox", { name: "Include closed cases" }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/closed=yes/);
    await expect(page.getByRole("row", { name: new RegExp(lastName) })).toContainText("Closed");
    await open(page, testInfo, caseUrl);
    await expect(page.getByRole("link", { name: "Decision whether to assess" })).toBeVisible();
    await expect(page.getByText(/Not to assess:/)).toBeVisible();

    // The tribunal upholds the family's appeal: the case reopens for the
    // assessment, and what is left runs from the day of the order.
    await open(page, testInfo, `${caseUrl}/decisions/assess`);
    await page.getByRole("radio", { name: "Appeal to the SEND Tribunal" }).check();
    for (const name of ["Date it began", "Date it ended (leave blank if not finished)"]) {
      const group = page.getByRole("group", { name });
      await group.getByLabel("Day").fill(String(today.getUTCDate()));
      await group.getByLabel("Month").fill(String(today.getUTCMonth() + 1));
      await group.getByLabel("Year").fill(String(today.getUTCFullYear()));
    }
    await page.getByRole("radio", { name: "Appeal upheld: the council must act" }).check();
    await page.getByRole("button", { name: "Record", exact: true }).click();
    await expect(page).toHaveURL(/challenge=recorded/);
    await expect(page.locator("ul.challenges")).toContainText(`Appeal upheld: the council must act on ${longDate(today)}.`);
    await open(page, testInfo, caseUrl);
    await expect(page.getByText("Needs assessment: advice being gathered").first()).toBeVisible();
    await expect(deadline(page, "Decision whether to issue a plan")).toContainText(
      `10 weeks from the appeal's outcome: by ${longDate(addDays(today, 70))}`,
    );
    await expect(deadline(page, "Final plan issued")).toContainText(
      `14 weeks from the appeal's outcome: by ${longDate(addDays(today, 98))}`,
    );
    await open(page, testInfo, `/cases?q=${lastName}`);
    await expect(page.getByRole("row", { name: new RegExp(lastName) })).toContainText("Needs assessment");
    await expect
      .poll(() => mailTo(parentEmail).filter((m) => m.includes("The council will carry out an EHC needs assessment")).length)
      .toBe(1);
    const told = flat(mailTo(parentEmail).filter((m) => m.includes("The council will carry out")).join(" "));
    expect(told).toContain(longDate(addDays(today, 98)));
    expect(told).not.toContain("Rowan");
  });

  test("the council's figures count a late decision, link to its case and to the cases at risk @no-js", async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    const lastName = uniqueName();
    // A request received 50 days ago: its week 6 has passed.
    const caseUrl = await registerRequest(page, testInfo, {
      firstName: "Rowan",
      lastName,
      setting: "Hillcrest Academy",
      requester: "School, college or nursery",
      daysAgo: 50,
    });
    await expect(page.locator("#at-risk")).toContainText("Decision whether to assess was due by");
    await open(page, testInfo, `${caseUrl}/decisions/assess`);
    await page.getByRole("radio", { name: "Assess: carry out an EHC needs assessment" }).check();
    await page.getByRole("checkbox", { name: "Social, emotional and mental health" }).check();
    await page.getByLabel("Reasons for the decision").fill("Needs have grown since the request.");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect(page.getByText("Decision recorded.")).toBeVisible();

    const admin = await asPerson(browser, testInfo, "admin");
    await open(admin, testInfo, "/admin/figures");
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Your council's figures");
    await expect(admin.getByRole("img", { name: /New plans issued each month of/ })).toBeVisible();
    const late = admin.locator("details", { hasText: "Decisions whether to assess made after 6 weeks" });
    await late.locator("summary").click();
    await late.getByRole("link", { name: new RegExp(`Rowan ${lastName}`) }).click();
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Rowan ${lastName}`);
    // The cases at risk open the council's tray with those filters.
    await open(admin, testInfo, "/admin/figures");
    await accessible(admin, testInfo, "the council's figures");
    await admin.getByRole("link", { name: /overdue at Request received/ }).click();
    await expect(admin).toHaveURL(/stage=request_received/);
    await expect(admin).toHaveURL(/due=overdue/);
    await expect(admin.getByRole("row", { name: /Poppy Larkspur/ })).toContainText("Overdue");
    await admin.context().close();
  });
});
