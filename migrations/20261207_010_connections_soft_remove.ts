import type { Knex } from 'knex';

/**
 * `connections remove` keeps the audit trail: the connection row stays, marked `removed_at`, with its token wiped,
 * so its runs, items' outcomes, decisions and history still name it. Only live connections hold a name, so a new
 * connection may take a removed one's name (with a new id: it inherits none of the old runs, links or lock).
 * The foreign keys still cascade, on purpose: `connections remove --purge` deletes the row and with it the trail.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('connections', (t) => {
    t.timestamp('removed_at', { useTz: true }).comment('set by connections remove: the row stays for the audit trail');
    t.dropUnique(['name']);
  });
  await knex.raw('ALTER TABLE connections ALTER COLUMN token_ciphertext DROP NOT NULL, ALTER COLUMN token_key_id DROP NOT NULL');
  await knex.raw('CREATE UNIQUE INDEX connections_live_name ON connections (name) WHERE removed_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex('connections').whereNotNull('removed_at').delete();
  await knex.raw('DROP INDEX IF EXISTS connections_live_name');
  await knex.raw('ALTER TABLE connections ALTER COLUMN token_ciphertext SET NOT NULL, ALTER COLUMN token_key_id SET NOT NULL');
  await knex.schema.alterTable('connections', (t) => {
    t.dropColumn('removed_at');
    t.unique(['name']);
  });
}
