import type { Knex } from 'knex';

/**
 * How each employee run read (full or incremental, and why), and from when: the last successful run's read start is
 * the next incremental run's bookmark (docs/incremental-runs.md). No personal data.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('employee_run_reads', (t) => {
    t.text('run_id').primary().references('id').inTable('sync_runs').onDelete('CASCADE');
    t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
    t.text('mode').notNullable().comment('full | incremental');
    t.text('reason').notNullable().comment('asked | no-bookmark | stale-bookmark | cadence | changes');
    t.text('why').notNullable().comment('as shown in sync status, the email and Temporal UI');
    t.timestamp('read_started_at', { useTz: true }).notNullable().comment('when the run began reading both sides');
    t.index(['connection_id', 'read_started_at']);
  });
  await knex.raw("ALTER TABLE employee_run_reads ADD CONSTRAINT employee_run_reads_mode CHECK (mode IN ('full', 'incremental'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('employee_run_reads');
}
