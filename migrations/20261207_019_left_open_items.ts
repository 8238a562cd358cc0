import type { Knex } from 'knex';

/**
 * An incremental employee run asks which people the runs since its bookmark left open (skipped, or written with
 * fields left out): without this index that is a scan of every item of those runs — the whole company after a full
 * run — on every incremental run, however little changed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    "CREATE INDEX sync_run_items_left_open ON sync_run_items (run_id) WHERE outcome = 'skipped' OR (skipped IS NOT NULL AND skipped::text NOT IN ('[]', 'null'))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX sync_run_items_left_open');
}
