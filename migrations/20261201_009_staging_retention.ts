import type { Knex } from 'knex';

/** When a settled run's staging (snapshots, full plans, writes — personal data) was purged; null: not yet. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    t.timestamp('staging_purged_at', { useTz: true }).comment('snapshots deleted and plans stripped of personal data');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    t.dropColumn('staging_purged_at');
  });
}
