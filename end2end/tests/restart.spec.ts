import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as nodePath from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { test, expect } from "@playwright/test";
import { hydrated, ready, signIn } from "./helpers";
import { phoneVideo, watchPatches } from "./media";

const MIB = 1024 * 1024;

/** A port nobody is listening on. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A hub of this test's own (the other journeys keep theirs), on its own
 * database and folders, with the same mail server and malware scanner.
 */
class OwnServer {
  private process?: ChildProcess;
  readonly dataDir = fs.mkdtempSync(nodePath.join(os.tmpdir(), "ehc-restart-"));

  constructor(readonly port: number) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    const binary = process.env.E2E_SERVER_BIN;
    if (!binary) throw new Error("E2E_SERVER_BIN is not set: run the tests through .ci/test");
    this.process = spawn(binary, [], {
      env: { ...process.env, EHC_DATA_DIR: this.dataDir, EHC_DEMO_DATA: "true", EHC_PORT: String(this.port), RUST_LOG: "warn" },
      stdio: "ignore",
    });
    await expect
      .poll(async () => fetch(`${this.url}/sign-in`).then((r) => r.status, () => 0), { timeout: 30_000, message: "the server starts" })
      .toBe(200);
  }

  /** Stopped at once, as a crash or a power cut would: nothing is tidied up. */
  kill() {
    this.process?.kill("SIGKILL");
  }

  async close() {
    this.kill();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

test.describe("Resumable uploads through a server restart", () => {
  test.setTimeout(180_000);

  test("a video keeps going when the server stops mid-upload and comes back", async ({ browser }, testInfo) => {
    test.skip(!hydrated(testInfo), "the resumable uploader is the hydrated page's");
    const server = new OwnServer(await freePort());
    await server.start();
    try {
      const context = await browser.newContext({
        baseURL: server.url,
        storageState: { cookies: [], origins: [] },
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
      });
      const parent = await context.newPage();
      await signIn(parent, "carer");
      await parent.goto("/cases/3/views");
      await ready(parent, testInfo);
      const aboutMe = parent.locator("#child_views");

      const file = testInfo.outputPath("school-play.mp4");
      const bytes = phoneVideo(20 * MIB);
      fs.writeFileSync(file, bytes);
      const sent = watchPatches(parent);
      // The server stops for good as the third part starts on its way.
      let stopped = false;
      parent.on("request", (req) => {
        if (req.method() === "PATCH" && sent.patches.length === 3 && !stopped) {
          stopped = true;
          server.kill();
        }
      });
      await aboutMe.getByLabel("Add a photo, video, recording or document").setInputFiles(file);
      await aboutMe.getByRole("button", { name: "Add file" }).click();
      await expect(aboutMe.getByText(/No connection\. It carries on by itself/)).toBeVisible({ timeout: 30_000 });
      expect(stopped).toBe(true);

      // Back up, on the same database and disk: the page carries on by itself.
      await server.start();
      await expect(parent.getByText("File added.")).toBeVisible({ timeout: 90_000 });
      expect(sent.posts).toHaveLength(1);
      const resumedAt = sent.patches.slice(3).map((p) => p.offset);
      expect(Math.min(...resumedAt)).toBeGreaterThan(0);
      const total = sent.patches.reduce((n, p) => n + p.bytes, 0);
      expect(total).toBeLessThanOrEqual(bytes.length + 2 * 4 * MIB);

      // Checked and stored whole: it plays in the page and is the file sent.
      await expect
        .poll(async () => {
          await parent.reload();
          return parent.getByText("Checking for viruses").count();
        })
        .toBe(0);
      await expect(aboutMe.locator("video.file__video")).toHaveCount(1);
      const href = await aboutMe.getByRole("link", { name: "Open school-play.mp4" }).getAttribute("href");
      const stored = await parent.request.get(href!);
      expect(stored.status()).toBe(200);
      expect(Buffer.compare(await stored.body(), bytes)).toBe(0);
      await context.close();
    } finally {
      await server.close();
    }
  });
});
