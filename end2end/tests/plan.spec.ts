import { test, expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import {
  open, ready, hydrated, uniqueName, todayInEngland, addDays, longDate, mailTo, pdfText, docxText, flat, download,
  PARENT_PASSWORD, newCaseWithParent, asPerson, parseLongDate,
} from "./helpers";

// Seed 002's examples of a well-written outcome and provision.
const OUTCOME =
  "By the end of Key Stage 2, Rowan will be able to ask an adult for help in class using a short sentence, on at least 4 out of 5 occasions.";
const PROVISION = "Individual speech and language therapy to develop expressive language";

test.describe("The EHC plan", () => {
  test.setTimeout(180_000);

  test("a caseworker drafts, shares, consults, issues and downloads the plan, and later records it ceased @no-js", async ({ page, browser }, testInfo) => {
    const lastName = uniqueName();
    const { caseUrl, parentEmail } = await newCaseWithParent(page, testInfo, lastName, browser);

    // Start the draft: the task list shows every section not started.
    await open(page, testInfo, `${caseUrl}/plan`);
    await page.getByRole("button", { name: "Start the draft plan" }).click();
    await expect(page.getByText("Draft started.")).toBeVisible();
    await expect(page.getByText("Draft version 1 (not shared)")).toBeVisible();
    const tasks = page.locator(".task-list__item");
    await expect(tasks).toHaveCount(7);
    await expect(tasks.first()).toContainText("Not started");

    // Section A.
    await page.getByRole("link", { name: "Edit A: views, interests and aspirations" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Section A: views, interests and aspirations");
    await page.getByLabel("About me").fill("I like trains and drawing.");
    await page.getByLabel("Parent or carer's views").fill("We want Rowan to feel confident at school.");
    await page.getByRole("radio", { name: "Yes, this section is complete" }).check();
    await page.getByRole("button", { name: "Save and return to the plan" }).click();
    await expect(page.getByText("Section saved.")).toBeVisible();
    await expect(tasks.first()).toContainText("Complete");

    // Communication and interaction: needs, then an outcome with a step and provision.
    await page.getByRole("link", { name: "Communication and interaction", exact: true }).click();
    // Each link loads a page: with JavaScript on, the editor's island hydrates before typing.
    await ready(page, testInfo);
    await page.getByLabel("Strengths and special educational needs (section B)").fill("Rowan finds it hard to ask for help.");
    await page.getByRole("button", { name: "Add an outcome" }).click();
    const outcome = page.getByLabel("What the child will achieve, and by when");
    await expect(outcome).toBeVisible();
    // The needs typed before the button was pressed were saved with it.
    await expect(page.getByLabel("Strengths and special educational needs (section B)")).toHaveValue("Rowan finds it hard to ask for help.");
    await outcome.fill("Rowan will have regular opportunities for talking.");
    await page.getByRole("button", { name: "Add a step to outcome 1" }).click();
    await page.getByLabel("Step 1").fill("By the end of the autumn term Rowan will be able to ask for help with a picture card.");
    await page.getByRole("button", { name: "Add provision to outcome 1" }).click();
    await page.getByLabel("What will be provided").fill("Access to speech and language therapy as required");
    if (!hydrated(testInfo)) await page.getByRole("button", { name: "Save", exact: true }).click();
    // The provision checker flags the vague outcome and the unquantified provision.
    const checker = page.locator(".checker");
    await expect(checker.filter({ hasText: "“regular” is vague" }).first()).toBeVisible();
    await expect(checker.filter({ hasText: "“access to” is vague" })).toBeVisible();
    await expect(checker.filter({ hasText: "Say who will deliver it" })).toBeVisible();

    // Rewritten as seed 002 writes them, the warnings go.
    await outcome.fill(OUTCOME);
    await page.getByLabel("What will be provided").fill(PROVISION);
    await page.getByLabel("Who will deliver it").fill("Speech and language therapist");
    await page.getByLabel("How often").fill("Weekly");
    await page.getByLabel("For how long, or group size").fill("30 minutes for 12 weeks");
    await page.getByLabel("Reviewed").fill("Termly");
    if (!hydrated(testInfo)) await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(checker).toHaveCount(0);
    await page.getByRole("radio", { name: "Yes, this section is complete" }).check();
    await page.getByRole("button", { name: "Save and return to the plan" }).click();
    await expect(page.getByText("Section saved.")).toBeVisible();

    // Check and share: everyone on the case is emailed; the family get 15 days,
    // beginning with the day it is shared (reg 13(1)), so the last is 14 days on.
    await page.getByRole("link", { name: "Check and share draft version 1" }).click();
    await expect(page.getByText("Alex Morgan (Parent or carer)")).toBeVisible();
    const commentBy = longDate(addDays(todayInEngland(), 14));
    await expect(page.getByText(`comment by ${commentBy}`)).toBeVisible();
    const mailsBefore = mailTo(parentEmail).length;
    await page.getByRole("button", { name: "Share draft version 1" }).click();
    await expect(page.getByText("Draft shared.")).toBeVisible();
    await expect(page.getByText("Draft version 1", { exact: true })).toBeVisible();
    await expect.poll(() => mailTo(parentEmail).length).toBe(mailsBefore + 1);
    const mails = mailTo(parentEmail);
    expect(mails[mails.length - 1]).toContain("Draft EHC plan shared");
    expect(mails[mails.length - 1]).not.toContain(lastName);

    // A parent on a phone comments on a section and names a preferred setting.
    const parent = await asPerson(browser, testInfo, parentEmail, true, PARENT_PASSWORD);
    await open(parent, testInfo, `${caseUrl}/plan`);
    await expect(parent.getByText(`Please send your comments by ${commentBy}`)).toBeVisible();
    await parent.getByLabel("Comment on communication and interaction").fill("Rowan talks more at home than at school.");
    await parent.getByRole("button", { name: "Add comment" }).nth(1).click();
    await expect(parent.getByText("Comment added.")).toBeVisible();
    await expect(parent.locator("#part-communication").getByText("1 comment")).toBeVisible();
    await parent.getByLabel("Preferred school or setting (optional)").fill("Hillcrest Academy");
    await parent.getByLabel("I have finished commenting on this draft").check();
    await parent.getByRole("button", { name: "Save my response" }).click();
    await expect(parent.getByText("Your response has been saved.")).toBeVisible();
    const draftLetter = flat(await pdfText(await download(parent, parent.getByRole("link", { name: "Download the letter sent with this draft (PDF)" }))));
    expect(draftLetter).toContain(`You have 15 days, until ${commentBy}, to comment`);
    expect(draftLetter).toContain(`Rowan ${lastName}`);
    const width = await parent.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await parent.context().close();

    // The caseworker reads the comment, and the consultee list shows the response.
    await open(page, testInfo, `${caseUrl}/plan`);
    const part = page.locator("#part-communication");
    await expect(part.getByText("1 comment")).toBeVisible();
    await expect(part.getByText("Rowan talks more at home than at school.")).toBeVisible();
    await expect(part.getByText(/Alex Morgan \(Parent or carer\), \d+ \w+ \d{4} at \d\d:\d\d/)).toBeVisible();
    const family = page.locator("table").filter({ hasText: "Comments by" });
    await expect(family).toContainText("Completed");
    await expect(family).toContainText("Hillcrest Academy");

    // Consult Hillcrest Academy; its SENCO answers.
    await page.getByLabel("Consult a school or setting on this draft").selectOption({ label: "Hillcrest Academy" });
    await page.getByRole("button", { name: "Send consultation" }).click();
    await expect(page.getByText("The setting has been asked to respond within 15 days.")).toBeVisible();
    const senco = await asPerson(browser, testInfo, "senco");
    await open(senco, testInfo, `${caseUrl}/plan`);
    await senco.getByRole("radio", { name: "No, we cannot meet the child's needs" }).check();
    await senco.getByRole("button", { name: "Send response" }).click();
    await expect(senco.getByRole("link", { name: "Give the reasons the setting cannot meet the needs" })).toBeVisible();
    await senco.getByRole("radio", { name: "Yes, we can meet the child's needs" }).check();
    await senco.getByRole("button", { name: "Send response" }).click();
    await expect(senco.getByText("Your response has been sent to the caseworker.")).toBeVisible();
    // Professionals on the case see who was consulted and the settings' answers.
    await expect(senco.locator("#consultees ~ table").first()).toContainText("Completed");
    await expect(senco.locator("#consultations ~ table")).toContainText("Can meet the needs");
    await senco.context().close();
    await open(page, testInfo, `${caseUrl}/plan`);
    await expect(page.locator("#consultations ~ table")).toContainText("Can meet the needs");

    // The consultation letter downloads as a PDF that names the setting and the case.
    const letter = await download(page, page.getByRole("link", { name: "Consultation letter (PDF)" }));
    const letterText = flat(await pdfText(letter));
    expect(letterText).toContain("Consultation on a draft Education, Health and Care plan");
    expect(letterText).toContain("Hillcrest Academy");
    expect(letterText).toContain(`Rowan ${lastName}`);

    // Issue the final plan with the setting named.
    await page.getByRole("link", { name: "Issue the final plan" }).click();
    await expect(page.getByLabel("Name of the school or setting")).toHaveValue("Hillcrest Academy");
    await page.getByRole("button", { name: "Issue the final plan" }).click();
    await expect(page.getByRole("link", { name: "Enter the type of school or setting" })).toBeVisible();
    await page.getByLabel("Type of school or setting").fill("Mainstream academy");
    await page.getByRole("button", { name: "Issue the final plan" }).click();
    await expect(page.getByText("Final plan issued.")).toBeVisible();
    await expect(page.getByText("Final plan (version 2)")).toBeVisible();
    await expect(page.getByRole("link", { name: /Edit/ })).toHaveCount(0);
    await expect.poll(() => mailTo(parentEmail).pop() ?? "").toContain("Final EHC plan issued");
    await open(page, testInfo, caseUrl);
    await expect(page.getByText("Final plan issued: review pending")).toBeVisible();
    await expect(page.getByText(`Final plan (version 2), issued on ${longDate(todayInEngland())}.`)).toBeVisible();

    // The plan downloads as PDF and Word with every part and the header.
    await open(page, testInfo, `${caseUrl}/plan`);
    const pdf = flat(await pdfText(await download(page, page.getByRole("link", { name: "Download this version as PDF" }))));
    const docx = flat(docxText(await download(page, page.getByRole("link", { name: "Download this version as Word (.docx)" }))));
    for (const text of [pdf, docx]) {
      expect(text).toContain(`Rowan ${lastName}`);
      expect(text).toContain("Final plan (version 2)");
      expect(text).toContain("I like trains and drawing.");
      expect(text).toContain("Rowan will be able to ask an adult for help in class");
      expect(text).toContain(PROVISION);
      expect(text).toContain("Who: Speech and language therapist");
      expect(text).toContain("Hillcrest Academy");
      expect(text).toContain("Section K: advice and information");
    }
    expect(pdf).toMatch(/Page 1 of \d+/);
    const decision = flat(await pdfText(await download(page, page.getByRole("link", { name: "Download the letter sent with the final plan (PDF)" }))));
    expect(decision).toContain("It names Hillcrest Academy in section I.");
    expect(decision).toContain("First-tier Tribunal (Special Educational Needs and Disability)");
    expect(decision).toContain(`the first annual review is due by ${longDate(addYears(todayInEngland(), 1))}`);

    // Rowan moves to another council, which maintains the plan now: the
    // caseworker records that it has ceased, and why (the SEN2 reasons).
    await open(page, testInfo, caseUrl);
    await page.getByRole("link", { name: "Cease the plan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cease the plan");
    await page.getByRole("radio", { name: "Another reason (say which in the note)" }).check();
    const today = todayInEngland();
    const ceased = page.getByRole("group", { name: "Date the plan ceased" });
    await ceased.getByLabel("Day").fill(String(today.getUTCDate()));
    await ceased.getByLabel("Month").fill(String(today.getUTCMonth() + 1));
    await ceased.getByLabel("Year").fill(String(today.getUTCFullYear()));
    await page.getByRole("button", { name: "Cease the plan" }).click();
    const problems = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(problems.getByRole("link", { name: "Say why the plan ceased" })).toBeVisible();
    await expect(page.getByRole("radio", { name: "Another reason (say which in the note)" })).toBeChecked();
    await expect(ceased.getByLabel("Day")).toHaveValue(String(today.getUTCDate()));
    await page.getByRole("radio", { name: "Moved to another council in England, which maintains the plan now" }).check();
    await page.getByRole("button", { name: "Cease the plan" }).click();
    await expect(page.getByRole("heading", { name: "The plan has ceased" })).toBeVisible();
    await expect(page.getByText(`On ${longDate(today)}`)).toBeVisible();
    await expect.poll(() => mailTo(parentEmail).pop() ?? "").toContain("The EHC plan has ceased");
    await open(page, testInfo, caseUrl);
    await expect(page.getByText("Closed", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "When and why the plan ceased" })).toBeVisible();
  });

  test("two caseworkers saving one section: the second is refused and both texts are shown @no-js", async ({ page, browser }, testInfo) => {
    const { caseUrl } = await newCaseWithParent(page, testInfo, uniqueName(), browser);
    await open(page, testInfo, `${caseUrl}/plan`);
    await page.getByRole("button", { name: "Start the draft plan" }).click();
    await expect(page.getByText("Draft started.")).toBeVisible();

    const other = await browser.newPage({ storageState: await page.context().storageState(), javaScriptEnabled: hydrated(testInfo) });
    await open(page, testInfo, `${caseUrl}/plan/edit/a`);
    await open(other, testInfo, `${caseUrl}/plan/edit/a`);
    await other.getByLabel("About me").fill("Their words, saved first.");
    await other.getByRole("button", { name: "Save and return to the plan" }).click();
    await expect(other.getByText("Section saved.")).toBeVisible();

    await page.getByLabel("About me").fill("My words, saved second.");
    await page.getByRole("button", { name: "Save and return to the plan" }).click();
    const conflict = page.locator("#conflict");
    await expect(conflict).toContainText("Someone else saved this section while you were editing");
    await expect(conflict).toContainText("Their words, saved first.");
    await expect(page.getByLabel("About me")).toHaveValue("My words, saved second.");
    if (hydrated(testInfo)) {
      // While the conflict shows, typing does not autosave over their version.
      await page.getByLabel("About me").fill("My words, saved second. Still typing.");
      await page.waitForTimeout(4_000);
      await expect(page.locator("#conflict")).toBeVisible();
    }
    // Nothing was overwritten.
    await open(other, testInfo, `${caseUrl}/plan`);
    await expect(other.locator("#part-a")).toContainText("Their words, saved first.");
    // Saving again, having seen theirs, replaces it.
    await page.getByRole("button", { name: "Save and return to the plan" }).click();
    await expect(page.getByText("Section saved.")).toBeVisible();
    await expect(page.locator("#part-a")).toContainText("My words, saved second.");

    // Shared by one while the other is still editing: the late save is refused plainly, the text kept.
    await open(page, testInfo, `${caseUrl}/plan/edit/a`);
    await open(other, testInfo, `${caseUrl}/plan/share`);
    await other.getByRole("button", { name: "Share draft version 1" }).click();
    await expect(other.getByText("Draft shared.")).toBeVisible();
    await page.getByLabel("About me").fill("Words typed after it was shared.");
    await page.getByRole("button", { name: "Save and return to the plan" }).click();
    await expect(page.getByRole("link", { name: /This draft has been shared or issued since you opened it/ })).toBeVisible();
    await expect(page.getByLabel("About me")).toHaveValue("Words typed after it was shared.");
    await other.close();
  });

  test("a new draft version keeps the old one, and the redline shows what changed @no-js", async ({ page, browser }, testInfo) => {
    const { caseUrl } = await newCaseWithParent(page, testInfo, uniqueName(), browser);
    await open(page, testInfo, `${caseUrl}/plan`);
    await page.getByRole("button", { name: "Start the draft plan" }).click();
    await page.getByRole("link", { name: "Edit A: views, interests and aspirations" }).click();
    await page.getByLabel("About me").fill("I like trains.");
    await page.getByRole("button", { name: "Save and return to the plan" }).click();
    await page.getByRole("link", { name: "Check and share draft version 1" }).click();
    await page.getByRole("button", { name: "Share draft version 1" }).click();
    await expect(page.getByText("Draft shared.")).toBeVisible();

    await page.getByRole("button", { name: "Start draft version 2" }).click();
    await expect(page.getByText("Draft version 2 (not shared)")).toBeVisible();
    await page.getByRole("link", { name: "Edit A: views, interests and aspirations" }).click();
    await expect(page.getByLabel("About me")).toHaveValue("I like trains.");
    await page.getByLabel("About me").fill("I like trains and buses.");
    await page.getByRole("button", { name: "Save and return to the plan" }).click();

    await page.getByRole("link", { name: "Compare versions (see what changed)" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What changed between versions");
    const change = page.locator(".redline__change");
    await expect(change).toHaveCount(1);
    await expect(change).toContainText("Changed");
    await expect(change.locator("ins")).toContainText("and buses.");
    await expect(change.locator("del")).toContainText("trains.");
    // Version 1 is still there to read as it was shared.
    await open(page, testInfo, `${caseUrl}/plan?version=1`);
    await expect(page.locator("#part-a")).toContainText("I like trains.");
    await expect(page.locator("#part-a")).not.toContainText("buses");
  });

  test("a carer on a phone finds what to do, jumps through the plan by its contents and folds parts away @no-js", async ({ browser }, testInfo) => {
    const carer = await asPerson(browser, testInfo, "carer", true);
    await open(carer, testInfo, "/cases");
    await carer.getByRole("link", { name: "Maya Quillfeather" }).click();
    await open(carer, testInfo, `${new URL(carer.url()).pathname}/plan`);
    // What to do and by when comes first: 15 days for comments, beginning with the day the draft was shared
    // (read from the page, so a run that crosses midnight after the demo data was made still agrees).
    const status = (await carer.getByText(/^Shared on \d/).first().textContent())!;
    const sharedOn = parseLongDate(status.replace("Shared on ", "").replace(".", ""));
    const ask = carer.getByRole("region", { name: "What you need to do" });
    await expect(ask).toContainText(`Send your comments by ${longDate(addDays(sharedOn, 14))}`);
    const askTop = (await ask.boundingBox())!.y;
    expect(askTop).toBeLessThan(740);

    // The contents list every part of the plan, in the order councils show them.
    const contents = carer.getByRole("navigation", { name: "Contents" });
    await expect(contents.getByRole("link")).toHaveText([
      "Section A: views, interests and aspirations",
      "Sections B, E and F: communication and interaction",
      "Sections B, E and F: cognition and learning",
      "Sections B, E and F: social, emotional and mental health",
      "Sections B, E and F: sensory and/or physical",
      "Health (sections C, E and G)",
      "Social care (sections D, E, H1 and H2)",
      "Section I: placement",
      "Section J: personal budget",
      "Section K: advice and information",
    ]);

    // A jump lands on the part, far down the page, and its end leads back.
    await contents.getByRole("link", { name: "Sections B, E and F: social, emotional and mental health" }).click();
    await expect(carer).toHaveURL(/#part-semh$/);
    const semh = carer.locator("#part-semh");
    await expect(carer.getByRole("heading", { name: "Sections B, E and F: social, emotional and mental health" })).toBeInViewport();
    expect(await carer.evaluate(() => window.scrollY)).toBeGreaterThan(5 * 740);
    await semh.getByRole("link", { name: "Back to contents" }).click();
    await expect(contents).toBeInViewport();

    // A part folds away from its heading and opens again, without JavaScript too.
    const partA = carer.locator("#part-a");
    await expect(partA.getByRole("heading", { name: "About me" })).toBeVisible();
    const before = await carer.evaluate(() => document.documentElement.scrollHeight);
    await partA.locator("summary").click();
    await expect(partA.getByRole("heading", { name: "About me" })).toBeHidden();
    await expect(partA.getByRole("heading", { name: "Section A: views, interests and aspirations" })).toBeVisible();
    expect(await carer.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(before);
    await partA.locator("summary").click();
    await expect(partA.getByRole("heading", { name: "About me" })).toBeVisible();

    // The response form comes after the plan, and the ask links to it.
    await ask.getByRole("link", { name: "go to your response" }).click();
    await expect(carer.getByLabel("Preferred school or setting (optional)")).toBeInViewport();
    const width = await carer.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await carer.context().close();
  });

  test("families and settings never see a draft that has not been shared", async ({ page, browser }, testInfo) => {
    const { caseUrl, parentEmail } = await newCaseWithParent(page, testInfo, uniqueName(), browser);
    await open(page, testInfo, `${caseUrl}/plan`);
    await page.getByRole("button", { name: "Start the draft plan" }).click();
    await expect(page.getByText("Draft started.")).toBeVisible();
    const parent = await asPerson(browser, testInfo, parentEmail, false, PARENT_PASSWORD);
    await open(parent, testInfo, `${caseUrl}/plan`);
    await expect(parent.getByText("There is no plan to read yet.")).toBeVisible();
    const file = await parent.request.get(`${caseUrl}/plan/1/plan.pdf`);
    expect(file.status()).toBe(404);
    await parent.context().close();
  });
});

function addYears(date: Date, years: number): Date {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** Text with its line breaks (where a PDF wrapped a line) as plain spaces. */

