import { test, expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { open, asPerson, uniqueName, hydrated, download, registerRequest } from "./helpers";

/** No WCAG 2.2 AA problems axe can find on the page as it is (hydrated runs only). */
async function accessible(page: Page, testInfo: TestInfo, what: string) {
  if (!hydrated(testInfo)) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`), what).toEqual([]);
}

/**
 * xmllint's verdict on the return against the SEN2 schema the server tests
 * use (server/tests/sen2/README.md says why its URN pattern is read without
 * `^` and `$`): empty when it passes.
 */
function schemaProblems(xml: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sen2-"));
  const schema = fs
    .readFileSync(path.join(__dirname, "../../server/tests/sen2/sen2_schema_2026.xsd"), "utf8")
    .replace("^\\d{1,6}$", "\\d{1,6}")
    .replace("^\\d{8}$", "\\d{8}");
  fs.writeFileSync(path.join(dir, "sen2.xsd"), schema);
  fs.writeFileSync(path.join(dir, "return.xml"), xml);
  try {
    execFileSync("xmllint", ["--noout", "--schema", path.join(dir, "sen2.xsd"), path.join(dir, "return.xml")], { stdio: "pipe" });
    return "";
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test.describe("The SEN2 return", () => {
  test("the council lists the cases missing details, a caseworker completes one, the return downloads and passes the schema @no-js", async ({ page, browser }, testInfo) => {
    test.setTimeout(120_000);
    const lastName = uniqueName();
    // A request received last week from Hillcrest Academy, not yet decided: in the return as awaiting.
    const caseUrl = await registerRequest(page, testInfo, {
      firstName: "Wren",
      lastName,
      setting: "Hillcrest Academy",
      requester: "School, college or nursery",
      daysAgo: 7,
    });

    // The council's administrator finds the return from the figures, and the case missing its details.
    const admin = await asPerson(browser, testInfo, "admin");
    await open(admin, testInfo, "/admin/figures");
    await admin.getByRole("link", { name: "The SEN2 return to the DfE" }).click();
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(/^SEN2 return \d{4}$/);
    const row = admin.getByRole("row", { name: new RegExp(`Wren ${lastName}`) });
    await expect(row).toContainText("Sex; Ethnicity; Unique pupil number, or why there is none");
    await accessible(admin, testInfo, "the SEN2 return");

    // The caseworker opens the details from the case; a malformed UPN is refused beside the field and kept.
    await open(page, testInfo, caseUrl);
    await page.getByRole("link", { name: "Details for the SEN2 return" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Details for the SEN2 return");
    await page.getByRole("radio", { name: "Female" }).check();
    await page.getByLabel("Ethnicity").selectOption({ label: "White – British" });
    await page.getByLabel("Unique pupil number (UPN)").fill("W12345");
    await page.getByRole("button", { name: "Save details" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: /Enter a unique pupil number in the correct format/ })).toBeVisible();
    await expect(page.getByLabel("Unique pupil number (UPN)")).toHaveValue("W12345");
    await expect(page.getByRole("radio", { name: "Female" })).toBeChecked();
    await accessible(page, testInfo, "the details with an error");
    await page.getByLabel("Unique pupil number (UPN)").fill("w12345678901x");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText("Details saved.")).toBeVisible();
    await expect(page.getByLabel("Unique pupil number (UPN)")).toHaveValue("W12345678901X");
    // The setting chosen at the request is kept, and Wren moves school from the case page.
    await expect(page.getByLabel("Current school or setting")).toHaveValue(/\d+/);
    await open(page, testInfo, caseUrl);
    await page.getByRole("link", { name: "Change education setting" }).click();
    await page.getByLabel("Current school or setting").selectOption({ label: "Riverside Primary School" });
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText("Details saved.")).toBeVisible();
    await expect(page.getByLabel("Unique pupil number (UPN)")).toHaveValue("W12345678901X");
    await open(page, testInfo, caseUrl);
    await expect(page.locator(".summary-list__row", { hasText: "Education setting" })).toContainText("Riverside Primary School");

    // The case leaves the list; the council's details make the file.
    await open(admin, testInfo, "/admin/sen2");
    await expect(admin.getByRole("row", { name: new RegExp(`Wren ${lastName}`) })).toHaveCount(0);
    await admin.getByLabel("Your council's DfE number").fill("320");
    await admin.getByRole("group", { name: "Is a designated medical officer in post?" }).getByRole("radio", { name: "Yes" }).check();
    await admin.getByRole("group", { name: "Is a designated clinical officer in post?" }).getByRole("radio", { name: "Recruitment in progress" }).check();
    await admin.getByRole("button", { name: "Save your council's details" }).click();
    await expect(admin.getByText("Your council's details are saved.")).toBeVisible();
    const xml = await download(admin, admin.getByRole("link", { name: /Download the SEN2 \d{4} return \(XML\)/ }));
    const text = xml.toString("utf8");
    const wren = text.slice(text.indexOf(`<Surname>${lastName}</Surname>`));
    expect(wren).toContain("<UPN>W12345678901X</UPN>");
    expect(wren.slice(0, wren.indexOf("</Person>"))).toContain("<RequestOutcome>A</RequestOutcome>");
    expect(schemaProblems(xml)).toBe("");
    await admin.context().close();
  });
});
