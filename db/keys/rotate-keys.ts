import type { Knex } from 'knex';
import { EMPLOYEE_FIELDS } from '../../domain/employees/mapping/employee-fields';
import { rehashBaseline } from '../../domain/keys/rehash-baseline';
import { getEmployee } from '../../hr/read';
import { createConnectionsStore } from '../connections-store';
import { createLinksStore } from '../employees/links-store';
import { createPersonalHasher } from '../secrets/personal-hasher';
import type { Keyring } from '../secrets/keyring';

export interface KeyRotationReport {
  /** The key everything is now under: the first of XSYNC_SECRET_KEY. */
  keyId: string;
  tokens: { reencrypted: Array<{ connection: string; fromKeyId: string }>; alreadyCurrent: number };
  baselines: {
    /** Keyed hashes (national id, bank account) re-made under the current key from HR's equal value. */
    rehashed: number;
    /** Hashes left under an older key, by key id: HR's value changed since the last sync, so it cannot be re-made. */
    keptUnder: Record<string, number>;
  };
}

export class KeyRotationError extends Error {
  override name = 'KeyRotationError';
}

/**
 * `xsync keys rotate`: everything encrypted or keyed at rest moves to the keyring's first key, in one transaction
 * (a secret no key decrypts aborts it all, so nothing is half-written). Safe to re-run: what is under the current
 * key already is left alone. Temporal payloads are not rewritten (history is immutable): keep an old key while runs
 * it encrypted are still within the namespace's retention and should stay readable in Temporal UI.
 */
export async function rotateKeys(db: Knex, keyring: Keyring): Promise<KeyRotationReport> {
  const hasher = createPersonalHasher(keyring);
  const piiFields = EMPLOYEE_FIELDS.filter((f) => f.pii);
  try {
    return await db.transaction(async (trx) => {
      const tokens = await createConnectionsStore(trx, keyring).resealTokens();
      const links = createLinksStore(trx);
      let rehashed = 0;
      const keptUnder: Record<string, number> = {};
      for (const link of await links.withHashesNotUnder(keyring.current.id)) {
        const hr = await getEmployee(trx, link.employeeNumber);
        // HR's own value of each personal number (the HR record's nationalId and bankAccount, which `pii` names).
        const hrValues = hr && Object.fromEntries(piiFields.map((f) => [f.key, hr[f.pii!]]));
        const result = rehashBaseline(link.baseline, hrValues, hasher, keyring.current.id);
        if (result.rehashed > 0) await links.setBaseline(link.connectionId, link.employeeNumber, result.baseline);
        rehashed += result.rehashed;
        for (const id of result.kept) keptUnder[id] = (keptUnder[id] ?? 0) + 1;
      }
      return {
        keyId: keyring.current.id,
        tokens: { reencrypted: tokens.resealed.map((t) => ({ connection: t.name, fromKeyId: t.fromKeyId })), alreadyCurrent: tokens.alreadyCurrent },
        baselines: { rehashed, keptUnder },
      };
    });
  } catch (err) {
    throw new KeyRotationError(`keys rotate: nothing was changed: ${(err as Error).message}`);
  }
}
