import * as fs from "node:fs";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { open, asPerson, newCaseWithParent, uniqueName, hydrated, PARENT_PASSWORD } from "./helpers";

const MIB = 1024 * 1024;

/** A small real JPEG, drawn and encoded by the browser itself. */
async function drawnPhoto(browser: Browser, colour: string): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  const data = await page.evaluate((fill) => {
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 48;
    const draw = canvas.getContext("2d")!;
    draw.fillStyle = fill;
    draw.fillRect(0, 0, 64, 48);
    return canvas.toDataURL("image/jpeg", 0.8).split(",")[1];
  }, colour);
  await context.close();
  return Buffer.from(data, "base64");
}

/** An MP4 as a phone records it: a type box, a video track, then its media data. */
function video(bytes: number): Buffer {
  const box = (name: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length);
    head.write(name, 4, "latin1");
    return Buffer.concat([head, body]);
  };
  const ftyp = box("ftyp", Buffer.from("mp42\0\0\0\0mp42isom", "latin1"));
  const hdlr = box("hdlr", Buffer.concat([Buffer.alloc(8), Buffer.from("vide", "latin1"), Buffer.alloc(13)]));
  const moov = box("moov", box("trak", box("mdia", hdlr)));
  const used = ftyp.length + moov.length + 8;
  const media = Buffer.alloc(bytes - used);
  for (let i = 0; i < media.length; i += 4096) media[i] = (i / 4096) % 251;
  return Buffer.concat([ftyp, moov, box("mdat", media)]);
}

/** Every PATCH the page sends: where it started and how many bytes it carried. */
function watchPatches(page: Page) {
  const patches: { offset: number; bytes: number }[] = [];
  const posts: string[] = [];
  page.on("request", (req) => {
    if (!new URL(req.url()).pathname.startsWith("/uploads")) return;
    if (req.method() === "PATCH") {
      patches.push({ offset: Number(req.headers()["upload-offset"]), bytes: req.postDataBuffer()?.length ?? 0 });
    } else if (req.method() === "POST") {
      posts.push(req.url());
    }
  });
  return { patches, posts };
}

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
    const bytes = video(14 * MIB);
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
