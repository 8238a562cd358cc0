import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../config/config';
import { allSearchAttributes } from '../../workflows/shared/search-attributes';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  ports?: Array<string | { host_ip?: string; published?: string | number }>;
  environment?: Record<string, string>;
  network_mode?: string;
}

const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
const services = Object.entries(compose.services);

/** Settings the app has no default for: what `loadConfig` with an empty environment says is not set. */
function requiredSettings(): string[] {
  try {
    loadConfig({});
    return [];
  } catch (err) {
    return [...(err as Error).message.matchAll(/([A-Z_]+) is not set/g)].map((m) => m[1]!);
  }
}

/** Docker Compose reads a published port as [HOST_IP:]HOST_PORT:CONTAINER_PORT; without HOST_IP it binds every interface. */
function hostIp(port: string | { host_ip?: string }): string | undefined {
  if (typeof port !== 'string') return port.host_ip;
  const parts = port.split(':');
  return parts.length === 3 ? parts[0] : undefined;
}

describe('docker-compose.yml and the Dockerfile (parsed; no Docker engine runs here)', () => {
  it('binds every published port to 127.0.0.1', () => {
    const published = services.flatMap(([name, s]) => (s.ports ?? []).map((p) => ({ name, port: p, ip: hostIp(p) })));
    expect(published.length).toBeGreaterThanOrEqual(5);
    expect(published.filter((p) => p.ip !== '127.0.0.1')).toEqual([]);
  });

  it('holds no literal password: each comes from .env, and compose fails with a message when it is missing', () => {
    const secrets = services.flatMap(([name, s]) =>
      Object.entries(s.environment ?? {})
        .filter(([key]) => /PASSWORD|SECRET|TOKEN/.test(key))
        .map(([key, value]) => ({ name, key, value })),
    );
    expect(secrets.map((s) => s.key)).toEqual(expect.arrayContaining(['POSTGRES_PASSWORD', 'XSYNC_SECRET_KEY']));
    for (const s of secrets) expect(`${s.name}.${s.key}=${s.value}`).toMatch(/=\$\{[A-Z_]+:\?[^}]+\}$/);
    // A password inside a URL comes from .env too.
    for (const [, s] of services) {
      for (const value of Object.values(s.environment ?? {})) {
        const userinfo = /^[a-z]+:\/\/([^@/]*)@/.exec(value)?.[1];
        if (userinfo?.includes(':')) expect(userinfo).toMatch(/^[^:]+:\$\{[A-Z_]+:\?[^}]+\}$/);
      }
    }
    // .env.example names every variable compose requires, with no value filled in.
    const required = [...new Set([...read('docker-compose.yml').matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]!))];
    const example = read('.env.example');
    for (const name of required) expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
    expect(read('.gitignore').split('\n')).toContain('.env');
    expect(read('.dockerignore').split('\n')).toContain('.env'); // `COPY . .` must not bake the secrets into the image
  });

  it('gives the worker every setting the app requires, and the addresses of the services it runs beside', () => {
    const env = compose.services.worker!.environment ?? {};
    const required = requiredSettings();
    expect(required).toContain('XSYNC_SECRET_KEY');
    for (const key of [...required, 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'XSYNC_TASK_QUEUE', 'SMTP_URL']) {
      expect({ key, given: key in env }).toEqual({ key, given: true });
    }
    expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    // The codec endpoint holds the key it decrypts with.
    expect(Object.keys(compose.services.codec!.environment ?? {})).toContain('XSYNC_SECRET_KEY');
  });

  it('prepares Temporal as the code needs: the namespace, every search attribute, and updates enabled', () => {
    const command = String(compose.services.temporal!.command);
    expect(command).toContain(`--namespace ${compose.services.worker!.environment!.TEMPORAL_NAMESPACE}`);
    for (const key of allSearchAttributes) expect(command).toContain(`--search-attribute ${key.name}=${key.type === 'INT' ? 'Int' : 'Keyword'}`);
    expect(command).toContain('--dynamic-config-value frontend.enableUpdateWorkflowExecution=true');
  });

  it('builds an image with production dependencies only that runs as a non-root user', () => {
    const lines = read('Dockerfile')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const installs = lines.filter((l) => /^RUN .*npm (install|ci)\b/.test(l));
    expect(installs.length).toBeGreaterThan(0);
    for (const l of installs) expect(l).toContain('--omit=dev');
    const users = lines.filter((l) => l.startsWith('USER '));
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER (root|0)(:|$)/);
    // The user is set before anything is installed or run, so nothing in the image is owned by root that the app writes.
    expect(lines.findIndex((l) => l.startsWith('USER '))).toBeLessThan(lines.findIndex((l) => installs.includes(l)));
  });

  it('keeps test-only packages out of the production dependencies', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const name of ['mailparser', 'puppeteer-core', 'jest', 'yaml']) {
      expect({ name, dependency: name in pkg.dependencies }).toEqual({ name, dependency: false });
    }
  });
});
