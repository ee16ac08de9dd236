import * as fs from "node:fs";
import { test, expect } from "@playwright/test";
import { open, asPerson, newCaseWithParent, uniqueName, hydrated, PARENT_PASSWORD } from "./helpers";
import { drawnPhoto, phoneVideo, watchPatches } from "./media";

const MIB = 1024 * 1024;

test.describe("Resumable uploads from a phone", () => {
  test.setTimeout(180_000);

  test("two photos and a video arrive although the connection drops mid-video and the page is reloaded", async ({ page, browser }, testInfo) => {
    test.skip(!hydrated(testInfo), "the resumable uploader is the hydrated page's; without JavaScript the plain form is tested in views.spec.ts");
    const { caseUrl, parentEmail } = await newCaseWithParent(page, testInfo, uniqueName(), browser);
    const parent = await asPerson(browser, testInfo, parentEmail, true, PARENT_PASSWORD);
    await open(parent, testInfo, `${caseUrl}/views`);
    const aboutMe = parent.locator("#child_views");
    const picker = aboutMe.getByLabel("Add a photo, video, recording or document");

    // Two photos at once.
    await picker.setInputFiles([
      { name: "garden.jpg", mimeType: "image/jpeg", buffer: await drawnPhoto(browser, "#00703c") },
      { name: "bike.jpg", mimeType: "image/jpeg", buffer: await drawnPhoto(browser, "#d4351c") },
    ]);
    await aboutMe.getByRole("button", { name: "Add file" }).click();
    await expect(parent.getByText("File added.")).toBeVisible();
    await open(parent, testInfo, `${caseUrl}/views`);

    // A 14 MiB video from the camera roll (a file on disk keeps its date): the
    // connection drops after its first chunk.
    const file = testInfo.outputPath("sports-day.mp4");
    const bytes = phoneVideo(14 * MIB);
    fs.writeFileSync(file, bytes);
    const sent = watchPatches(parent);
    let cut = false;
    await parent.route("**/uploads/*", async (route) => {
      if (route.request().method() === "PATCH" && sent.patches.length === 2 && !cut) {
        cut = true;
        await parent.context().setOffline(true);
        return route.abort("internetdisconnected");
      }
      return route.continue();
    });
    await aboutMe.getByLabel("Add a photo, video, recording or document").setInputFiles(file);
    await aboutMe.getByRole("button", { name: "Add file" }).click();
    await expect(aboutMe.getByText(/No connection\. It carries on by itself/)).toBeVisible();
    const progress = aboutMe.getByRole("progressbar", { name: "Sending sports-day.mp4" });
    const before = Number(await progress.getAttribute("value"));
    expect(before).toBeGreaterThan(0);

    // The page is reloaded while offline; back online, the same file is picked again.
    await parent.context().setOffline(false);
    await parent.unroute("**/uploads/*");
    await open(parent, testInfo, `${caseUrl}/views`);
    const resumed = watchPatches(parent);
    await aboutMe.getByLabel("Add a photo, video, recording or document").setInputFiles(file);
    await aboutMe.getByRole("button", { name: "Add file" }).click();
    await expect(parent.getByText("File added.")).toBeVisible({ timeout: 60_000 });
    // It continued: no new upload, and the first bytes sent were where it had stopped.
    expect(resumed.posts).toEqual([]);
    expect(resumed.patches[0].offset).toBeGreaterThan(0);
    const total = [...sent.patches, ...resumed.patches].reduce((n, p) => n + p.bytes, 0);
    expect(total).toBeLessThanOrEqual(bytes.length + 4 * MIB);

    // All three are there, checked, playing in the page.
    await expect
      .poll(async () => {
        await parent.reload();
        return parent.getByText("Checking for viruses").count();
      })
      .toBe(0);
    await expect(aboutMe.locator("img.file__photo")).toHaveCount(2);
    await expect(aboutMe.locator("video.file__video")).toHaveCount(1);
    const width = await parent.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await parent.context().close();
  });
});
