import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * The files of released documents, kept under the data directory (never the web root) by the document's random id
 * and served only through the access guard. A file is written durably before its row commits; a file whose row was
 * not written is removed.
 */
export class DocumentStore {
  private readonly dir: string;
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'documents');
  }

  async save(id: string, bytes: Buffer): Promise<{ size: number; sha256: string }> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const handle = await open(this.file(id), 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  read(id: string): Promise<Buffer> {
    return readFile(this.file(id));
  }

  async discard(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  private file(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new TypeError('bad document id');
    return path.join(this.dir, id);
  }
}
