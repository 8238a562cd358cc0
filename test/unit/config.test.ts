import { ConfigError, loadConfig } from '../../config/config';
import { testSecretKey } from '../support/test-env';

describe('loadConfig', () => {
  const valid = { XSYNC_SECRET_KEY: testSecretKey() };

  it('applies local defaults when only the secret key is set', () => {
    const config = loadConfig(valid);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/xledger_sync');
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(config.TEMPORAL_NAMESPACE).toBe('xledger-sync');
    expect(config.XSYNC_TASK_QUEUE).toBe('xledger-sync');
  });

  it('keeps settled HR outbox rows 7 days by default and refuses fewer than 4 (incremental runs read the last 3)', () => {
    expect(loadConfig(valid).XSYNC_OUTBOX_RETENTION_DAYS).toBe(7);
    expect(loadConfig({ ...valid, XSYNC_OUTBOX_RETENTION_DAYS: '4' }).XSYNC_OUTBOX_RETENTION_DAYS).toBe(4);
    expect(() => loadConfig({ ...valid, XSYNC_OUTBOX_RETENTION_DAYS: '3' })).toThrow(/XSYNC_OUTBOX_RETENTION_DAYS must be 4 to 3650 days/);
  });

  it('names a missing secret key in one line', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/^Invalid configuration: XSYNC_SECRET_KEY is not set/);
  });

  it('names every malformed setting at once', () => {
    let message = '';
    try {
      loadConfig({ ...valid, DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'nohost', SMTP_URL: 'http://mail' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL must look like postgres:\/\//);
    expect(message).toMatch(/TEMPORAL_ADDRESS must be host:port/);
    expect(message).toMatch(/SMTP_URL must look like smtp:\/\//);
    expect(message).not.toContain('\n');
  });

  it('rejects a secret key of the wrong length without echoing it', () => {
    const shortKey = Buffer.from('too-short-key-material').toString('base64');
    let message = '';
    try {
      loadConfig({ XSYNC_SECRET_KEY: shortKey });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/XSYNC_SECRET_KEY entry 1 must decode to 32 bytes, not 22/);
    expect(message).not.toContain(shortKey);
  });

  it('reads the codec endpoint settings, and names a bad origin list, a non-loopback host or a bad limit', () => {
    const codec = loadConfig({ ...valid, XSYNC_CODEC_ORIGINS: 'https://temporal.acme.no, http://localhost:8233', XSYNC_CODEC_PORT: '9999' });
    expect([
      codec.XSYNC_CODEC_HOST,
      codec.XSYNC_CODEC_PORT,
      codec.XSYNC_CODEC_ORIGINS,
      codec.XSYNC_CODEC_URL,
      codec.XSYNC_CODEC_MAX_BYTES,
      codec.XSYNC_CODEC_MAX_PAYLOADS,
    ]).toEqual(['127.0.0.1', 9999, ['https://temporal.acme.no', 'http://localhost:8233'], 'http://127.0.0.1:8888', 4 * 1024 * 1024, 1000]);
    expect(loadConfig({ ...valid, XSYNC_CODEC_HOST: '::1', XSYNC_CODEC_MAX_BYTES: '65536' })).toMatchObject({
      XSYNC_CODEC_HOST: '::1',
      XSYNC_CODEC_MAX_BYTES: 65536,
    });
    expect(() => loadConfig({ ...valid, XSYNC_CODEC_ORIGINS: 'temporal.acme.no/ui' })).toThrow(/XSYNC_CODEC_ORIGINS must be a comma-separated list of origins/);
    expect(() => loadConfig({ ...valid, XSYNC_CODEC_HOST: '0.0.0.0' })).toThrow(/XSYNC_CODEC_HOST must be a loopback address/);
    expect(() => loadConfig({ ...valid, XSYNC_CODEC_HOST: '10.0.0.5' })).toThrow(/XSYNC_CODEC_HOST must be a loopback address/);
    expect(() => loadConfig({ ...valid, XSYNC_CODEC_PORT: 'http' })).toThrow(/XSYNC_CODEC_PORT/);
    expect(() => loadConfig({ ...valid, XSYNC_CODEC_MAX_PAYLOADS: '0' })).toThrow(/XSYNC_CODEC_MAX_PAYLOADS must be at least 1/);
    expect(() => loadConfig({ ...valid, XSYNC_CODEC_URL: 'localhost:8888' })).toThrow(/XSYNC_CODEC_URL must be an http\(s\) URL/);
  });

  it('reads only the settings a command asks for', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:1/db' }, ['DATABASE_URL'])).toEqual({ DATABASE_URL: 'postgres://u@h:1/db' });
  });
});
