import type { Knex } from 'knex';

/**
 * What admins asked of their schedules (the Temporal Schedule is what runs; `schedules list` shows any drift), and
 * which schedule started a run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('schedules', (t) => {
    t.text('schedule_id').primary().comment('the Temporal Schedule id: xsync.<connection>.<kind>');
    t.integer('connection_id').notNullable().references('id').inTable('connections').onDelete('CASCADE');
    t.text('kind').notNullable().comment('a run kind of kinds/registry.ts');
    t.jsonb('request').notNullable().comment('{type: calendar, days, at} | {type: interval, everySeconds}');
    t.boolean('paused').notNullable().defaultTo(false);
    t.text('pause_note');
    t.timestamp('paused_until', { useTz: true }).comment('resumes itself then');
    t.text('updated_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['connection_id', 'kind']);
  });
  await knex.schema.alterTable('sync_runs', (t) => {
    t.text('schedule_id').comment('the Temporal Schedule that started the run, if one did');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    t.dropColumn('schedule_id');
  });
  await knex.schema.dropTableIfExists('schedules');
}
