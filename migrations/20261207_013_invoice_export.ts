import type { Knex } from 'knex';

/**
 * The invoice export's source tables (filled by the invoicing system, directly or by `xsync invoices import`) and
 * each document's export state per connection. Money is numeric (exact decimal), never float; docs/invoices.md.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('invoice_customers', (t) => {
    t.text('number').primary().comment("the customer's number in the invoicing system; its code in Xledger");
    t.text('name').notNullable();
    t.text('org_number').comment('organisation number (company number in Xledger)');
    t.text('street_address');
    t.text('zip_code');
    t.text('place');
    t.text('country_code').comment('ISO 3166 alpha-2');
    t.text('email');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('invoice_products', (t) => {
    t.text('code').primary().comment("the product's code, as in Xledger");
    t.text('description');
    t.text('debit_account').comment('account debited (receivables), e.g. 1500');
    t.text('credit_account').comment('account credited (revenue), e.g. 3000');
    t.text('vat_code').comment('VAT code (Xledger tax rule code), e.g. 2');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('invoice_documents', (t) => {
    t.text('number').primary().comment('invoice, credit note or order number; unique across kinds');
    t.text('kind').notNullable().comment('invoice | credit_note | order');
    t.text('department').notNullable().comment('the connection exports the departments its settings list');
    t.text('customer_number').notNullable();
    t.date('invoice_date').comment('invoice date (order date for orders)');
    t.date('due_date');
    t.date('delivery_date');
    t.text('currency').notNullable().defaultTo('NOK').comment('ISO 4217');
    t.text('credits_number').comment('credit notes: the invoice credited');
    t.text('your_reference');
    t.text('text');
    t.decimal('total_net', 18, 2).comment('stated header totals: checked against the lines when present');
    t.decimal('total_vat', 18, 2);
    t.decimal('total_gross', 18, 2);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['department']);
  });
  await knex.raw(`ALTER TABLE invoice_documents ADD CONSTRAINT invoice_documents_kind_check CHECK (kind IN ('invoice', 'credit_note', 'order'))`);
  await knex.schema.createTable('invoice_lines', (t) => {
    t.text('document_number').notNullable().references('number').inTable('invoice_documents').onDelete('CASCADE');
    t.integer('line_number').notNullable();
    t.text('product_code').notNullable();
    t.text('text');
    t.decimal('quantity', 14, 4).notNullable().comment('positive; a credit note is negated on export');
    t.decimal('unit_price', 18, 2).notNullable().comment('excluding VAT, in the document currency');
    t.decimal('discount_percent', 5, 2).notNullable().defaultTo(0);
    t.text('vat_code').comment("null: the product's VAT code");
    t.text('dimension1').comment('glObject1 code');
    t.text('dimension2').comment('glObject2 code');
    t.text('dimension3').comment('glObject3 code');
    t.primary(['document_number', 'line_number']);
  });
  await knex.schema.createTable('invoice_exports', (t) => {
    t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
    t.text('document_number').notNullable();
    t.text('status').notNullable().comment('pending | sending | exported | failed');
    t.jsonb('xledger_db_ids').comment('what Xledger made of it: [dbId, …]');
    t.text('reason').comment('why it failed');
    t.boolean('retry_next_run').notNullable().defaultTo(false).comment('a passing fault: tried again by the next run');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_run_id');
    t.timestamp('source_updated_at', { useTz: true }).comment("the document's updated_at when last tried: a fix is a newer one");
    t.timestamp('exported_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['connection_id', 'document_number']);
    t.index(['connection_id', 'status']);
  });
  await knex.raw(`ALTER TABLE invoice_exports ADD CONSTRAINT invoice_exports_status_check CHECK (status IN ('pending', 'sending', 'exported', 'failed'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('invoice_exports');
  await knex.schema.dropTableIfExists('invoice_lines');
  await knex.schema.dropTableIfExists('invoice_documents');
  await knex.schema.dropTableIfExists('invoice_products');
  await knex.schema.dropTableIfExists('invoice_customers');
}
