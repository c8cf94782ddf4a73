/** An offboarding export archive and how long it is kept. */
export interface TenantExport {
  sagaId: string;
  tenantId: string;
  archivePath: string;
  sha256: string;
  bytes: number;
  createdAt: Date;
  retainedUntil: Date;
}

export function archiveUri(archivePath: string): string {
  return `file://${archivePath}`;
}
