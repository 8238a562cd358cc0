import type { Knex } from 'knex';
import type { AppConfig } from '../config/config';
import { createConnectionsStore } from '../db/connections-store';
import { parseKeyring } from '../db/secrets/keyring';
import { createPersonalHasher } from '../db/secrets/personal-hasher';
import { createMailer } from '../mail';
import { createXledgerClient, IN_ACTIVITY_RETRY } from '../xledger';
import type { ActivityDeps } from './deps';

/** The real dependencies of the worker's activities, from configuration. */
export function createActivityDeps(config: AppConfig, db: Knex): ActivityDeps {
  return {
    db,
    connections: createConnectionsStore(db, parseKeyring(config.XSYNC_SECRET_KEY)),
    personalHasher: createPersonalHasher(parseKeyring(config.XSYNC_SECRET_KEY)),
    stagingRetentionDays: config.XSYNC_DEBUG_RETENTION_DAYS,
    outboxRetentionDays: config.XSYNC_OUTBOX_RETENTION_DAYS,
    // Short throttling waits are taken in the activity; longer ones go to Temporal (xledger/client/retry.ts).
    xledgerClient: (connection, token) => createXledgerClient({ url: connection.xledgerUrl, token, retry: IN_ACTIVITY_RETRY }),
    mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.XSYNC_MAIL_FROM }),
    uiUrl: config.XSYNC_UI_URL,
    namespace: config.TEMPORAL_NAMESPACE,
  };
}
