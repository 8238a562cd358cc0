import type { Knex } from 'knex';
import { z } from 'zod';
import { parseConnectionSettings, type ConnectionSettings } from '../config/connection-settings';
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

export const newConnectionSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(100, 'must be at most 100 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'may hold letters, digits, space, dot, _ and - only'),
  xledgerUrl: z.string().trim().url('must be a URL such as https://www.xledger.net/graphql'),
  ownerEntityId: z.coerce.number().int('must be a whole number').positive('must be positive'),
  token: z.string().trim().min(8, 'looks too short for an Xledger API token'),
  settings: z.unknown().optional(),
});
export type NewConnection = z.input<typeof newConnectionSchema>;

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

export function createConnectionsRepo(db: Knex, keyring: Keyring) {
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
    /** Only activities call this, right before talking to Xledger; the token never leaves the worker process. */
    async revealToken(name: string): Promise<string> {
      const row = await findRow(name);
      return unseal(keyring, { keyId: row.token_key_id, ciphertext: row.token_ciphertext }, tokenContext(row.name));
    },
  };
}

export type ConnectionsRepo = ReturnType<typeof createConnectionsRepo>;
