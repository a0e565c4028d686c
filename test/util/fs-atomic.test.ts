// The one atomic writer (issue 9, finding 7): old file or new file, never half of one; no
// temporary left behind after a failure, and one left by a killed writer removed next time.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openAtomic, staleTemps, writeFileAtomic } from "../../src/util/fs-atomic.ts";

const work = mkdtempSync(join(tmpdir(), "fs-atomic-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default, so never a live process

describe("atomic writes", () => {
  it("replaces the file and leaves only the file", async () => {
    const p = join(work, "a", "out.json");
    await writeFileAtomic(p, "one\n");
    await writeFileAtomic(p, "two\n");
    expect(readFileSync(p, "utf8")).toBe("two\n");
    expect(readdirSync(join(work, "a"))).toEqual(["out.json"]);
  });

  it("a failed rename removes the temporary file and keeps the target", async () => {
    const d = join(work, "b");
    mkdirSync(join(d, "target", "inner"), { recursive: true }); // a non-empty folder: rename fails
    await expect(writeFileAtomic(join(d, "target"), "x")).rejects.toThrow();
    expect(readdirSync(d)).toEqual(["target"]);
  });

  it("an aborted streaming write leaves the old file", async () => {
    const p = join(work, "c.txt");
    writeFileSync(p, "old");
    const f = await openAtomic(p);
    await f.write("new ".repeat(1 << 19)); // over one block, so something reached the disk
    await f.abort();
    expect(readFileSync(p, "utf8")).toBe("old");
    expect(readdirSync(work).filter((n) => n.startsWith(".c.txt"))).toEqual([]);
  });

  it("only temporaries of dead writers of the same target count as stale", () => {
    const names = [`.t.json.${deadPid}.0123abcd.tmp`, `.t.json.${process.pid}.0123abcd.tmp`, `.u.json.${deadPid}.0123abcd.tmp`, "t.json", `.t.json.${deadPid}.tmp`];
    expect(staleTemps(join(work, "t.json"), names)).toEqual([`.t.json.${deadPid}.0123abcd.tmp`]);
  });

  it("SIGKILL mid-write keeps the old file; the next write removes the killed writer's temporary", async () => {
    const d = join(work, "k");
    mkdirSync(d);
    const p = join(d, "big.json");
    writeFileSync(p, "old\n");
    const mod = resolve(import.meta.dirname, "../../src/util/fs-atomic.ts");
    const script = `import { openAtomic } from ${JSON.stringify(mod)};
      const f = await openAtomic(${JSON.stringify(p)});
      for (let i = 0; ; i++) { await f.write("x".repeat(1 << 16)); if (i === 64) console.log("writing"); }`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((res) => child.stdout.once("data", () => res()));
    child.kill("SIGKILL");
    await new Promise((res) => child.once("exit", res));
    expect(readFileSync(p, "utf8")).toBe("old\n");
    expect(readdirSync(d).length).toBe(2); // the target and the killed writer's temporary
    await writeFileAtomic(p, "new\n");
    expect(readdirSync(d)).toEqual(["big.json"]);
    expect(readFileSync(p, "utf8")).toBe("new\n");
    expect(existsSync(p)).toBe(true);
  }, 30_000);
});
