// A PDF's text as a reader would get it: poppler's pdftotext (-layout keeps a line's columns on one
// line). `npm test` (tools/test/run.mjs) installs poppler-utils when it is missing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pdfToText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenantry-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftotext is not installed: install poppler-utils (apt-get install poppler-utils; brew install poppler), or run `npm test`, which installs it as root');
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
