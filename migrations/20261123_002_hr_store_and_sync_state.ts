import type { Knex } from 'knex';

/**
 * The HR store (what an HR product fills: directly, through views, or with `xsync hr import`) and the
 * engine's sync state: links between HR and Xledger people, per-employee history, and per-run staging.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hr_employees', (t) => {
    t.text('employee_number').primary();
    t.text('work_email');
    t.text('first_name');
    t.text('last_name');
    t.text('phone');
    t.date('birth_date');
    t.text('national_id').comment('fødselsnummer / D-number; never logged');
    t.text('gender').comment('male | female | other');
    t.text('nationality').comment('ISO 3166 alpha-2');
    t.text('bank_account').comment('Norwegian kontonummer; never logged');
    t.text('address_street');
    t.text('address_postal_code');
    t.text('address_place');
    t.text('address_country').comment('ISO 3166 alpha-2');
    t.text('status').notNullable().defaultTo('active');
    t.text('department');
    t.text('legal_entity');
    t.text('employment_type');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index([knex.raw('lower(work_email)')] as never, 'hr_employees_email_idx');
    t.index(['department']);
    t.index(['legal_entity']);
  });
  await knex.raw(`ALTER TABLE hr_employees ADD CONSTRAINT hr_employees_status_check CHECK (status IN ('active', 'deactivated', 'deleted'))`);

  await knex.schema.createTable('hr_positions', (t) => {
    t.increments('id').primary();
    t.text('employee_number').notNullable().references('employee_number').inTable('hr_employees').onDelete('CASCADE').onUpdate('CASCADE');
    t.text('job_title');
    t.date('start_date');
    t.date('end_date');
    t.date('probation_end_date');
    t.date('notice_date');
    t.boolean('is_primary').notNullable().defaultTo(false);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['employee_number']);
  });

  await knex.schema.createTable('employee_links', (t) => {
    t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
    t.text('employee_number').notNullable();
    t.bigInteger('xledger_employee_db_id').notNullable();
    t.bigInteger('xledger_contact_db_id');
    t.bigInteger('xledger_subledger_db_id');
    t.jsonb('baseline').notNullable().defaultTo('{}').comment('field values both sides had after the last successful sync');
    t.text('last_run_id');
    t.timestamp('linked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('synced_at', { useTz: true });
    t.primary(['connection_id', 'employee_number']);
    t.unique(['connection_id', 'xledger_employee_db_id']);
  });

  await knex.schema.createTable('employee_history', (t) => {
    t.bigIncrements('id').primary();
    t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
    t.text('run_id').notNullable();
    t.text('employee_number').notNullable();
    t.text('event').notNullable().comment('updated | created | skipped | failed | invalid | locked');
    t.text('field');
    t.text('old_value').comment('masked for national ids and bank accounts');
    t.text('new_value').comment('masked for national ids and bank accounts');
    t.text('direction').comment('to-xledger | to-hr');
    t.text('detail');
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['employee_number', 'recorded_at']);
    t.index(['run_id']);
  });

  await knex.schema.createTable('sync_run_snapshots', (t) => {
    t.text('run_id').notNullable().references('id').inTable('sync_runs').onDelete('CASCADE');
    t.text('side').notNullable().comment('hr | xledger');
    t.text('key').notNullable();
    t.jsonb('data').notNullable();
    t.primary(['run_id', 'side', 'key']);
  });

  await knex.schema.createTable('sync_run_items', (t) => {
    t.text('run_id').notNullable().references('id').inTable('sync_runs').onDelete('CASCADE');
    t.integer('seq').notNullable().comment('stable order within the run, for paging');
    t.text('employee_number').notNullable();
    t.text('classification').notNullable();
    t.jsonb('plan').notNullable();
    t.text('outcome').comment('created | updated | unchanged | skipped | failed');
    t.text('outcome_detail');
    t.bigInteger('xledger_db_id');
    t.timestamp('applied_at', { useTz: true });
    t.primary(['run_id', 'seq']);
    t.index(['run_id', 'classification']);
    t.index(['run_id', 'employee_number']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['sync_run_items', 'sync_run_snapshots', 'employee_history', 'employee_links', 'hr_positions', 'hr_employees']) {
    await knex.schema.dropTableIfExists(table);
  }
}
