import type { Knex } from 'knex';
import { z } from 'zod';
import { mergeSettings, parseConnectionSettings, type ConnectionSettings } from '../config/connection-settings';
import type { Keyring } from './secrets/keyring';
import { seal, unseal } from './secrets/cipher';

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
}

/** The sealed token is bound to the connection's name, so a ciphertext copied to another row does not decrypt. */
const tokenContext = (name: string) => `connection-token:${name}`;

export class ConnectionNotFoundError extends Error {
  constructor(nameOrId: string | number) {
    super(`No connection named "${nameOrId}"`);
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
    const row = await db<ConnectionRow>('connections').where({ name }).first();
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
      const [row] = await db('connections').count<Array<{ count: string }>>({ count: '*' });
      return Number(row?.count ?? 0);
    },

    async list(): Promise<Connection[]> {
      const rows = await db<ConnectionRow>('connections').orderBy('name');
      return rows.map(toConnection);
    },
    async get(name: string): Promise<Connection> {
      return toConnection(await findRow(name));
    },
    async remove(name: string): Promise<void> {
      const count = await db('connections').where({ name }).delete();
      if (count === 0) throw new ConnectionNotFoundError(name);
    },
    async updateSettings(name: string, settings: unknown): Promise<Connection> {
      const valid = parseConnectionSettings(settings);
      const [row] = await db<ConnectionRow>('connections')
        .where({ name })
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
        const row = await trx<ConnectionRow>('connections').where({ name }).forUpdate().first();
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
    /** Only activities call this, right before talking to Xledger; the token never leaves the worker process. */
    async revealToken(name: string): Promise<string> {
      const row = await findRow(name);
      return unseal(keyring, { keyId: row.token_key_id, ciphertext: row.token_ciphertext }, tokenContext(row.name));
    },
  };
}

export type ConnectionsStore = ReturnType<typeof createConnectionsStore>;
