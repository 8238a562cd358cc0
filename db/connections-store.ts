import type { Knex } from 'knex';
import { z } from 'zod';
import { mergeSettings, parseConnectionSettings, type ConnectionSettings } from '../config/connection-settings';
import type { Keyring } from './secrets/keyring';
import { seal, unseal } from './secrets/cipher';
import { createOutboxStore } from './realtime/outbox-store';

export interface Connection {
  id: number;
  name: string;
  xledgerUrl: string;
  ownerEntityId: number;
  tokenKeyId: string;
  settings: ConnectionSettings;
  createdAt: Date;
  updatedAt: Date;
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts an `http://` Xledger URL may name (the fake Xledger). */
function isLoopbackUrlHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why a (well-formed) URL cannot be a connection's Xledger endpoint, or null: the token travels with every request,
 * so only `https://`, and plain `http://` only to a loopback host (the fake Xledger on this machine).
 */
export function xledgerUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null; // .url() reports it
  }
  if (u.username || u.password) return 'must not hold a user name or password (the API token is stored separately)';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:') {
    return isLoopbackUrlHost(u.hostname) ? null : 'must use https:// (plain http:// only for 127.0.0.1, ::1 or localhost, e.g. the fake Xledger)';
  }
  return `must use https://, not ${u.protocol}`;
}

export const newConnectionSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(100, 'must be at most 100 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'may hold letters, digits, space, dot, _ and - only'),
  xledgerUrl: z
    .string()
    .trim()
    .url('must be a URL such as https://www.xledger.net/graphql')
    .superRefine((url, ctx) => {
      const problem = xledgerUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ownerEntityId: z.coerce.number().int('must be a whole number').positive('must be positive'),
  token: z.string().trim().min(8, 'looks too short for an Xledger API token'),
  settings: z.unknown().optional(),
});
export type NewConnection = z.input<typeof newConnectionSchema>;

/** What `update` may change; each is validated as `add` validates it. `settings` is partial: see mergeSettings. */
export interface ConnectionChanges {
  xledgerUrl?: string;
  ownerEntityId?: number | string;
  token?: string;
  settings?: unknown;
}

export type ConnectionField = keyof ConnectionChanges;

/** A value given to `update` that `add` would refuse too; `field` says which, so the CLI can name its argument. */
export class InvalidConnectionError extends Error {
  override name = 'InvalidConnectionError';
  constructor(
    readonly field: ConnectionField,
    readonly detail: string,
  ) {
    super(`Invalid connection: ${field === 'settings' ? detail : `${field} ${detail}`}`);
  }
}

export interface ConnectionUpdate {
  before: Connection;
  after: Connection;
  /** The token was given and stored anew (under after.tokenKeyId). */
  tokenReplaced: boolean;
}

interface ConnectionRow {
  id: number;
  name: string;
  xledger_url: string;
  owner_entity_id: string | number;
  token_ciphertext: string;
  token_key_id: string;
  settings: unknown;
  created_at: Date;
  updated_at: Date;
  removed_at: Date | null;
}

/** What `remove` took away, and what it kept (the audit trail) or, with `purge`, deleted too. */
export interface ConnectionRemoval {
  name: string;
  /** Removed connections of that name deleted along (purge only). */
  removedBefore: number;
  /** Employee and absence links (the sync's memory of who and what is which). */
  links: number;
  scheduleRows: number;
  runs: number;
  runItems: number;
  decisions: number;
  history: number;
  /** HR changes the connection's real-time push had still to deliver, dropped (they settle for the other connections). */
  pendingPushes: number;
  purged: boolean;
}

/** A connection cannot be removed while one of its runs is open (the run reads it by name until it ends). */
export class ConnectionBusyError extends Error {
  override name = 'ConnectionBusyError';
  constructor(name: string, runId: string) {
    super(`connection "${name}" has an open run ${runId}: cancel it (xsync sync cancel ${runId}) or let it finish first`);
  }
}

/** The sealed token is bound to the connection's name, so a ciphertext copied to another row does not decrypt. */
const tokenContext = (name: string) => `connection-token:${name}`;

export class ConnectionNotFoundError extends Error {
  constructor(nameOrId: string | number, detail?: string) {
    super(`No connection named "${nameOrId}"${detail ? ` (${detail})` : ''}`);
    this.name = 'ConnectionNotFoundError';
  }
}

export function createConnectionsStore(db: Knex, keyring: Keyring) {
  const toConnection = (row: ConnectionRow): Connection => ({
    id: row.id,
    name: row.name,
    xledgerUrl: row.xledger_url,
    ownerEntityId: Number(row.owner_entity_id),
    tokenKeyId: row.token_key_id,
    settings: parseConnectionSettings(row.settings, `connection "${row.name}" settings`),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  async function findRow(name: string): Promise<ConnectionRow> {
    const row = await db<ConnectionRow>('connections').where({ name }).whereNull('removed_at').first();
    if (!row) throw new ConnectionNotFoundError(name);
    return row;
  }

  return {
    async add(input: NewConnection): Promise<Connection> {
      const parsed = newConnectionSchema.safeParse(input);
      if (!parsed.success) {
        throw new Error(`Invalid connection: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      }
      const { name, xledgerUrl, ownerEntityId, token } = parsed.data;
      const settings = parseConnectionSettings(parsed.data.settings);
      const sealed = seal(keyring, token, tokenContext(name));
      try {
        const [row] = await db<ConnectionRow>('connections')
          .insert({
            name,
            xledger_url: xledgerUrl,
            owner_entity_id: ownerEntityId,
            token_ciphertext: sealed.ciphertext,
            token_key_id: sealed.keyId,
            settings: JSON.stringify(settings),
          })
          .returning('*');
        return toConnection(row);
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw new Error(`A connection named "${name}" already exists`);
        throw err;
      }
    },
    async count(): Promise<number> {
      const [row] = await db('connections').whereNull('removed_at').count<Array<{ count: string }>>({ count: '*' });
      return Number(row?.count ?? 0);
    },

    async list(): Promise<Connection[]> {
      const rows = await db<ConnectionRow>('connections').whereNull('removed_at').orderBy('name');
      return rows.map(toConnection);
    },
    async get(name: string): Promise<Connection> {
      return toConnection(await findRow(name));
    },
    /** The open run of any connection (live or removed) named NAME, if one is open. */
    async openRunOf(name: string): Promise<string | undefined> {
      const row: { id: string } | undefined = await db('sync_runs as r')
        .join('connections as c', 'c.id', 'r.connection_id')
        .where('c.name', name)
        .whereNull('r.finished_at')
        .first('r.id');
      return row?.id;
    },
    /**
     * Removes the live connection NAME in one transaction: its links (the sync's memory, with hashed baselines) and
     * schedule rows are deleted, its token wiped, and the row kept as removed so runs, outcomes, decisions and history
     * still name it. With `purge`, the live connection and every removed one of that name are deleted with all of it.
     * Refused while a run of the connection is open.
     */
    async remove(name: string, options: { purge?: boolean } = {}): Promise<ConnectionRemoval> {
      return db.transaction(async (trx) => {
        const rows = await trx<ConnectionRow>('connections').where({ name }).forUpdate().orderBy('id');
        const live = rows.find((r) => r.removed_at === null);
        const targets = options.purge ? rows : live ? [live] : [];
        if (targets.length === 0) {
          if (rows.length > 0) throw new ConnectionNotFoundError(name, 'it was removed; --purge deletes its runs and history');
          throw new ConnectionNotFoundError(name);
        }
        const ids = targets.map((r) => r.id);
        const open = await trx('sync_runs').whereIn('connection_id', ids).whereNull('finished_at').first('id');
        if (open) throw new ConnectionBusyError(name, open.id);
        const count = async (q: Knex.QueryBuilder) => Number((await q.count<Array<{ n: string }>>({ n: '*' }))[0].n);
        const runsOf = () => trx('sync_runs').whereIn('connection_id', ids).select('id');
        const report: ConnectionRemoval = {
          name,
          removedBefore: targets.filter((r) => r.removed_at !== null).length,
          links: (await count(trx('employee_links').whereIn('connection_id', ids))) + (await count(trx('absence_links').whereIn('connection_id', ids))),
          scheduleRows: await count(trx('schedules').whereIn('connection_id', ids)),
          runs: await count(trx('sync_runs').whereIn('connection_id', ids)),
          runItems: await count(trx('sync_run_items').whereIn('run_id', runsOf())),
          decisions: await count(trx('sync_run_decisions').whereIn('run_id', runsOf())),
          history: await count(trx('employee_history').whereIn('connection_id', ids)),
          pendingPushes: 0,
          purged: Boolean(options.purge),
        };
        // Deleted with the connection on --purge (cascade) too; settling the outbox rows they held up is the same.
        for (const id of ids) report.pendingPushes += await createOutboxStore(trx).forgetPending(id, trx);
        if (options.purge) {
          await trx('connections').whereIn('id', ids).delete(); // cascades to runs, items, decisions, history, links, schedules
        } else {
          await trx('employee_links').whereIn('connection_id', ids).delete();
          await trx('absence_links').whereIn('connection_id', ids).delete();
          await trx('schedules').whereIn('connection_id', ids).delete();
          await trx('connections')
            .whereIn('id', ids)
            .update({ removed_at: trx.fn.now(), token_ciphertext: null, token_key_id: null, updated_at: trx.fn.now() } as never);
        }
        return report;
      });
    },
    async updateSettings(name: string, settings: unknown): Promise<Connection> {
      const valid = parseConnectionSettings(settings);
      const [row] = await db<ConnectionRow>('connections')
        .where({ name })
        .whereNull('removed_at')
        .update({ settings: JSON.stringify(valid), updated_at: db.fn.now() } as never)
        .returning('*');
      if (!row) throw new ConnectionNotFoundError(name);
      return toConnection(row);
    },
    /**
     * Changes only what is given, in one transaction (the row is locked while the settings are merged), and bumps
     * updated_at when anything differs. Unknown name: ConnectionNotFoundError; a bad value: InvalidConnectionError.
     */
    async update(name: string, changes: ConnectionChanges): Promise<ConnectionUpdate> {
      const fields = ['xledgerUrl', 'ownerEntityId', 'token'] as const;
      const valid: { xledgerUrl?: string; ownerEntityId?: number; token?: string } = {};
      for (const field of fields) {
        if (changes[field] === undefined) continue;
        const parsed = newConnectionSchema.shape[field].safeParse(changes[field]);
        if (!parsed.success) throw new InvalidConnectionError(field, parsed.error.issues.map((i) => i.message).join('; '));
        Object.assign(valid, { [field]: parsed.data });
      }
      return db.transaction(async (trx) => {
        const row = await trx<ConnectionRow>('connections').where({ name }).whereNull('removed_at').forUpdate().first();
        if (!row) throw new ConnectionNotFoundError(name);
        const before = toConnection(row);
        const patch: Partial<ConnectionRow> = {};
        if (valid.xledgerUrl !== undefined && valid.xledgerUrl !== before.xledgerUrl) patch.xledger_url = valid.xledgerUrl;
        if (valid.ownerEntityId !== undefined && valid.ownerEntityId !== before.ownerEntityId) patch.owner_entity_id = valid.ownerEntityId;
        if (valid.token !== undefined) {
          const sealed = seal(keyring, valid.token, tokenContext(row.name));
          patch.token_ciphertext = sealed.ciphertext;
          patch.token_key_id = sealed.keyId;
        }
        if (changes.settings !== undefined) {
          let settings: ConnectionSettings;
          try {
            settings = parseConnectionSettings(mergeSettings(before.settings, changes.settings));
          } catch (err) {
            throw new InvalidConnectionError('settings', (err as Error).message);
          }
          if (JSON.stringify(settings) !== JSON.stringify(before.settings)) patch.settings = JSON.stringify(settings);
        }
        if (Object.keys(patch).length === 0) return { before, after: before, tokenReplaced: false };
        const [updated] = await trx<ConnectionRow>('connections')
          .where({ id: row.id })
          .update({ ...patch, updated_at: trx.fn.now() } as never)
          .returning('*');
        return { before, after: toConnection(updated), tokenReplaced: valid.token !== undefined };
      });
    },
    /**
     * Re-encrypts every stored token (removed connections hold none) not yet under the keyring's current key; call it
     * on a transaction. A token no key decrypts throws, naming the connection, and nothing is written.
     */
    async resealTokens(): Promise<{ resealed: Array<{ name: string; fromKeyId: string }>; alreadyCurrent: number }> {
      const rows = await db<ConnectionRow>('connections').whereNotNull('token_ciphertext').orderBy('id').forUpdate();
      const resealed: Array<{ name: string; fromKeyId: string }> = [];
      for (const row of rows) {
        if (row.token_key_id === keyring.current.id) continue;
        let token: string;
        try {
          token = unseal(keyring, { keyId: row.token_key_id, ciphertext: row.token_ciphertext }, tokenContext(row.name));
        } catch (err) {
          throw new Error(`the API token of connection "${row.name}": ${(err as Error).message}`);
        }
        const sealed = seal(keyring, token, tokenContext(row.name));
        await db('connections').where({ id: row.id }).update({ token_ciphertext: sealed.ciphertext, token_key_id: sealed.keyId });
        resealed.push({ name: row.name, fromKeyId: row.token_key_id });
      }
      return { resealed, alreadyCurrent: rows.length - resealed.length };
    },
    /** Only activities call this, right before talking to Xledger; the token never leaves the worker process. */
    async revealToken(name: string): Promise<string> {
      const row = await findRow(name);
      return unseal(keyring, { keyId: row.token_key_id, ciphertext: row.token_ciphertext }, tokenContext(row.name));
    },
  };
}

export type ConnectionsStore = ReturnType<typeof createConnectionsStore>;
