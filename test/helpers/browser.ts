// Headless Chromium for the site's browser test, from the npm package @sparticuz/chromium (the
// binary ships inside the package, brotli-compressed; nothing is downloaded). It is unpacked
// once into .cache/chromium/<version>/ and driven by puppeteer-core over a pipe, so the browser
// opens no port and needs no network. If it cannot start, the error says why: callers let the
// test fail with it, never skip.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(ROOT, ".cache", "chromium");

/** Flags for a closed network and a root user (the sandbox needs an unprivileged user). */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--no-default-browser-check",
  "--font-render-hinting=none",
];

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(ROOT, "node_modules", "@sparticuz", "chromium", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * The unpacked binary. @sparticuz/chromium unpacks into os.tmpdir(), which follows TMPDIR, so
 * it is pointed at a fresh folder that is renamed into place when complete: concurrent test
 * workers never see a half-written binary, and another version in /tmp is never picked up.
 */
async function executable(): Promise<string> {
  const version = await packageVersion();
  const dir = join(CACHE, version);
  const exe = join(dir, "chromium");
  if (existsSync(join(dir, "complete"))) return exe;
  await mkdir(CACHE, { recursive: true });
  const tmp = await mkdtemp(join(CACHE, `.unpack-${version}-`));
  const saved = process.env.TMPDIR;
  try {
    process.env.TMPDIR = tmp;
    const { default: chromium } = await import("@sparticuz/chromium");
    const got = await chromium.executablePath();
    if (got !== join(tmp, "chromium")) throw new Error(`@sparticuz/chromium unpacked to ${got}, expected ${join(tmp, "chromium")}`);
    await writeFile(join(tmp, "complete"), version);
    await rename(tmp, dir).catch(async (e: NodeJS.ErrnoException) => {
      if (!existsSync(join(dir, "complete"))) throw e; // another worker finished first: use theirs
    });
    return exe;
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await rm(tmp, { recursive: true, force: true });
  }
}

export class BrowserStartError extends Error {
  override name = "BrowserStartError";
}

export async function launchChromium(): Promise<Browser> {
  let exe: string;
  try {
    exe = await executable();
  } catch (e) {
    throw new BrowserStartError(`could not unpack Chromium from the npm package @sparticuz/chromium (installed by \`npm ci\`): ${(e as Error).message}`);
  }
  try {
    return await puppeteer.launch({ executablePath: exe, headless: "shell", pipe: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  } catch (e) {
    throw new BrowserStartError(`Chromium ${exe} (from @sparticuz/chromium) did not start: ${(e as Error).message}`);
  }
}

export interface PageProblems {
  console: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** any request that is not file:// or data: (the site must need no network) */
  network: string[];
}

/** A page that records everything that would mean the site is broken or reaches out. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  const problems: PageProblems = { console: [], pageErrors: [], failedRequests: [], network: [] };
  page.on("console", (m) => {
    if (m.type() === "error") problems.console.push(`${m.text()} (${m.location().url ?? "?"})`);
  });
  page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
  page.on("requestfailed", (r) => problems.failedRequests.push(`${r.url()}: ${r.failure()?.errorText ?? "failed"}`));
  page.on("request", (r) => {
    if (!/^(file|data|about):/.test(r.url())) problems.network.push(r.url());
  });
  return { page, problems };
}
