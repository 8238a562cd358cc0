import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailOutbox {
  url: string;
  dir: string;
  received: string[];
  stop(): Promise<void>;
}

/**
 * A local SMTP server for the demo that keeps every message as an .eml file (open it in any mail program),
 * so result emails can be read without a mail account.
 */
export async function startMailOutbox(dir: string): Promise<MailOutbox> {
  fs.mkdirSync(dir, { recursive: true });
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${received.length + 1}.eml`);
        fs.writeFileSync(file, Buffer.concat(chunks));
        received.push(file);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, dir, received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
