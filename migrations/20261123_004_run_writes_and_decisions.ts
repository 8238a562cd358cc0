import type { Knex } from 'knex';

/** What a run decided to write per employee (after the admin's decisions), grouped into batches, and the decisions themselves. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_run_items', (t) => {
    t.text('write_kind').comment('xledger-create | xledger-update | hr-patch | hr-create, null when nothing is written');
    t.jsonb('write').comment('the write for this employee, built from plan + decisions');
    t.integer('batch_no').comment('apply batch within write_kind (≤ 500 Xledger nodes per batch)');
    t.index(['run_id', 'write_kind', 'batch_no']);
  });
  await knex.schema.createTable('sync_run_decisions', (t) => {
    t.text('run_id').notNullable().references('id').inTable('sync_runs').onDelete('CASCADE');
    t.integer('seq').notNullable();
    t.jsonb('decision').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['run_id', 'seq']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sync_run_decisions');
  await knex.schema.alterTable('sync_run_items', (t) => {
    t.dropIndex(['run_id', 'write_kind', 'batch_no']);
    t.dropColumns('write_kind', 'write', 'batch_no');
  });
}
