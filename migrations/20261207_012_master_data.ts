import type { Knex } from 'knex';

/**
 * The master-data mirror (issue #13): one table per type, keyed by connection and Xledger dbId, each row carrying the
 * entity it was created on (`owner_db_id`), Xledger's `modified_at` and when the engine first saw it, last saw it in a
 * read, and found it gone (`deleted_at`, set only after a complete full read). Other applications read these tables
 * (README "Master data for other applications"); `md_changes` logs every change and each commit that logs changes
 * sends `NOTIFY xsync_master_data`.
 */

/** Columns every mirror table has, before its own. */
function common(t: Knex.CreateTableBuilder, knex: Knex): void {
  t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
  t.bigInteger('db_id').notNullable().comment('Xledger dbId');
  t.bigInteger('owner_db_id').comment('the Xledger entity the record was created on (ownerDbId)');
  t.text('code');
  t.text('description');
  t.text('modified_at').comment("Xledger's modifiedAt: naive Europe/Oslo wall-clock time, yyyy-MM-ddTHH:mm:ss");
  t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.text('last_seen_run_id').comment('the run that last read the record');
  t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('when the mirrored values last changed');
  t.timestamp('deleted_at', { useTz: true }).comment('set when a complete full read no longer returned the record');
  t.primary(['connection_id', 'db_id']);
}

const TABLES: ReadonlyArray<[string, string, (t: Knex.CreateTableBuilder) => void]> = [
  [
    'md_suppliers',
    'Suppliers (Xledger `suppliers`)',
    (t) => {
      t.text('company_number').comment('org number of the linked company');
      t.text('email');
      t.text('phone');
      t.text('bank_account');
      t.text('street_address');
      t.text('zip_code');
      t.text('place');
      t.text('country_code');
      t.text('currency_code');
      t.text('pay_terms');
    },
  ],
  [
    'md_accounts',
    'Chart of accounts (Xledger `accounts`)',
    (t) => {
      t.boolean('posting');
      t.boolean('balance_sheet');
      t.boolean('revenue');
      t.boolean('cost');
      t.boolean('vat');
    },
  ],
  ['md_dimension_kinds', 'Dimension kinds (Xledger `objectKinds`); code and description hold the kind name', () => undefined],
  [
    'md_dimension_values',
    'Dimension values (Xledger `objectValues`, every kind but TAX_RULE)',
    (t) => {
      t.bigInteger('object_kind_db_id');
      t.text('object_kind_name');
      t.text('date_from');
      t.text('date_to');
      t.boolean('posting');
      t.text('text1');
      t.text('text2');
    },
  ],
  ['md_currencies', 'Currencies (Xledger `currencies`, full reads only)', () => undefined],
  [
    'md_vat_codes',
    'VAT codes: the object values of the TAX_RULE kind, with their rates over time from `taxTableSetups`',
    (t) => {
      t.bigInteger('object_kind_db_id');
      t.text('rate_level').comment('code2.name: HIGH_LEVEL, MID_LEVEL, LOW_LEVEL, ZERO_LEVEL …');
      t.text('current_percent').comment("the rate in force on the read's day (decimal string), null when Xledger exposes none");
      t.jsonb('rates').notNullable().defaultTo('[]').comment('[{percent, dateFrom, dateTo}] from taxTableSetups, oldest first');
      t.text('date_from');
      t.text('date_to');
    },
  ],
  [
    'md_fixed_assets',
    'Fixed assets (Xledger `assets`, full reads only)',
    (t) => {
      t.text('balance').comment('decimal string');
      t.text('date_from');
      t.text('date_to');
      t.text('date_purchased');
      t.boolean('allow_posting');
      t.text('asset_group_code');
      t.text('currency_code');
    },
  ],
  [
    'md_projects',
    'Projects with the email of their manager (Xledger `projects` + `employees`)',
    (t) => {
      t.text('date_from');
      t.text('date_to');
      t.bigInteger('manager_employee_db_id');
      t.text('manager_email').comment('null when the manager has no email or shares it: see manager_issue');
      t.text('manager_issue').comment('why manager_email is null although a manager is set');
    },
  ],
];

export async function up(knex: Knex): Promise<void> {
  for (const [name, comment, columns] of TABLES) {
    await knex.schema.createTable(name, (t) => {
      common(t, knex);
      columns(t);
      t.comment(comment);
    });
    await knex.raw('CREATE INDEX ?? ON ?? (connection_id, owner_db_id) WHERE deleted_at IS NULL', [`${name}_visible`, name]);
  }

  await knex.schema.createTable('md_changes', (t) => {
    t.bigIncrements('id').primary().comment('increasing: a consumer remembers the last id it handled');
    t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
    t.text('type').notNullable().comment('suppliers, accounts, dimension-kinds, dimension-values, currencies, vat-codes, fixed-assets, projects');
    t.bigInteger('db_id').notNullable();
    t.bigInteger('owner_db_id');
    t.text('change').notNullable().comment('added, updated or deleted');
    t.specificType('fields', 'text[]').comment('for updated: the mirror columns that changed');
    t.text('run_id').notNullable();
    t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['connection_id', 'id']);
    t.comment('Every change the master-data mirror took; NOTIFY xsync_master_data is sent when such rows commit');
  });

  await knex.schema.createTable('md_type_state', (t) => {
    t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
    t.text('type').notNullable();
    t.text('since').comment('the next incremental read asks modifiedAt_gte this (naive Oslo time, 15 min overlap included)');
    t.text('delta_cursor').comment('supplier_deltas: the cursor of the last delta read');
    t.timestamp('delta_cursor_at', { useTz: true }).comment('when delta_cursor was read (deltas are kept 3 days)');
    t.timestamp('last_full_read_at', { useTz: true }).comment('the last complete full read (deletions are found only by these)');
    t.text('last_run_id');
    t.text('last_status').comment('OK, FAILED or RUNNING');
    t.text('last_mode').comment('full, modified-since or deltas');
    t.jsonb('last_counts').comment('{added, updated, deleted, unchanged}');
    t.text('last_error');
    t.timestamp('last_read_at', { useTz: true });
    t.timestamp('last_ok_at', { useTz: true });
    t.primary(['connection_id', 'type']);
    t.comment('Per connection and type: bookmark and last outcome of the master-data read');
  });

  await knex.schema.createTable('md_read_progress', (t) => {
    t.text('run_id').notNullable().references('id').inTable('sync_runs').onDelete('CASCADE');
    t.text('type').notNullable();
    t.text('mode').notNullable();
    t.text('since');
    t.timestamp('read_started_at', { useTz: true }).notNullable();
    t.text('after_cursor').comment('resume point: the last page applied');
    t.text('start_delta_cursor').comment('suppliers, full read: the newest delta cursor when the read began (deltas continue from it)');
    t.integer('pages').notNullable().defaultTo(0);
    t.jsonb('counts').notNullable();
    t.specificType('deleted_by_delta', 'bigint[]').notNullable().defaultTo('{}').comment('DELETED deltas, applied when the read completes');
    t.timestamp('completed_at', { useTz: true });
    t.primary(['run_id', 'type']);
    t.comment('A type read in progress: where a retried activity resumes');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['md_read_progress', 'md_type_state', 'md_changes', ...TABLES.map(([name]) => name)]) await knex.schema.dropTableIfExists(t);
}
