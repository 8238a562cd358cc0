import { METADATA_ENCODING_KEY, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { parseKeyring } from '../../db/secrets/keyring';
import { EncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../temporal/encryption-codec';
import { testSecretKey } from '../support/test-env';

const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');
const payloadOf = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);

describe('EncryptionCodec', () => {
  const k1 = testSecretKey('k1');
  const k2 = testSecretKey('k2');
  const value = { employeeNumber: 'E00042', nationalId: '01017012345', name: 'Åse "Q" \\ 😀' };

  it('encrypts a payload so nothing of it is readable, and decrypts it back exactly', async () => {
    const codec = new EncryptionCodec(parseKeyring(k1));
    const [encrypted] = await codec.encode([payloadOf(value)]);
    expect(text(encrypted!.metadata![METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted!.metadata![KEY_ID_METADATA])).toBe('k1');
    expect(text(encrypted!.data)).not.toContain('E00042');
    expect(text(encrypted!.data)).not.toContain('01017012345');
    const [decrypted] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decrypted!)).toEqual(value);
  });

  it('uses a fresh IV each time, so equal payloads do not look equal', async () => {
    const codec = new EncryptionCodec(parseKeyring(k1));
    const [a, b] = await codec.encode([payloadOf(value), payloadOf(value)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('decrypts with an older key after rotation (the first key encrypts, all decrypt)', async () => {
    const [old] = await new EncryptionCodec(parseKeyring(k1)).encode([payloadOf(value)]);
    const rotated = new EncryptionCodec(parseKeyring(`${k2},${k1}`));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toEqual(value);
    const [fresh] = await rotated.encode([payloadOf(value)]);
    expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('k2');
  });

  it('refuses a payload of a key it does not hold, or an altered one, naming the key id but no data', async () => {
    const [encrypted] = await new EncryptionCodec(parseKeyring(k1)).encode([payloadOf(value)]);
    await expect(new EncryptionCodec(parseKeyring(k2)).decode([encrypted!])).rejects.toThrow(
      'payload encrypted with key id "k1", which XSYNC_SECRET_KEY does not hold',
    );
    const altered = { ...encrypted!, data: Buffer.from(encrypted!.data!).fill(7, 20, 21) };
    await expect(new EncryptionCodec(parseKeyring(k1)).decode([altered])).rejects.toThrow(/key id "k1" failed to decrypt/);
  });

  it('refuses payloads that were never encrypted, unless an install is migrating (acceptPlaintext)', async () => {
    const plain = payloadOf({ runId: 'r1' });
    await expect(new EncryptionCodec(parseKeyring(k1)).decode([plain])).rejects.toThrow('refused an unencrypted payload');
    expect(await new EncryptionCodec(parseKeyring(k1), { acceptPlaintext: true }).decode([plain])).toEqual([plain]);
  });
});
