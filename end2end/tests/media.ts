// Files as phones make them, for the upload journeys: photos drawn and
// encoded by the browser itself, and MP4 videos of any size.
import type { Browser, Page } from "@playwright/test";

/** A small real JPEG, drawn and encoded by the browser itself. */
export async function drawnPhoto(browser: Browser, colour = "#1d70b8"): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  const data = await page.evaluate((fill) => {
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 48;
    const draw = canvas.getContext("2d")!;
    draw.fillStyle = fill;
    draw.fillRect(0, 0, 64, 48);
    draw.fillStyle = "#ffdd00";
    draw.fillRect(16, 12, 32, 24);
    return canvas.toDataURL("image/jpeg", 0.8).split(",")[1];
  }, colour);
  await context.close();
  return Buffer.from(data, "base64");
}

/** An MP4 as a phone records it: a type box, a video track, then its media data. */
export function phoneVideo(bytes: number): Buffer {
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
export function watchPatches(page: Page) {
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
