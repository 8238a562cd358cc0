import type { Knex } from 'knex';

/** Planning prepares a run's write batches itself when no admin decision is needed; prepareApply then reuses them. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    t.jsonb('prepared_batches').comment('write batches planned without decisions: { xledgerCreateBatches, xledgerUpdateBatches, hrBatches }');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    t.dropColumn('prepared_batches');
  });
}
