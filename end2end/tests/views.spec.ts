import { test, expect, type Page } from "@playwright/test";
import { open, asPerson, newCaseWithParent, uniqueName, PARENT_PASSWORD } from "./helpers";
import { drawnPhoto } from "./media";

// A PDF carrying the EICAR test text, which every virus scanner treats as malware.
const INFECTED = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Title (X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*) >> endobj\n%%EOF\n",
);

/** Reloads the views page until no file is still being checked. */
async function untilChecked(page: Page) {
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByText("Checking for viruses").count();
    }, { message: "the virus check finishes" })
    .toBe(0);
}

test.describe("The child's and the family's views", () => {
  test.setTimeout(120_000);

  test("a parent on a phone writes About me, adds a photo, has malware refused and sends the views @no-js", async ({ page, browser }, testInfo) => {
    const { caseUrl, parentEmail } = await newCaseWithParent(page, testInfo, uniqueName(), browser);
    const parent = await asPerson(browser, testInfo, parentEmail, true, PARENT_PASSWORD);
    await open(parent, testInfo, caseUrl);
    await parent.getByRole("link", { name: "Views of the child and family" }).click();
    await expect(parent.getByRole("heading", { level: 1 })).toHaveText("Views of the child and family");
    const aboutMe = parent.locator("#child_views");

    // Words first, saved to come back to.
    await aboutMe.getByLabel("What people like and admire about me").fill("I am kind and I make people laugh.");
    await aboutMe.getByLabel("My hopes for the future").fill("To be a vet.");
    await aboutMe.getByRole("button", { name: "Save and come back later" }).click();
    await expect(parent.getByText("Your views are saved.")).toBeVisible();
    await expect(aboutMe.getByLabel("My hopes for the future")).toHaveValue("To be a vet.");

    // A photo, with a caption; it shows once the virus check has passed.
    await aboutMe.getByLabel("Add a photo, video, recording or document").setInputFiles({ name: "beach.jpg", mimeType: "image/jpeg", buffer: await drawnPhoto(browser) });
    await aboutMe.getByLabel("Caption (optional)").fill("Me at the beach");
    await aboutMe.getByRole("button", { name: "Add file" }).click();
    await expect(parent.getByText("File added.")).toBeVisible();
    await untilChecked(parent);
    // Shown as its small copy, which has loaded.
    const shown = aboutMe.getByRole("img", { name: "Me at the beach" });
    await expect(shown).toBeVisible();
    await expect(shown).toHaveAttribute("src", /\/files\/[0-9a-f]{48}\/thumbnail$/);
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(aboutMe.getByText(/Added by Alex Morgan, \d+ \w+ \d{4} at \d\d:\d\d/)).toBeVisible();
    const photo = await parent.request.get((await aboutMe.getByRole("link", { name: "Open beach.jpg" }).getAttribute("href"))!);
    expect(photo.status()).toBe(200);
    expect(photo.headers()["content-type"]).toBe("image/jpeg");

    // A file with malware is refused, plainly, beside its name.
    await open(parent, testInfo, `${caseUrl}/views`);
    await aboutMe.getByLabel("Add a photo, video, recording or document").setInputFiles({ name: "homework.pdf", mimeType: "application/pdf", buffer: INFECTED });
    await aboutMe.getByRole("button", { name: "Add file" }).click();
    await expect(parent.getByText("File added.")).toBeVisible();
    await untilChecked(parent);
    await expect(aboutMe.getByText("homework.pdf Not added")).toBeVisible();
    await expect(aboutMe.getByText("our virus check found a problem with it")).toBeVisible();

    // No file chosen: the message is beside the field.
    await aboutMe.getByRole("button", { name: "Add file" }).click();
    await expect(aboutMe.locator(".error-message").filter({ hasText: "Select a file to add" })).toBeVisible();

    // Sent: read-only from now on.
    await aboutMe.getByRole("button", { name: "Send to the council" }).click();
    await expect(parent.getByText("Sent to the council. Your caseworker will use them in the plan.")).toBeVisible();
    await expect(aboutMe.getByText(/Sent to the council on .* by Alex Morgan\./)).toBeVisible();
    await expect(aboutMe.getByRole("textbox")).toHaveCount(0);
    await expect(aboutMe.getByText("To be a vet.")).toBeVisible();
    const width = await parent.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);

    // The caseworker reads them and puts them into section A of a new draft plan.
    await open(page, testInfo, `${caseUrl}/plan`);
    await page.getByRole("button", { name: "Start the draft plan" }).click();
    await expect(page.getByText("Draft started.")).toBeVisible();
    await open(page, testInfo, `${caseUrl}/views`);
    const sent = page.locator("#child_views");
    await expect(sent.getByText("I am kind and I make people laugh.")).toBeVisible();
    await expect(sent.getByRole("img", { name: "Me at the beach" })).toBeVisible();
    // The refused file is only ever shown to the person who sent it.
    await expect(sent.getByText("homework.pdf")).toHaveCount(0);
    await sent.getByRole("button", { name: "Add these views to section A of the draft plan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Section A: views, interests and aspirations");
    const aboutMeText = page.getByLabel("About me");
    await expect(aboutMeText).toHaveValue(/What people like and admire about me\nI am kind and I make people laugh\./);
    await expect(aboutMeText).toHaveValue(/- Photo: beach\.jpg, “Me at the beach” \(http:\/\/[^)]+\/files\/[0-9a-f]{48}\)/);
    await expect(aboutMeText).not.toHaveValue(/homework/);

    // And can re-open them for the family.
    await open(page, testInfo, `${caseUrl}/views`);
    await sent.getByRole("button", { name: "Re-open for changes" }).click();
    await expect(page.getByText("The views are open for changes again.")).toBeVisible();

    // A parent of another child gets nothing: not the page, not the photo.
    const other = await asPerson(browser, testInfo, "parent");
    const refused = await other.goto(`${caseUrl}/views`);
    expect(refused?.status()).toBe(404);
    const file = await other.request.get(new URL(photo.url()).pathname);
    expect(file.status()).toBe(404);
    await other.context().close();
    await parent.context().close();
  });
});
