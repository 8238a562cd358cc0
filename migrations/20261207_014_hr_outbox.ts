import type { Knex } from 'knex';

/**
 * The HR outbox for real-time push. A trigger on each HR table writes one row per change in the writing transaction:
 * which employee, which columns changed, when — never the values (the outbox must not become another copy of national
 * ids or bank accounts). `pg_notify('xsync_hr_outbox', '')` (one per transaction) wakes the relay; a notification nobody hears is lost, so
 * the relay also polls. Each outbox row fans out to one delivery per connection that pushes in real time; a delivery
 * is settled (done or held, with a reason) only after its change reached Xledger or was held back.
 *
 * Attaching another HR table is one line: `SELECT xsync_attach_hr_outbox('hr_absences');` (its employee column
 * defaults to employee_number; pass the column name as the second argument otherwise).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hr_outbox', (t) => {
    t.bigIncrements('id').primary();
    t.text('source_table').notNullable();
    t.text('employee_number').notNullable();
    t.text('operation').notNullable().comment('insert | update | delete');
    t.specificType('changed_fields', 'text[]').notNullable().comment('column names only, never values');
    t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.raw('clock_timestamp()'));
    t.timestamp('dispatched_at', { useTz: true }).comment('fanned out to the connections that push in real time');
    t.timestamp('settled_at', { useTz: true }).comment('every delivery is done or held');
  });
  await knex.raw('CREATE INDEX hr_outbox_undispatched_idx ON hr_outbox (id) WHERE dispatched_at IS NULL');
  await knex.raw('CREATE INDEX hr_outbox_employee_changed_idx ON hr_outbox (employee_number, changed_at)');
  await knex.raw('CREATE INDEX hr_outbox_changed_at_idx ON hr_outbox (changed_at)');

  await knex.schema.createTable('hr_outbox_deliveries', (t) => {
    t.bigInteger('outbox_id').notNullable().references('id').inTable('hr_outbox').onDelete('CASCADE');
    t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
    t.text('status').notNullable().defaultTo('pending').comment('pending | done | held');
    t.text('reason').comment('why it was held back, or what it came to');
    t.text('run_id').comment('the push run that settled it');
    t.timestamp('signalled_at', { useTz: true }).comment('last handed to the connection’s push workflow');
    t.timestamp('settled_at', { useTz: true });
    t.primary(['outbox_id', 'connection_id']);
  });
  await knex.raw(`ALTER TABLE hr_outbox_deliveries ADD CONSTRAINT hr_outbox_deliveries_status_check CHECK (status IN ('pending', 'done', 'held'))`);
  await knex.raw(`CREATE INDEX hr_outbox_deliveries_pending_idx ON hr_outbox_deliveries (connection_id, outbox_id) WHERE status = 'pending'`);

  await knex.raw(`
    CREATE FUNCTION xsync_hr_outbox_capture() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      employee_column text := COALESCE(TG_ARGV[0], 'employee_number');
      old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{}'::jsonb ELSE to_jsonb(OLD) END;
      new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{}'::jsonb ELSE to_jsonb(NEW) END;
      fields text[];
      employee text;
    BEGIN
      SELECT COALESCE(array_agg(k ORDER BY k), '{}') INTO fields
        FROM (SELECT jsonb_object_keys(old_row || new_row) AS k) keys
       WHERE k NOT IN ('id', 'created_at', 'updated_at')
         AND (old_row -> k) IS DISTINCT FROM (new_row -> k);
      IF TG_OP = 'UPDATE' AND cardinality(fields) = 0 THEN
        RETURN NULL; -- an update that changed nothing: nothing to push
      END IF;
      -- A renumbered employee is a change for both numbers.
      FOREACH employee IN ARRAY ARRAY(SELECT DISTINCT e FROM unnest(ARRAY[old_row ->> employee_column, new_row ->> employee_column]) e WHERE e IS NOT NULL) LOOP
        INSERT INTO hr_outbox (source_table, employee_number, operation, changed_fields)
             VALUES (TG_TABLE_NAME, employee, lower(TG_OP), fields);
      END LOOP;
      -- A constant payload: Postgres sends one notification per transaction, however many rows it changed.
      PERFORM pg_notify('xsync_hr_outbox', '');
      RETURN NULL;
    END $$;
  `);
  await knex.raw(`
    CREATE FUNCTION xsync_attach_hr_outbox(hr_table regclass, employee_column text DEFAULT 'employee_number') RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      EXECUTE format(
        'CREATE TRIGGER xsync_hr_outbox AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION xsync_hr_outbox_capture(%L)',
        hr_table, employee_column);
    END $$;
  `);
  await knex.raw(`SELECT xsync_attach_hr_outbox('hr_employees')`);
  await knex.raw(`SELECT xsync_attach_hr_outbox('hr_positions')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS xsync_hr_outbox ON hr_positions');
  await knex.raw('DROP TRIGGER IF EXISTS xsync_hr_outbox ON hr_employees');
  await knex.raw('DROP FUNCTION IF EXISTS xsync_attach_hr_outbox(regclass, text)');
  await knex.raw('DROP FUNCTION IF EXISTS xsync_hr_outbox_capture()');
  await knex.schema.dropTableIfExists('hr_outbox_deliveries');
  await knex.schema.dropTableIfExists('hr_outbox');
}
