import type { PersonalHasher } from '../domain/employees/baseline';
import type { Knex } from 'knex';
import type { Connection, ConnectionsStore } from '../db/connections-store';
import type { Mailer } from '../mail';
import type { XledgerClient } from '../xledger';

/** What activities need from the outside world; the worker passes real parts, tests pass the same kinds on test ports. */
export interface ActivityDeps {
  db: Knex;
  connections: ConnectionsStore;
  /** An Xledger client for a connection (the worker: the connection's URL; tests: the fake Xledger on its port). */
  xledgerClient(connection: Connection, token: string): XledgerClient;
  mailer: Mailer;
  /** Keyed hashes of personal numbers for baselines (db/secrets/personal-hasher.ts). */
  personalHasher: PersonalHasher;
  /** Days a settled run's staging (snapshots, plans, writes) is kept for debugging; 0: purged as the run settles. */
  stagingRetentionDays: number;
  /** Days a settled HR outbox row is kept before the maintenance purge deletes it (at least 4; default 7). */
  outboxRetentionDays?: number;
  /** Temporal UI base URL and namespace, for links in emails. */
  uiUrl: string;
  namespace: string;
}
