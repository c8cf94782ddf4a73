/**
 * Tenant admins read the saga log and the failure reason (through the gateway and the registry's
 * history); neither may show where the platform keeps files. Steps record no host paths in their
 * detail; this takes them out of what they cannot control (error messages, rows from before).
 */
const PATH = /file:\/\/\/?[^\s'"`,;()[\]{}<>]+|(?<![\w.~:/-])\/[^\s'"`,;()[\]{}<>]+/g;

export const HIDDEN_PATH = '<path>';

/** The text with every absolute path and file: URL replaced by `<path>`. */
export function withoutHostPaths(text: string): string {
  return text.replace(PATH, HIDDEN_PATH);
}

/** The opaque name of an export archive, the same in the saga log, the event and the export API. */
export function exportUri(exportId: string): string {
  return `urn:tenantry:export:${exportId}`;
}

/** A step's detail as tenant admins may see it: no storage roots; archive locations as their opaque name. */
export function publicDetail(detail: Record<string, unknown>, sagaId: string): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (key === 'root') continue;
    if (key === 'archiveUri' && typeof value === 'string') shown[key] = value.startsWith('urn:') ? value : exportUri(sagaId);
    else shown[key] = typeof value === 'string' ? withoutHostPaths(value) : value;
  }
  return shown;
}
