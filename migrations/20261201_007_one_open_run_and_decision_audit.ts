import type { Knex } from 'knex';

/**
 * The platform for several run kinds:
 * - kind ids are the registry's (`employee-sync` → `employees`);
 * - at most one open run per connection and kind, held by the run's own row (a partial unique index);
 * - run items are keyed by a kind-neutral `item_key` (an employee number, an absence id, an invoice number …);
 * - history rows say who decided a value, when, and how (per field, per employee or in bulk).
 */
export async function up(knex: Knex): Promise<void> {
  await knex('sync_runs').where({ kind: 'employee-sync' }).update({ kind: 'employees' });
  // Older installs could hold two open runs of one connection: the newest stays open, the rest are closed as unknown.
  await knex.raw(`
    UPDATE sync_runs AS r SET status = 'TERMINATED', finished_at = now(), error = 'closed by migration 007: a newer run of this connection was open'
    WHERE r.finished_at IS NULL AND EXISTS (
      SELECT 1 FROM sync_runs AS n
      WHERE n.connection_id = r.connection_id AND n.kind = r.kind AND n.finished_at IS NULL AND (n.started_at, n.id) > (r.started_at, r.id))`);
  await knex.raw('CREATE UNIQUE INDEX sync_runs_one_open_run ON sync_runs (connection_id, kind) WHERE finished_at IS NULL');
  await knex.schema.alterTable('sync_runs', (t) => {
    t.text('refused_by').comment('the open run that made this start wait or be refused');
  });

  await knex.schema.alterTable('sync_run_items', (t) => {
    t.renameColumn('employee_number', 'item_key');
  });
  await knex.schema.alterTable('employee_history', (t) => {
    t.text('decided_by').comment("who chose the value: the CLI's user@host, --as NAME, or the connection's policy");
    t.timestamp('decided_at', { useTz: true });
    t.text('decided_how').comment('field | employee | bulk | policy');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('employee_history', (t) => {
    t.dropColumns('decided_by', 'decided_at', 'decided_how');
  });
  await knex.schema.alterTable('sync_run_items', (t) => {
    t.renameColumn('item_key', 'employee_number');
  });
  await knex.schema.alterTable('sync_runs', (t) => {
    t.dropColumn('refused_by');
  });
  await knex.raw('DROP INDEX IF EXISTS sync_runs_one_open_run');
  await knex('sync_runs').where({ kind: 'employees' }).update({ kind: 'employee-sync' });
}
