// The prepared engine cache is checked before each use (issue 9, finding 8): an altered file is
// noticed and the folder prepared again, and extracted files belong to the preparing user.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, chownSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as tar from "tar";
import { afterAll, describe, expect, it } from "vitest";
import { buildManifest, checkManifest } from "../../src/prover/engine/manifest.ts";
import { extractLibrary, prepareEngine } from "../../src/prover/engine/prepare.ts";

const projectRoot = resolve(import.meta.dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "engine-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A small folder shaped like a prepared engine. */
function fakeEngine(name: string): string {
  const d = join(work, name);
  mkdirSync(join(d, "lib"), { recursive: true });
  writeFileSync(join(d, "lean.js"), "module.exports = 1;\n");
  writeFileSync(join(d, "launch.cjs"), "require('./lean.js');\n");
  writeFileSync(join(d, "package.json"), '{ "type": "commonjs" }\n');
  writeFileSync(join(d, "lean.wasm"), Buffer.alloc(4096, 7));
  writeFileSync(join(d, "lib", "Init.olean"), Buffer.alloc(1024, 3));
  return d;
}

describe("engine manifest", () => {
  it("an unchanged folder matches its manifest", async () => {
    const d = fakeEngine("same");
    expect(await checkManifest(d, await buildManifest(d))).toBeUndefined();
  });

  it("a truncated wasm, an emptied .olean, appended glue code, a removed or added file are each named", async () => {
    const cases: [string, (d: string) => void, RegExp][] = [
      ["trunc", (d) => truncateSync(join(d, "lean.wasm"), 100), /lean\.wasm is 100 bytes, 4096 were prepared/],
      ["empty", (d) => truncateSync(join(d, "lib", "Init.olean"), 0), /lib\/Init\.olean is 0 bytes, 1024 were prepared/],
      ["append", (d) => appendFileSync(join(d, "lean.js"), "process.exit(0);\n"), /lean\.js is \d+ bytes/],
      ["same-size", (d) => writeFileSync(join(d, "lean.js"), "module.exports = 2;\n"), /lean\.js has SHA-256 [0-9a-f]{64}, [0-9a-f]{64} was prepared/],
      ["removed", (d) => rmSync(join(d, "launch.cjs")), /launch\.cjs is missing/],
      ["added", (d) => writeFileSync(join(d, "lib", "Extra.olean"), "x"), /lib\/Extra\.olean was added/],
    ];
    for (const [name, tamper, msg] of cases) {
      const d = fakeEngine(name);
      const m = await buildManifest(d);
      tamper(d);
      expect(await checkManifest(d, m), name).toMatch(msg);
    }
  });

  it("a library file rewritten at the same size is found by the deep check only", async () => {
    const d = fakeEngine("deep");
    const m = await buildManifest(d);
    writeFileSync(join(d, "lib", "Init.olean"), Buffer.alloc(1024, 4));
    expect(await checkManifest(d, m)).toBeUndefined();
    expect(await checkManifest(d, m, true)).toMatch(/lib\/Init\.olean has SHA-256/);
  });

  it("extracted files belong to the user who extracts them, not to the archive's owner", async () => {
    const src = join(work, "tarsrc");
    mkdirSync(src);
    writeFileSync(join(src, "A.olean"), "a");
    const uid = process.getuid!();
    const foreign = uid === 0 ? 501 : uid; // only root can hand a file to another user
    chownSync(join(src, "A.olean"), foreign, foreign);
    const tgz = join(work, "lib.tar.gz");
    await tar.c({ gzip: true, file: tgz, cwd: src, portable: false }, ["A.olean"]);
    const out = join(work, "tarout");
    expect(await extractLibrary(tgz, out)).toBe(1);
    expect(statSync(join(out, "A.olean")).uid).toBe(uid);
  });
});

describe("prepared engine cache, real package", () => {
  it("a tampered glue file is noticed and the engine prepared again", async () => {
    const cacheRoot = join(work, "cache");
    const logs: string[] = [];
    const first = await prepareEngine({ projectRoot, cacheRoot, log: (l) => logs.push(l) });
    expect(first.prepared).toBe(true);
    const uid = process.getuid!();
    for (const f of ["lean.js", "lean.wasm", "lib/Init.olean"]) expect(statSync(join(first.dir, f)).uid, f).toBe(uid);
    const again = await prepareEngine({ projectRoot, cacheRoot });
    expect(again.prepared).toBe(false);
    const good = readFileSync(join(first.dir, "lean.js"));
    appendFileSync(join(first.dir, "lean.js"), "\n;require('fs').writeFileSync('/tmp/pwned','');\n");
    const third = await prepareEngine({ projectRoot, cacheRoot, log: (l) => logs.push(l) });
    expect(third.prepared).toBe(true);
    expect(logs.at(-2)).toMatch(/does not match its record: lean\.js is \d+ bytes, \d+ were prepared; preparing it again/);
    expect(readFileSync(join(third.dir, "lean.js")).equals(good)).toBe(true);
    expect(readdirSync(cacheRoot)).toEqual([first.dir.split("/").at(-1)]);
    expect(existsSync(join(third.dir, "READY.json"))).toBe(true);
  }, 120_000);
});
