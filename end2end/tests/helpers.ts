import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as nodePath from "node:path";
import * as zlib from "node:zlib";
import { expect, type Browser, type Locator, type Page, type TestInfo } from "@playwright/test";

/** Whether this project runs with JavaScript on. */
export function hydrated(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/**
 * With JavaScript on, waits until every island on the page has hydrated.
 * Pages without islands ship no WebAssembly, so there is nothing to wait for.
 */
export async function ready(page: Page, testInfo: TestInfo) {
  if (hydrated(testInfo) && (await page.locator("leptos-island").count()) > 0) {
    await expect(page.locator("body[data-hydrated=true]")).toHaveCount(1);
  }
}

/** Opens a page and, with JavaScript on, waits until its islands have hydrated. */
export async function open(page: Page, testInfo: TestInfo, path: string) {
  const blocked: string[] = [];
  const watch = (msg: { type(): string; text(): string }) => {
    if (msg.type() === "error" && msg.text().includes("Content Security Policy")) blocked.push(msg.text());
  };
  page.on("console", watch);
  const response = await page.goto(path);
  await ready(page, testInfo);
  page.off("console", watch);
  // The page's own scripts all carry its nonce: nothing may be blocked.
  expect(blocked).toEqual([]);
  return response;
}

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** Today's date in England, as the server counts deadlines. */
export function todayInEngland(): Date {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", year: "numeric", month: "numeric", day: "numeric",
  }).formatToParts(new Date());
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** The day a page wrote as "3 March 2026". */
export function parseLongDate(text: string): Date {
  const [day, month, year] = text.trim().split(" ");
  return new Date(Date.UTC(Number(year), MONTHS.indexOf(month), Number(day)));
}

/** "3 March 2026", as the pages write dates. */
export function longDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A name no other test uses, so parallel tests never see each other's cases. */
export function uniqueName(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let suffix = "";
  for (let i = 0; i < 6; i++) suffix += letters[Math.floor(Math.random() * letters.length)];
  return `Testchild${suffix}`;
}

/** The demo accounts' shared password (demo data is for local runs only). */
export const DEMO_PASSWORD = "demo-password-2026";

/**
 * Every message that reached the test SMTP server for `email`, oldest first.
 * The server stores them in a maildir, one file each.
 */
function mailsTo(dir: string, email: string): string[] {
  const to = new RegExp(`^To: ${email.replace(/[.+]/g, "\\$&")}\r?$`, "mi");
  return fs
    .readdirSync(dir)
    .map((f) => nodePath.join(dir, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs || a.localeCompare(b))
    .map((f) => fs.readFileSync(f, "utf8"))
    .filter((m) => to.test(m));
}

/**
 * Runs `sign` while no other test process signs the same person in: the
 * hydrated and the no-JS run of one journey run at once, and each sign-in's
 * code must be the newest emailed. A lock file per address, taken over if
 * its holder died more than a minute ago.
 */
async function oneAtATime<T>(email: string, sign: () => Promise<T>): Promise<T> {
  const lock = nodePath.join(os.tmpdir(), `ehc-sign-in-${email}.lock`);
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch {
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 60_000) fs.unlinkSync(lock);
      } catch {
        // Released meanwhile: try again.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await sign();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Signs in through the real pages: email and password, then the code from
 * the email. Works hydrated and with JavaScript off.
 */
export async function signIn(page: Page, who: string, password = DEMO_PASSWORD) {
  const email = who.includes("@") ? who : `${who}@demo-council.test`;
  await oneAtATime(email, async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    const before = mailTo(email).length;
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    // The hub's email worker sends the code a moment after the page answers;
    // other emails to the same person (an allocation, say) may come first.
    const code = () =>
      mailTo(email)
        .slice(before)
        .map((m) => /Your sign-in code is (\d{6})/.exec(m)?.[1])
        .findLast((c) => c !== undefined);
    await expect.poll(code, { message: `a sign-in code for ${email}` }).toBeDefined();
    await page.getByLabel("Code from the email").fill(code()!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/cases$/);
  });
}

/**
 * The newest link to `path` emailed to `email`, as it arrived at the SMTP
 * server; waits a little for the hub's email worker to send it.
 */
export async function latestLink(email: string, path: string): Promise<string> {
  const dir = process.env.OUTBOX_DIR ?? "";
  const pattern = new RegExp(`https?://[^\\s]+${path.replace(/\//g, "\\/")}\\?token=[A-Za-z0-9_-]+`);
  const find = () =>
    mailsTo(dir, email)
      .reverse()
      .map((m) => pattern.exec(m))
      .find((m) => m !== null);
  await expect.poll(() => find() !== undefined, { message: `a ${path} link for ${email}` }).toBe(true);
  const link = find()!;
  return new URL(link[0]).pathname + new URL(link[0]).search;
}

/** The code an authenticator app shows now for a base32 secret (RFC 6238). */
export function authenticatorCode(base32: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of base32.replace(/\s/g, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hash = crypto.createHmac("sha1", key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  const binary = hash.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

/** Every email that reached the test SMTP server for `email`, oldest first. */
export function mailTo(email: string): string[] {
  return mailsTo(process.env.OUTBOX_DIR ?? "", email);
}

/** The text a PDF shows, one line of text a line, as a PDF reader extracts it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  // poppler's pdftotext (Debian's poppler-utils) reads embedded fonts' text
  // maps, right-to-left runs and tagged PDFs' ActualText.
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");
}

/** Text with every run of white space as one space, to match across PDF lines. */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** Clicks a download link and returns the file's bytes. */
export async function download(page: Page, link: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return fs.readFileSync(await file.path());
}

/** The text of a Word document: its word/document.xml with the tags taken out. */
export function docxText(docx: Buffer): string {
  // Find the central directory from its end record, then the document part.
  const end = docx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a zip file");
  const count = docx.readUInt16LE(end + 10);
  let at = docx.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = docx.readUInt16LE(at + 10);
    const size = docx.readUInt32LE(at + 20);
    const nameLength = docx.readUInt16LE(at + 28);
    const extra = docx.readUInt16LE(at + 30);
    const comment = docx.readUInt16LE(at + 32);
    const local = docx.readUInt32LE(at + 42);
    const name = docx.toString("utf8", at + 46, at + 46 + nameLength);
    if (name === "word/document.xml") {
      const start = local + 30 + docx.readUInt16LE(local + 26) + docx.readUInt16LE(local + 28);
      const data = docx.subarray(start, start + size);
      const xml = (method === 8 ? zlib.inflateRawSync(data) : data).toString("utf8");
      return xml
        .replace(/<\/w:p>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&amp;/g, "&")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'");
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error("no word/document.xml in the file");
}

export const PARENT_PASSWORD = "violet harbour lantern";

/**
 * Registers a request that came by post or email, as the caseworker: the
 * child (born 3 April 2017), their setting, who asked, and the day it was
 * received. Returns the new case's address.
 */
export async function registerRequest(
  page: Page,
  testInfo: TestInfo,
  request: { firstName: string; lastName: string; setting: string; requester: string; daysAgo: number },
): Promise<string> {
  await open(page, testInfo, "/cases/new");
  await page.getByLabel("First name").fill(request.firstName);
  await page.getByLabel("Last name").fill(request.lastName);
  const born = page.getByRole("group", { name: "Date of birth" });
  await born.getByLabel("Day").fill("3");
  await born.getByLabel("Month").fill("4");
  await born.getByLabel("Year").fill("2017");
  await page.getByLabel("Current education setting").selectOption({ label: request.setting });
  await page.getByRole("radio", { name: request.requester }).check();
  const received = addDays(todayInEngland(), -request.daysAgo);
  const on = page.getByRole("group", { name: "Date the request was received" });
  await on.getByLabel("Day").fill(String(received.getUTCDate()));
  await on.getByLabel("Month").fill(String(received.getUTCMonth() + 1));
  await on.getByLabel("Year").fill(String(received.getUTCFullYear()));
  await page.getByRole("button", { name: "Register request" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${request.firstName} ${request.lastName}`);
  return new URL(page.url()).pathname;
}

/**
 * Registers a new case as the caseworker, invites a parent of their own (so no
 * other test's parent sees it) and gives them access. Returns the case's
 * address and the parent's email address; their password is PARENT_PASSWORD.
 */
export async function newCaseWithParent(page: Page, testInfo: TestInfo, lastName: string, browser: Browser) {
  const parentEmail = `${lastName.toLowerCase()}@example.test`;
  await open(page, testInfo, "/people/invite");
  await page.getByLabel("Full name").fill("Alex Morgan");
  await page.getByLabel("Email address").fill(parentEmail);
  await page.getByRole("radio", { name: "Parent or carer" }).check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Invitation sent.")).toBeVisible();
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const parent = await theirs.newPage();
  await parent.goto(await latestLink(parentEmail, "/register"));
  await parent.getByLabel("New password", { exact: true }).fill(PARENT_PASSWORD);
  await parent.getByLabel("Type the new password again").fill(PARENT_PASSWORD);
  await parent.getByRole("button", { name: "Create account" }).click();
  await expect(parent.getByText("Your password is set. Sign in with it.")).toBeVisible();
  await theirs.close();

  // Recent enough that its deadlines never come before the demo cases' in the trays.
  const caseUrl = await registerRequest(page, testInfo, {
    firstName: "Rowan",
    lastName,
    setting: "Riverside Primary School",
    requester: "Parent or carer",
    daysAgo: 3,
  });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Rowan ${lastName}`);
  await page.getByLabel("Give a person access to this case").fill(parentEmail);
  await page.getByRole("button", { name: "Give access" }).click();
  await expect(page.getByText("Access given.")).toBeVisible();
  return { caseUrl, parentEmail };
}

/** A second person in a browser of their own (with JavaScript as the project has it). */
export async function asPerson(browser: Browser, testInfo: TestInfo, who: string, phone = false, password?: string): Promise<Page> {
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    javaScriptEnabled: hydrated(testInfo),
    ...(phone ? { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  await signIn(page, who, password);
  return page;
}
