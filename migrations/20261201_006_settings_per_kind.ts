import type { Knex } from 'knex';

/**
 * Connection settings per run kind: `{ recipients, employees: { scope, requiredFields, fieldPolicies, … } }` instead
 * of one flat object. `recipients` stays at the top level (connection-wide); every other key of a flat row moves
 * under `employees`. A row that already has `employees` is left alone, so running this twice changes nothing.
 * `updated_at` is kept: the settings mean the same as before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE connections
    SET settings = jsonb_build_object('employees', settings - 'recipients')
                   || CASE WHEN settings->'recipients' IS NULL THEN '{}'::jsonb
                           ELSE jsonb_build_object('recipients', settings->'recipients') END
    WHERE jsonb_typeof(settings) = 'object' AND settings->'employees' IS NULL`);
}

/** Back to flat: the keys under `employees` return to the top level, next to `recipients`. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE connections
    SET settings = (settings->'employees') || (settings - 'employees')
    WHERE jsonb_typeof(settings) = 'object' AND jsonb_typeof(settings->'employees') = 'object'`);
}
