import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { badInput } from '../../platform/errors.ts';
import { ATTACHMENT_MAX_BYTES, attachmentTypes } from '../../../shared/messaging.ts';

export type AttachmentType = (typeof attachmentTypes)[number];

/**
 * Attachment files, kept under the data directory (never the web root) by random id and served only through the
 * access guard. The type is what the bytes are (file-type reads the signature), never what the name or the
 * browser claims; anything but a picture or a PDF is refused.
 */
export class AttachmentStore {
  private readonly dir: string;
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'attachments');
  }

  async save(
    bytes: Buffer,
    fileName: string,
  ): Promise<{ id: string; fileName: string; contentType: AttachmentType; size: number; sha256: string }> {
    if (bytes.length === 0) throw badInput('file', 'The file is empty.');
    if (bytes.length > ATTACHMENT_MAX_BYTES)
      throw badInput('file', `Files can be up to ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB.`);
    const detected = await fileTypeFromBuffer(bytes);
    const contentType = attachmentTypes.find((t) => t === detected?.mime);
    if (!contentType)
      throw badInput(
        'file',
        'Attach a picture (JPEG, PNG, GIF or WebP) or a PDF. This file is not one, whatever its name says.',
      );
    const id = randomUUID();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeDurably(this.dir, this.file(id), bytes);
    return {
      id,
      fileName: safeFileName(fileName, detected!.ext),
      contentType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  }

  read(id: string): Promise<Buffer> {
    return readFile(this.file(id));
  }

  /** Removes a file whose database row was not written. */
  async discard(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  private file(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new TypeError('bad attachment id');
    return path.join(this.dir, id);
  }
}

/** A display name without paths or control characters, ending in the detected type's extension. */
function safeFileName(name: string, ext: string): string {
  const visible = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('');
  const base = visible.trim().slice(0, 120) || 'attachment';
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.${ext}`;
}

/**
 * Writes a new file so that it survives a power cut once this returns: the file's data is fsynced, then the
 * directory (so the new name is on disk too). The upload is acknowledged only after this.
 */
async function writeDurably(dir: string, file: string, bytes: Buffer): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  const directory = await open(dir, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
