// Writes a rendered site into its folder all at once: the files go to a sibling temporary
// folder that then replaces the old site, so a reader never sees half a site.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export async function writeSite(files: ReadonlyMap<string, string>, outDir: string): Promise<void> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${basename(outDir)}.${process.pid}.${Date.now()}.tmp`);
  const old = `${tmp}.old`;
  try {
    for (const [rel, content] of files) {
      const p = join(tmp, rel);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, content);
    }
    await rename(outDir, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
    await rename(tmp, outDir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}
