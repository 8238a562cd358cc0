import { IMPORT_FILE_RETENTION_DAYS } from '../../config/settings/absences-settings';
import { createImportFilesStore } from '../../db/absences/import-files-store';
import type { ActivityDeps } from '../deps';

const DAY_MS = 86_400_000;

/**
 * Deletes the content of absence import files older than their connection's `absences.importFileRetentionDays`
 * (files of removed connections: the default). Part of the maintenance purge; safe to run any time.
 */
export async function purgeExpiredImportFiles(deps: Pick<ActivityDeps, 'db' | 'connections'>, now = new Date()): Promise<number> {
  const files = createImportFilesStore(deps.db);
  const connections = await deps.connections.list();
  let purged = 0;
  for (const c of connections) {
    purged += await files.purgeBefore(new Date(now.getTime() - c.settings.absences.importFileRetentionDays * DAY_MS), { connectionId: c.id });
  }
  purged += await files.purgeBefore(new Date(now.getTime() - IMPORT_FILE_RETENTION_DAYS * DAY_MS), { notConnectionIds: connections.map((c) => c.id) });
  return purged;
}
