/** An offboarding export archive and how long it is kept. */
export interface TenantExport {
  sagaId: string;
  tenantId: string;
  /** Where the archive is on the service's disk; never shown (the API names it by `exportUri(sagaId)`). */
  archivePath: string;
  sha256: string;
  bytes: number;
  createdAt: Date;
  retainedUntil: Date;
}
