import type { Knex } from 'knex';

/**
 * The absence sync: HR absences (what an HR product fills, beside hr_employees), the sync's memory of which Xledger
 * absence each one is (absence_links, with the values last written), and the import files runs produce where the
 * connected Xledger API has no absence mutation.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hr_absences', (t) => {
    t.text('absence_id').primary().comment("the HR product's own id of the absence");
    t.text('employee_number').notNullable();
    t.text('absence_type').notNullable().comment('vacation | sick_leave | childcare | a custom leave code');
    t.date('start_date');
    t.date('end_date');
    t.text('start_time').comment('HH:mm, optional');
    t.text('end_time').comment('HH:mm, optional');
    t.decimal('percent', 6, 2).comment('leave percent (0, 100]; empty: the connection default');
    t.text('comment');
    t.text('status').notNullable().defaultTo('approved').comment('approved | pending | cancelled');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['employee_number']);
    t.index(['start_date']);
  });
  await knex.raw(`ALTER TABLE hr_absences ADD CONSTRAINT hr_absences_status_check CHECK (status IN ('approved', 'pending', 'cancelled'))`);

  await knex.schema.createTable('absence_links', (t) => {
    t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
    t.text('absence_id').notNullable();
    t.text('employee_number').notNullable();
    t.bigInteger('xledger_absence_db_id').notNullable();
    t.date('from_date').notNullable().comment('the start date written to Xledger (to find links of a period)');
    t.text('last_run_id');
    t.timestamp('synced_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['connection_id', 'absence_id']);
    t.unique(['connection_id', 'xledger_absence_db_id']);
    t.index(['connection_id', 'from_date']);
  });

  await knex.schema.createTable('absence_import_files', (t) => {
    t.text('run_id').primary().references('id').inTable('sync_runs').onDelete('CASCADE');
    t.text('file_name').notNullable();
    t.integer('rows').notNullable();
    t.text('content').notNullable().comment('CSV, UTF-8');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('absence_import_files');
  await knex.schema.dropTableIfExists('absence_links');
  await knex.schema.dropTableIfExists('hr_absences');
}
