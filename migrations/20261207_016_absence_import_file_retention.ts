import type { Knex } from 'knex';

/**
 * An absence run's import file holds employee numbers, position titles and free-text comments (sick leave!): it is
 * kept `absences.importFileRetentionDays` (default 30) and then the maintenance purge deletes its content, keeping
 * the row (rows, file name) with the time it was purged, so `xsync absences file RUN` can say so.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('absence_import_files', (t) => {
    t.text('content').nullable().alter();
    t.timestamp('purged_at', { useTz: true }).comment('when the maintenance purge deleted the content (null: still kept)');
  });
  await knex.raw('ALTER TABLE absence_import_files ADD CONSTRAINT absence_import_files_content_or_purged CHECK ((content IS NULL) = (purged_at IS NOT NULL))');
  await knex.raw('CREATE INDEX absence_import_files_kept ON absence_import_files (created_at) WHERE content IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex('absence_import_files').whereNull('content').delete();
  await knex.raw('ALTER TABLE absence_import_files DROP CONSTRAINT absence_import_files_content_or_purged');
  await knex.raw('DROP INDEX absence_import_files_kept');
  await knex.schema.alterTable('absence_import_files', (t) => {
    t.dropColumn('purged_at');
    t.text('content').notNullable().alter();
  });
}
