import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('connections', (t) => {
    t.increments('id').primary();
    t.text('name').notNullable().unique();
    t.text('xledger_url').notNullable();
    t.bigInteger('owner_entity_id').notNullable();
    t.text('token_ciphertext').notNullable().comment('AES-256-GCM, see db/secrets/cipher.ts');
    t.text('token_key_id').notNullable().comment('which XSYNC_SECRET_KEY entry encrypted the token');
    t.jsonb('settings').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('sync_runs', (t) => {
    t.text('id').primary().comment('the Temporal workflow id');
    t.integer('connection_id').references('id').inTable('connections').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('trigger').notNullable();
    t.text('status').notNullable();
    t.boolean('dry_run').notNullable().defaultTo(false);
    t.jsonb('summary').notNullable().defaultTo('{}');
    t.text('error');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.index(['connection_id', 'started_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sync_runs');
  await knex.schema.dropTableIfExists('connections');
}
