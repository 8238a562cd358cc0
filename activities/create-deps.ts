import type { Knex } from 'knex';
import type { AppConfig } from '../config/config';
import { createConnectionsRepo } from '../db/connections-store';
import { parseKeyring } from '../db/secrets/keyring';
import { createMailer } from '../mail';
import { createXledgerClient } from '../xledger';
import type { ActivityDeps } from './deps';

/** The real dependencies of the worker's activities, from configuration. */
export function createActivityDeps(config: AppConfig, db: Knex): ActivityDeps {
  return {
    db,
    connections: createConnectionsRepo(db, parseKeyring(config.XSYNC_SECRET_KEY)),
    xledgerClient: (connection, token) => createXledgerClient({ url: connection.xledgerUrl, token }),
    mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.XSYNC_MAIL_FROM }),
    uiUrl: config.XSYNC_UI_URL,
    namespace: config.TEMPORAL_NAMESPACE,
  };
}
