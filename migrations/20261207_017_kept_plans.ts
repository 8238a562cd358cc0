import type { Knex } from 'knex';

/**
 * What a run item's plan keeps once the run's staging is purged (classification, reasons, names — no personal
 * numbers), worked out by planning in Node. Purging then moves it into `plan` instead of rebuilding every plan with
 * JSON functions in Postgres (≈ 1 s at 10,000 people). Null: an item planned before this column (purged the old way)
 * or already purged; `plan_stripped` says which (finishRun strips the unchanged while it settles them).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_run_items', (t) => {
    t.json('kept_plan').comment("the plan's parts kept after the staging purge (set by planning; null once purged)");
    t.boolean('plan_stripped').notNullable().defaultTo(false).comment('plan holds only its kept parts (staging purged for this item)');
  });
  const settings = await knex('pg_settings').where({ name: 'default_toast_compression' }).select<Array<{ enumvals: string[] | null }>>('enumvals');
  if (settings[0]?.enumvals?.includes('lz4')) await knex.raw('ALTER TABLE sync_run_items ALTER COLUMN kept_plan SET COMPRESSION lz4');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_run_items', (t) => {
    t.dropColumns('kept_plan', 'plan_stripped');
  });
}
