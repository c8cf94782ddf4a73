/** TXT lookups for custom-domain verification, behind an interface so tests and demos need no real DNS. */
import { readFile } from 'node:fs/promises';
import { resolveTxt } from 'node:dns/promises';

export abstract class DnsResolver {
  /** The TXT records of `name`, each as its joined strings; none → empty list. */
  abstract txt(name: string): Promise<string[]>;
}

const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA', 'ENOTIMP', 'ESERVFAIL', 'EREFUSED']);

export class SystemDnsResolver extends DnsResolver {
  async txt(name: string): Promise<string[]> {
    try {
      return (await resolveTxt(name)).map((chunks) => chunks.join(''));
    } catch (error) {
      if (NO_RECORD.has((error as { code?: string }).code ?? '')) return [];
      throw error;
    }
  }
}

/** Reads `{"<name>": ["record", ...]}` from a JSON file on every lookup (DNS_RESOLVER=file). */
export class FileDnsResolver extends DnsResolver {
  constructor(private readonly file: string) {
    super();
  }

  async txt(name: string): Promise<string[]> {
    const records = JSON.parse(await readFile(this.file, 'utf8').catch(() => '{}')) as Record<string, string[] | undefined>;
    return records[name.toLowerCase()] ?? [];
  }
}
