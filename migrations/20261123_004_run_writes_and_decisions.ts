import type { Knex } from 'knex';

/**
 * What a run decided to write per employee (after the admin's decisions), grouped into batches of at most
 * 500 Xledger nodes, whether each part was applied (so a retried batch never applies twice), and the decisions.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_run_items', (t) => {
    t.jsonb('xledger_write').comment('{kind: create | update, ...} built from plan + decisions');
    t.integer('xledger_batch');
    t.timestamp('xledger_done_at', { useTz: true });
    t.jsonb('hr_write').comment('{kind: patch | create, ...}');
    t.integer('hr_batch');
    t.timestamp('hr_done_at', { useTz: true });
    t.jsonb('skipped').comment('fields or creations deliberately not written, with reasons');
    t.index(['run_id', 'xledger_batch']);
    t.index(['run_id', 'hr_batch']);
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
    t.dropIndex(['run_id', 'xledger_batch']);
    t.dropIndex(['run_id', 'hr_batch']);
    t.dropColumns('xledger_write', 'xledger_batch', 'xledger_done_at', 'hr_write', 'hr_batch', 'hr_done_at', 'skipped');
  });
}
