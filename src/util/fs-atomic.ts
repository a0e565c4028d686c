// The one way artifacts are written: a temporary file in the target's folder, fsync, rename
// over the target, fsync of the folder. A reader sees the old file or the new one, never half
// a file, even after a crash or SIGKILL. A failed write removes its temporary file; one left
// by a killed process (which cannot clean up) is removed by the next write to the same target.
import { mkdir, open, readdir, rename, rm, type FileHandle } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";

const TMP_SUFFIX = ".tmp";

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}${TMP_SUFFIX}`);
}

/** True when `pid` names a running process (EPERM: it runs under another user). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Names in `names` that are temporaries of `path` written by a process that no longer runs. */
export function staleTemps(path: string, names: readonly string[]): string[] {
  const prefix = `.${basename(path)}.`;
  return names.filter((n) => {
    if (!n.startsWith(prefix) || !n.endsWith(TMP_SUFFIX)) return false;
    const m = /^(\d+)\.[0-9a-f]{8}$/.exec(n.slice(prefix.length, -TMP_SUFFIX.length));
    return m !== null && !processAlive(Number(m[1]));
  });
}

async function removeStale(path: string): Promise<void> {
  const dir = dirname(path);
  for (const n of staleTemps(path, await readdir(dir).catch(() => []))) await rm(join(dir, n), { force: true });
}

/** Makes the rename durable: without it a power loss can lose the new directory entry. */
async function fsyncDir(dir: string): Promise<void> {
  let h: FileHandle | undefined;
  try {
    h = await open(dir, "r");
    await h.sync();
  } catch {
    /* some file systems refuse fsync on a directory; the rename itself is still atomic */
  } finally {
    await h?.close();
  }
}

/** A file being written; `commit` puts it in place, `abort` removes it. */
export interface AtomicFile {
  readonly path: string;
  write(chunk: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Opens a streaming atomic write of `path`. Small writes are gathered into 1 MiB blocks, so
 * memory stays bounded however large the file grows.
 */
export async function openAtomic(path: string): Promise<AtomicFile> {
  await mkdir(dirname(path), { recursive: true });
  await removeStale(path);
  const tmp = tempName(path);
  const h = await open(tmp, "wx");
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let closed = false;
  const flush = async () => {
    if (pendingLen === 0) return;
    const b = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLen);
    pending = [];
    pendingLen = 0;
    await h.writeFile(b);
  };
  const abort = async () => {
    if (closed) return;
    closed = true;
    await h.close().catch(() => undefined);
    await rm(tmp, { force: true });
  };
  return {
    path,
    async write(chunk) {
      if (closed) throw new Error(`write to ${path} after it was closed`);
      const b = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      pending.push(b);
      pendingLen += b.length;
      if (pendingLen >= 1 << 20) {
        try {
          await flush();
        } catch (e) {
          await abort();
          throw e;
        }
      }
    },
    async commit() {
      if (closed) throw new Error(`commit of ${path} after it was closed`);
      try {
        await flush();
        await h.sync();
        await h.close();
        closed = true;
        await rename(tmp, path);
      } catch (e) {
        closed = true;
        await h.close().catch(() => undefined);
        await rm(tmp, { force: true });
        throw e;
      }
      await fsyncDir(dirname(path));
    },
    abort,
  };
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const f = await openAtomic(path);
  try {
    await f.write(data);
  } catch (e) {
    await f.abort();
    throw e;
  }
  await f.commit();
}
