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

  it('reads only the settings a command asks for', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:1/db' }, ['DATABASE_URL'])).toEqual({ DATABASE_URL: 'postgres://u@h:1/db' });
  });
});
