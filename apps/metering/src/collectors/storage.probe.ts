/** Measures a tenant's storage: the total size of the regular files under its root, symlinks not followed. */
import { Dirent } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export abstract class StorageProbe {
  /** Bytes of the regular files under `root`, or undefined when the root does not exist. */
  abstract bytesUnder(root: string): Promise<bigint | undefined>;
}

/** Files and directories may vanish while the walk runs; that is not an error. */
const GONE = new Set(['ENOENT', 'ENOTDIR']);
/** lstat calls in flight per directory, so a huge directory does not exhaust file handles. */
const STAT_CONCURRENCY = 32;

function gone(error: unknown): boolean {
  return GONE.has((error as { code?: string }).code ?? '');
}

export class FsStorageProbe extends StorageProbe {
  async bytesUnder(root: string): Promise<bigint | undefined> {
    // The root itself is where provisioning put it (it may sit behind a mount or link); inside it nothing is followed.
    const info = await stat(root).catch((error: unknown) => {
      if (gone(error)) return undefined;
      throw error;
    });
    if (!info?.isDirectory()) return undefined;

    let total = 0n;
    const pending = [root];
    while (pending.length > 0) {
      const dir = pending.pop() as string;
      const entries: Dirent[] = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
        if (gone(error)) return [];
        throw error;
      });
      const files: string[] = [];
      for (const entry of entries) {
        // Dirent types come from lstat semantics: a symlink is neither a file nor a directory here.
        if (entry.isDirectory()) pending.push(join(dir, entry.name));
        else if (entry.isFile()) files.push(join(dir, entry.name));
      }
      for (let i = 0; i < files.length; i += STAT_CONCURRENCY) {
        const sizes = await Promise.all(
          files.slice(i, i + STAT_CONCURRENCY).map((file) =>
            lstat(file, { bigint: true }).then(
              (fileInfo) => (fileInfo.isFile() ? fileInfo.size : 0n),
              (error: unknown) => {
                if (gone(error)) return 0n;
                throw error;
              },
            ),
          ),
        );
        for (const size of sizes) total += size;
      }
    }
    return total;
  }
}
