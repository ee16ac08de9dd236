import { test, expect, type Page } from "@playwright/test";
import {
  open, signIn, latestLink, uniqueName, hydrated, authenticatorCode, DEMO_PASSWORD, PARENT_PASSWORD, newCaseWithParent,
} from "./helpers";

/** A browser with nobody signed in: new contexts would otherwise share the caseworker's cookies. */
const SIGNED_OUT = { cookies: [], origins: [] };

/** Chooses a password on a page reached from an emailed link. */
async function choosePassword(page: Page, password: string) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Type the new password again").fill(password);
}

test("an invited person sets a password, signs in, and can reset a forgotten password @no-js", async ({ page, browser }, testInfo) => {
  const email = `${uniqueName().toLowerCase()}@example.test`;

  // The caseworker invites a new educational psychologist.
  await open(page, testInfo, "/people/invite");
  await page.getByLabel("Full name").fill("Alex Invited");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("radio", { name: "Professional", exact: true }).check();
  await page.getByLabel(/Team or setting/).selectOption({ label: "Educational Psychology Service" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Invitation sent.")).toBeVisible();

  // The invited person, in their own browser, follows the emailed link.
  const theirs = await browser.newContext({ javaScriptEnabled: hydrated(testInfo), storageState: SIGNED_OUT });
  const them = await theirs.newPage();
  await them.goto(await latestLink(email, "/register"));
  await expect(them.getByRole("heading", { level: 1 })).toHaveText("Set up your account");
  await choosePassword(them, "short");
  await them.getByRole("button", { name: "Create account" }).click();
  await expect(them.getByRole("link", { name: "Your password must be at least 12 characters" })).toBeVisible();
  await choosePassword(them, "river lantern orchard");
  await them.getByRole("button", { name: "Create account" }).click();
  await expect(them.getByText("Your password is set. Sign in with it.")).toBeVisible();
  await signIn(them, email, "river lantern orchard");
  await expect(them.getByText("Alex Invited")).toBeVisible();
  await expect(them.getByText("There are no cases here.")).toBeVisible();

  // The link worked once only.
  await them.goto(await latestLink(email, "/register"));
  await choosePassword(them, "another long password");
  await them.getByRole("button", { name: "Create account" }).click();
  await expect(them.getByText(/This link has expired or has already been used/).first()).toBeVisible();

  // Later they forget it: the reset link lets them choose another.
  await them.getByRole("button", { name: "Sign out" }).click();
  await expect(them).toHaveURL(/\/sign-in/);
  await them.goto("/password/forgot");
  await them.getByLabel("Email address").fill(email);
  await them.getByRole("button", { name: "Send the link" }).click();
  await expect(them.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await them.goto(await latestLink(email, "/password/reset"));
  await choosePassword(them, "kettle meadow compass");
  await them.getByRole("button", { name: "Change password" }).click();
  await expect(them.getByText("Your password is set. Sign in with it.")).toBeVisible();

  // The old password no longer works; the new one does.
  await them.getByLabel("Email address").fill(email);
  await them.getByLabel("Password").fill("river lantern orchard");
  await them.getByRole("button", { name: "Continue" }).click();
  await expect(them.getByRole("link", { name: "Enter a correct email address and password" })).toBeVisible();
  await signIn(them, email, "kettle meadow compass");
  await theirs.close();
});

test("asking to reset a password for an unknown address gets the same answer @no-js", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ javaScriptEnabled: hydrated(testInfo), storageState: SIGNED_OUT });
  const page = await context.newPage();
  await page.goto("/password/forgot");
  await page.getByLabel("Email address").fill("nobody-here@example.test");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expect(page.getByText("If there is an account for that address")).toBeVisible();
  await context.close();
});

test("a caseworker sees the case's activity and an administrator can search the log", async ({ page, browser }, testInfo) => {
  test.skip(!hydrated(testInfo), "one project checks the log");
  await open(page, testInfo, "/cases/2");
  await expect(page.getByRole("heading", { name: "Case activity" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Sam Okafor \(Caseworker\).*Viewed the case/ }).first()).toBeVisible();

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const admin = await context.newPage();
  await signIn(admin, "admin");
  await admin.getByRole("link", { name: "Audit log" }).click();
  await admin.getByLabel("Case reference").fill("DC-000002");
  await admin.getByRole("button", { name: "Search the log" }).click();
  await expect(admin.getByRole("row", { name: /Sam Okafor.*Viewed the case/ }).first()).toBeVisible();
  await context.close();
});

test("a person can sign in with an authenticator app instead of emailed codes", async ({ browser }, testInfo) => {
  test.skip(!hydrated(testInfo), "one project enrols the app");
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await signIn(page, "young.person");
  await page.getByRole("link", { name: /Isla Fernsby/ }).first().click();
  await page.goto("/account/security");
  await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const secret = (await page.locator("code.secret").textContent()) ?? "";
  await page.getByLabel("Code from the app").fill("000000" === authenticatorCode(secret) ? "111111" : "000000");
  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Use this app" }).click();
  await expect(page.getByRole("link", { name: /The code does not match/ })).toBeVisible();
  await page.getByLabel("Code from the app").fill(authenticatorCode(secret));
  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Use this app" }).click();
  await expect(page.getByText("Your authenticator app is set up.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email address").fill("young.person@demo-council.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter the code from your authenticator app");
  // A code from 30 seconds on still counts (clock drift), and was not used yet.
  await page.getByLabel("Code from the app").fill(authenticatorCode(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await context.close();
});

test("a person sees where they are signed in and signs out of their other devices @no-js", async ({ page, browser }, testInfo) => {
  test.skip(hydrated(testInfo), "one project, with JavaScript off, ends a parent's other sessions");
  // A parent of their own, so every other session listed is this test's.
  const { parentEmail } = await newCaseWithParent(page, testInfo, uniqueName(), browser);
  const laptop = await browser.newContext({ javaScriptEnabled: false, storageState: SIGNED_OUT });
  const phone = await browser.newContext({ javaScriptEnabled: false, storageState: SIGNED_OUT });
  const onLaptop = await laptop.newPage();
  await signIn(onLaptop, parentEmail, PARENT_PASSWORD);
  const onPhone = await phone.newPage();
  await signIn(onPhone, parentEmail, PARENT_PASSWORD);
  await onPhone.goto("/account/security");
  await expect(onPhone.getByRole("heading", { name: "Where you are signed in" })).toBeVisible();
  await expect(onPhone.getByRole("cell", { name: "This device" })).toBeVisible();
  await expect(onPhone.getByRole("cell", { name: "Another device" })).toBeVisible();
  await onPhone.getByRole("button", { name: "Sign out of all other devices" }).click();
  await expect(onPhone.getByText("You have signed out of all other devices.")).toBeVisible();
  await expect(onPhone.getByRole("cell", { name: "Another device" })).toHaveCount(0);
  // The laptop is asked to sign in again.
  await onLaptop.goto("/cases");
  await expect(onLaptop).toHaveURL(/\/sign-in$/);
  await laptop.close();
  await phone.close();
});

test("a caseworker gives an invited parent access to their child's case @no-js", async ({ page, browser }, testInfo) => {
  const email = `${uniqueName().toLowerCase()}@example.test`;
  await open(page, testInfo, "/people/invite");
  await page.getByLabel("Full name").fill("Morgan Quillfeather");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("radio", { name: "Parent or carer" }).check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Invitation sent.")).toBeVisible();

  // Maya's case: an unknown address is refused with a plain message, then the parent is added.
  await open(page, testInfo, "/cases/3");
  await page.getByLabel("Give a person access to this case").fill("nobody-at-all@example.test");
  await page.getByRole("button", { name: "Give access" }).click();
  await expect(page.getByRole("link", { name: "No account uses this email address: invite the person first" })).toBeVisible();
  await expect(page.getByLabel("Give a person access to this case")).toHaveValue("nobody-at-all@example.test");
  await page.getByLabel("Give a person access to this case").fill(email);
  await page.getByRole("button", { name: "Give access" }).click();
  await expect(page.getByText("Access given. The person can now see this case.")).toBeVisible();
  // Both projects add a parent to this case; the email address tells them apart.
  await expect(page.getByRole("row", { name: new RegExp(`Morgan Quillfeather \\(${email}\\) Parent or carer Family`) })).toBeVisible();

  const theirs = await browser.newContext({ javaScriptEnabled: hydrated(testInfo), storageState: SIGNED_OUT });
  const parent = await theirs.newPage();
  await parent.goto(await latestLink(email, "/register"));
  await choosePassword(parent, "violet harbour lantern");
  await parent.getByRole("button", { name: "Create account" }).click();
  await expect(parent.getByText("Your password is set. Sign in with it.")).toBeVisible();
  await signIn(parent, email, "violet harbour lantern");
  await expect(parent.getByRole("row", { name: /Maya Quillfeather/ })).toBeVisible();
  await expect(parent.getByRole("row")).toHaveCount(2);
  await theirs.close();
});
