import { Client, Connection } from '@temporalio/client';
import type { Knex } from 'knex';
import { loadConfig, type AppConfig, type ConfigKey } from '../config/config';
import { createConnectionsStore, type ConnectionsStore } from '../db/connections-store';
import { createDb } from '../db/knex';
import { parseKeyring } from '../db/secrets/keyring';
import { createDataConverter } from '../temporal/data-converter';
import type { CliIo } from './io';

/** Opens what a command needs, lazily, and closes it all at the end. */
export class CliContext {
  /** A command that ran but found problems (e.g. a failed health check) sets this to 1. */
  exitCode = 0;
  private db?: Knex;
  private temporalConnection?: Connection;

  constructor(readonly io: CliIo) {}

  config<K extends ConfigKey>(...keys: K[]): Pick<AppConfig, K> {
    return loadConfig(this.io.env, keys);
  }

  database(): Knex {
    this.db ??= createDb(this.config('DATABASE_URL').DATABASE_URL, { min: 0, max: 2 });
    return this.db;
  }

  connections(): ConnectionsStore {
    return createConnectionsStore(this.database(), parseKeyring(this.config('XSYNC_SECRET_KEY').XSYNC_SECRET_KEY));
  }

  async temporal(): Promise<{ client: Client; taskQueue: string; namespace: string; connection: Connection }> {
    const { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, XSYNC_TASK_QUEUE, XSYNC_SECRET_KEY, XSYNC_ACCEPT_PLAINTEXT_PAYLOADS } = this.config(
      'TEMPORAL_ADDRESS',
      'TEMPORAL_NAMESPACE',
      'XSYNC_TASK_QUEUE',
      'XSYNC_SECRET_KEY',
      'XSYNC_ACCEPT_PLAINTEXT_PAYLOADS',
    );
    if (!this.temporalConnection) {
      try {
        this.temporalConnection = await Connection.connect({ address: TEMPORAL_ADDRESS, connectTimeout: 5000 });
      } catch (err) {
        throw new Error(`cannot reach Temporal at TEMPORAL_ADDRESS=${TEMPORAL_ADDRESS}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    return {
      // Payloads are encrypted with XSYNC_SECRET_KEY, as the worker does.
      client: new Client({
        connection: this.temporalConnection,
        namespace: TEMPORAL_NAMESPACE,
        dataConverter: createDataConverter(XSYNC_SECRET_KEY, { acceptPlaintext: XSYNC_ACCEPT_PLAINTEXT_PAYLOADS }),
      }),
      connection: this.temporalConnection,
      taskQueue: XSYNC_TASK_QUEUE,
      namespace: TEMPORAL_NAMESPACE,
    };
  }

  async close(): Promise<void> {
    await this.temporalConnection?.close();
    await this.db?.destroy();
  }
}
