import type { Knex } from 'knex';
import type { ConnectionsRepo } from '../db/connections-repo';

/** What activities need from the outside world; the worker passes real parts, tests pass the same kinds on test ports. */
export interface ActivityDeps {
  db: Knex;
  connections: ConnectionsRepo;
}
