import { Client, Connection } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { createConnectionsStore } from '../db/connections-store';
import { parseKeyring } from '../db/secrets/keyring';
import { createDataConverter } from '../temporal/data-converter';
import { OutboxRelay } from './outbox-relay';

/** Starts the outbox relay with its own Temporal client (encrypted payloads, as every client's) and LISTEN connection. */
export async function startRelay(config: AppConfig, db: Knex, log: Logger): Promise<{ stop(): Promise<void> }> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: createDataConverter(config.XSYNC_SECRET_KEY, { acceptPlaintext: config.XSYNC_ACCEPT_PLAINTEXT_PAYLOADS }),
  });
  const relay = new OutboxRelay({
    db,
    databaseUrl: config.DATABASE_URL,
    temporal,
    taskQueue: config.XSYNC_TASK_QUEUE,
    connections: createConnectionsStore(db, parseKeyring(config.XSYNC_SECRET_KEY)),
    pollMs: config.XSYNC_RELAY_POLL_MS,
    log,
  });
  await relay.start();
  return {
    async stop() {
      await relay.stop();
      await connection.close();
    },
  };
}
