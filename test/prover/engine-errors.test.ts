// Engine problems a user can meet, each a named error rather than a stack trace.
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EngineError, locateEnginePackage, prepareEngine, verifyPackage } from "../../src/prover/engine/prepare.ts";
import { prove } from "../../src/prover/prove.ts";

const projectRoot = resolve(import.meta.dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "engine-err-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("engine errors", () => {
  it("missing engine package: says to run npm ci", () => {
    expect(() => locateEnginePackage(work)).toThrow(EngineError);
    expect(() => locateEnginePackage(work)).toThrow(/not installed .* run 'npm ci'/);
  });

  it("corrupt engine file: names the file and both hashes, prepares nothing", async () => {
    const pkg = join(work, "pkg");
    mkdirSync(pkg);
    writeFileSync(join(pkg, "lean.js"), "tampered");
    const pinned = { "lean.js": "0".repeat(64) };
    await expect(verifyPackage(pkg, pinned)).rejects.toThrow(/lean\.js has SHA-256 [0-9a-f]{64}, expected 0{64}: the download is corrupt/);
    await expect(verifyPackage(pkg, { "lean.wasm": "0".repeat(64) })).rejects.toThrow(/lean\.wasm is missing/);
  });

  it("the installed package matches the pinned hashes", async () => {
    await expect(verifyPackage(locateEnginePackage(projectRoot))).resolves.toBeUndefined();
  });

  it("a corrupt package is refused before any cache folder is written", async () => {
    const cacheRoot = join(work, "cache");
    await expect(prepareEngine({ projectRoot, cacheRoot, pinned: { "lean.js": "1".repeat(64) } })).rejects.toMatchObject({ kind: "corrupt" });
    expect(existsSync(cacheRoot)).toBe(false);
  });

  it("not enough memory: reported per module, no engine started", async () => {
    const pkg = join(work, "good");
    cpSync(join(import.meta.dirname, "fixtures", "good"), pkg, { recursive: true });
    process.env.ELECTRIC_RACE_AVAILABLE_MEMORY = String(512 * 2 ** 20);
    try {
      const r = await prove({ leanRoot: pkg, projectRoot, engine: "wasm", reportPath: null });
      expect(r.ok).toBe(false);
      expect(r.modules[0]).toMatchObject({ status: "no-memory" });
      expect(r.modules[0]!.stderr[0]).toMatch(/not enough memory: the bundled Lean engine needs about 1\.7 GiB per module, 0\.5 GiB is available/);
    } finally {
      delete process.env.ELECTRIC_RACE_AVAILABLE_MEMORY;
    }
  });
});
