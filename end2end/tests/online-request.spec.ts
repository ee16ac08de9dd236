import { test, expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import {
  open, signIn, uniqueName, PARENT_PASSWORD, mailTo, todayInEngland, addDays, longDate, hydrated, latestLink, ready,
  asPerson,
} from "./helpers";

/** No WCAG 2.2 AA problems axe can find on the page as it is (hydrated runs only). */
async function accessible(page: Page, testInfo: TestInfo, what: string) {
  if (!hydrated(testInfo)) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`), what).toEqual([]);
}

/** A small, clean PDF: a GP's letter. */
const LETTER = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
    "trailer<</Root 1 0 R>>\n%%EOF\n",
);

test.describe("Requesting an assessment online", () => {
  test("a parent sets up an account and requests an assessment from a phone with a document; a caseworker allocates it @no-js", async ({ page, browser }, testInfo) => {
    test.setTimeout(150_000);
    const lastName = uniqueName();
    const parentEmail = `${lastName.toLowerCase()}@family.example`;
    const phone = await browser.newContext({
      storageState: { cookies: [], origins: [] },
      javaScriptEnabled: hydrated(testInfo),
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const parent = await phone.newPage();

    // The start page is open to anyone: what a request is, and an account for a family.
    await open(parent, testInfo, "/request-an-assessment");
    await expect(parent.getByRole("heading", { level: 1 })).toHaveText("Request an EHC needs assessment");
    await accessible(parent, testInfo, "start page");
    await parent.getByLabel("Your full name").fill("Grace Adeyemi");
    await parent.getByLabel("Email address").fill(parentEmail);
    await parent.getByRole("radio", { name: "I am the child's parent or carer" }).check();
    await parent.getByRole("button", { name: "Send me the link" }).click();
    await expect(parent.getByRole("heading", { level: 1 })).toHaveText("Check your email");
    await parent.goto(await latestLink(parentEmail, "/register"));
    await parent.getByLabel("New password", { exact: true }).fill(PARENT_PASSWORD);
    await parent.getByLabel("Type the new password again").fill(PARENT_PASSWORD);
    await parent.getByRole("button", { name: "Create account" }).click();
    await expect(parent.getByText("Your password is set. Sign in with it.")).toBeVisible();
    await signIn(parent, parentEmail, PARENT_PASSWORD);

    // From their (empty) list of cases to the form.
    await parent.getByRole("button", { name: "Request an assessment" }).click();
    await ready(parent, testInfo);
    await parent.getByRole("button", { name: "Start now" }).click();
    await ready(parent, testInfo);
    await expect(parent.getByRole("heading", { level: 1 })).toHaveText("Request an EHC needs assessment");

    // Sent empty: every problem listed and beside its field.
    await parent.getByRole("button", { name: "Send the request" }).click();
    const summary = parent.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: "Enter the child's first name" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Select whether you have parental responsibility for the child" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Select at least one area where the child needs help" })).toBeVisible();
    await accessible(parent, testInfo, "request form with errors");

    await parent.getByLabel("First name").fill("Ada");
    await parent.getByLabel("Last name").fill(lastName);
    const born = parent.getByRole("group", { name: "Date of birth" });
    await born.getByLabel("Day").fill("2");
    await born.getByLabel("Month").fill("5");
    await born.getByLabel("Year").fill("2019");
    await parent.getByLabel("Their school, nursery or college").selectOption({ label: "Hillcrest Academy" });
    await parent.getByRole("radio", { name: "Yes" }).check();
    await parent.getByLabel("Telephone number (optional)").fill("07700 900 982");
    await parent.getByRole("checkbox", { name: "Communication and interaction" }).check();
    await parent.getByLabel("Why are you asking for an assessment?").fill("Ada does not speak at school and is falling behind.");
    // One answer still missing: what was typed stays.
    await parent.getByRole("button", { name: "Send the request" }).click();
    await expect(summary.getByRole("link", { name: "Say what support has been tried so far, or that none has" })).toBeVisible();
    await expect(parent.getByLabel("Why are you asking for an assessment?")).toHaveValue("Ada does not speak at school and is falling behind.");
    await expect(parent.getByRole("checkbox", { name: "Communication and interaction" })).toBeChecked();
    await parent.getByLabel("What support has been tried so far?").fill("Small group speech work since September.");
    await parent.getByRole("button", { name: "Send the request" }).click();

    // The confirmation: the reference, what happens next and by when.
    await expect(parent.getByRole("heading", { level: 1 })).toHaveText("Request sent");
    const reference = (await parent.locator("#request-sent strong").textContent())!.trim();
    expect(reference).toMatch(/^DC-\d{6}$/);
    const decisionBy = longDate(addDays(todayInEngland(), 42));
    await expect(parent.getByText(`By ${decisionBy} the council tells the family whether it will carry out an EHC needs assessment`)).toBeVisible();
    await expect(parent.getByText(`the final plan is due by ${longDate(addDays(todayInEngland(), 140))}`)).toBeVisible();
    await accessible(parent, testInfo, "request sent");
    // The family and the school are told, without the child's name.
    await expect.poll(() => mailTo(parentEmail).filter((m) => m.includes(reference)).length).toBe(1);
    const toSchool = () => mailTo("senco@demo-council.test").filter((m) => m.includes(reference));
    await expect.poll(() => toSchool().length).toBe(1);
    expect(toSchool()[0]).toContain("for a child at your setting");
    expect(toSchool()[0]).not.toContain("Ada");

    // A GP's letter, added from the phone.
    await parent.getByRole("button", { name: "Add documents and views" }).click();
    await ready(parent, testInfo);
    const theirs = parent.locator("#parent_views");
    await theirs.getByLabel("Add a photo, video, recording or document").setInputFiles({ name: "gp-letter.pdf", mimeType: "application/pdf", buffer: LETTER });
    await theirs.getByRole("button", { name: "Add file" }).click();
    await expect(parent.getByText("File added.")).toBeVisible();
    await expect
      .poll(async () => {
        await parent.reload();
        return parent.getByText("Checking for viruses").count();
      })
      .toBe(0);
    await expect(theirs.getByRole("link", { name: "Open gp-letter.pdf" })).toBeVisible();
    expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.close();

    // The caseworker: not in their own cases yet, but awaiting allocation.
    await open(page, testInfo, `/cases?q=${lastName}`);
    await expect(page.getByRole("link", { name: `Ada ${lastName}` })).toHaveCount(0);
    await open(page, testInfo, `/cases?cases=unallocated&q=${lastName}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cases in progress awaiting allocation");
    await page.getByRole("link", { name: `Ada ${lastName}` }).click();
    await ready(page, testInfo);
    await expect(page.locator("#held-by")).toHaveText("Awaiting allocation");
    await expect(page.getByLabel("Allocate the case to")).toHaveValue(/\d+/);
    await page.getByRole("button", { name: "Allocate the case" }).click();
    await expect(page.getByText("Case allocated.")).toBeVisible();
    await expect(page.locator("#held-by")).toHaveText("Held by Sam Okafor");
    // What the family said is one click away, from the first step of the pathway.
    await page.getByRole("navigation", { name: "Pathway of the case" }).getByRole("link", { name: "Request" }).click();
    await expect(page.getByText("Ada does not speak at school and is falling behind.")).toBeVisible();
    await expect(page.getByText("The person who asked has parental responsibility")).toBeVisible();
    await open(page, testInfo, `/cases?q=${lastName}`);
    await expect(page.getByRole("link", { name: `Ada ${lastName}` })).toBeVisible();
  });

  test("a school requests an assessment for a family who agreed; the family is told @no-js", async ({ browser }, testInfo) => {
    test.setTimeout(90_000);
    const lastName = uniqueName();
    const familyEmail = `${lastName.toLowerCase()}@home.example`;
    const senco = await asPerson(browser, testInfo, "senco");
    await open(senco, testInfo, "/request-an-assessment/form");
    await expect(senco.getByRole("heading", { level: 1 })).toHaveText("Request an EHC needs assessment");
    await senco.getByLabel("First name").fill("Jude");
    await senco.getByLabel("Last name").fill(lastName);
    const born = senco.getByRole("group", { name: "Date of birth" });
    await born.getByLabel("Day").fill("14");
    await born.getByLabel("Month").fill("2");
    await born.getByLabel("Year").fill("2015");
    await senco.getByLabel("Their school, nursery or college").selectOption({ label: "Hillcrest Academy" });
    await senco.getByLabel("Parent's or young person's full name").fill("Sam Reid");
    await senco.getByLabel("Their email address").fill(familyEmail);
    await senco.getByRole("checkbox", { name: "Cognition and learning" }).check();
    await senco.getByLabel("Why are you asking for an assessment?").fill("Jude reads two years behind despite a year of support.");
    await senco.getByLabel("What support has been tried so far?").fill("Daily phonics in a small group; a reading assistant.");
    // Without the family's agreement a school may not ask: refused, nothing lost.
    await senco.getByRole("button", { name: "Send the request" }).click();
    const summary = senco.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: /Confirm the family agrees to this request/ })).toBeVisible();
    await expect(senco.getByLabel("Their email address")).toHaveValue(familyEmail);
    await expect(senco.getByLabel("Why are you asking for an assessment?")).toHaveValue("Jude reads two years behind despite a year of support.");
    await accessible(senco, testInfo, "a school's request with an error");
    await senco.getByRole("checkbox", { name: "The family agrees to this request and knows the council will contact them" }).check();
    await senco.getByRole("button", { name: "Send the request" }).click();
    await expect(senco.getByRole("heading", { level: 1 })).toHaveText("Request sent");
    const reference = (await senco.locator("#request-sent strong").textContent())!.trim();
    // The family hears of it from the council, without the child's name.
    await expect.poll(() => mailTo(familyEmail).filter((m) => m.includes(reference)).length).toBe(1);
    expect(mailTo(familyEmail).find((m) => m.includes(reference))).not.toContain("Jude");
    // The school that asked sees the case among its own.
    await open(senco, testInfo, `/cases?q=${lastName}`);
    await expect(senco.getByRole("link", { name: `Jude ${lastName}` })).toBeVisible();
    await senco.context().close();
  });
});
