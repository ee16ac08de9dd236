import { test as setup } from "@playwright/test";
import { signIn } from "./helpers";
import { CASEWORKER } from "../playwright.config";

setup("sign in as the demo caseworker", async ({ page }) => {
  await signIn(page, "caseworker");
  await page.context().storageState({ path: CASEWORKER });
});
