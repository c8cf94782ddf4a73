/** Writes an offboarded tenant's data (tables as JSON lines, storage files) into a tar.gz with its SHA-256. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { create as createTar } from 'tar';
import { TableExport } from './tenant-database';

export interface ArchiveContents {
  tenantId: string;
  exportId: string;
  createdAt: Date;
  tables: TableExport[];
  /** The tenant's storage root; copied when it exists. */
  storageRoot?: string;
}

export interface WrittenArchive {
  path: string;
  sha256: string;
  bytes: number;
}

export abstract class ExportArchive {
  abstract write(contents: ArchiveContents): Promise<WrittenArchive>;
  abstract remove(path: string): Promise<void>;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class TarExportArchive extends ExportArchive {
  private readonly dir: string;

  constructor(dir: string) {
    super();
    this.dir = resolve(dir);
  }

  async write(contents: ArchiveContents): Promise<WrittenArchive> {
    const staging = join(this.dir, '.staging', contents.exportId);
    const path = join(this.dir, contents.tenantId, `${contents.exportId}.tar.gz`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(join(staging, 'database'), { recursive: true });
    await mkdir(join(this.dir, contents.tenantId), { recursive: true });
    try {
      for (const table of contents.tables) {
        await writeFile(join(staging, 'database', `${table.table}.jsonl`), table.rows.map((row) => `${row}\n`).join(''));
      }
      const storageCopied = contents.storageRoot ? await stat(contents.storageRoot).then(() => true, () => false) : false;
      if (storageCopied && contents.storageRoot) await cp(contents.storageRoot, join(staging, 'storage'), { recursive: true });
      const manifest = {
        tenantId: contents.tenantId,
        exportId: contents.exportId,
        createdAt: contents.createdAt.toISOString(),
        tables: contents.tables.map((table) => ({ name: table.table, rows: table.rows.length, file: `database/${table.table}.jsonl` })),
        storage: storageCopied ? 'storage/' : null,
      };
      await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      const partial = `${path}.partial`;
      await createTar({ gzip: true, file: partial, cwd: staging, portable: true }, ['.']);
      await rename(partial, path);
      const { size } = await stat(path);
      return { path, sha256: await sha256File(path), bytes: size };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}
