import type { Knex } from 'knex';
import * as m001 from './20261123_001_connections_and_runs';
import * as m002 from './20261123_002_hr_store_and_sync_state';
import * as m004 from './20261123_004_run_writes_and_decisions';
import * as m005 from './20261123_005_prepared_batches';
import * as m006 from './20261201_006_settings_per_kind';
import * as m007 from './20261201_007_one_open_run_and_decision_audit';
import * as m008 from './20261201_008_schedules';
import * as m009 from './20261201_009_staging_retention';
import * as m010 from './20261207_010_connections_soft_remove';
import * as m011 from './20261207_011_absences';
import * as m012 from './20261207_012_master_data';
import * as m013 from './20261207_013_invoice_export';
import * as m014 from './20261207_014_hr_outbox';
import * as m015 from './20261207_015_employee_run_reads';
import * as m016 from './20261207_016_absence_import_file_retention';
import * as m017 from './20261207_017_kept_plans';
import * as m019 from './20261207_019_left_open_items';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Migrations are listed here, in order, so they load the same under tsx, jest and a bundler. */
const migrations: ReadonlyArray<[string, Migration]> = [
  ['20261123_001_connections_and_runs', m001],
  ['20261123_002_hr_store_and_sync_state', m002],
  ['20261123_004_run_writes_and_decisions', m004],
  ['20261123_005_prepared_batches', m005],
  ['20261201_006_settings_per_kind', m006],
  ['20261201_007_one_open_run_and_decision_audit', m007],
  ['20261201_008_schedules', m008],
  ['20261201_009_staging_retention', m009],
  ['20261207_010_connections_soft_remove', m010],
  ['20261207_011_absences', m011],
  ['20261207_012_master_data', m012],
  ['20261207_013_invoice_export', m013],
  ['20261207_014_hr_outbox', m014],
  ['20261207_015_employee_run_reads', m015],
  ['20261207_016_absence_import_file_retention', m016],
  ['20261207_017_kept_plans', m017],
  ['20261207_019_left_open_items', m019],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => [...migrations],
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};
