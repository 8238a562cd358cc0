import { loadConfig } from '../../config/config';
import { createMailer, redactSmtpUrl } from '../../mail/mailer';

/**
 * Doctor's SMTP check: a connection to SMTP_URL and EHLO (and AUTH, when the URL has credentials), no mail sent.
 * A run that cannot mail its result would otherwise sit in "reporting" retrying.
 */
export async function checkSmtp(env: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<{ name: string; ok: boolean; detail: string }> {
  let smtpUrl: string;
  let from: string;
  try {
    ({ SMTP_URL: smtpUrl, XSYNC_MAIL_FROM: from } = loadConfig(env, ['SMTP_URL', 'XSYNC_MAIL_FROM']));
  } catch (err) {
    return { name: 'smtp', ok: false, detail: (err as Error).message };
  }
  const mailer = createMailer({ smtpUrl, from, timeoutMs });
  try {
    await mailer.verify();
    return { name: 'smtp', ok: true, detail: `${redactSmtpUrl(smtpUrl)} answers EHLO (no mail sent)` };
  } catch (err) {
    return { name: 'smtp', ok: false, detail: `${(err as Error).message} (SMTP_URL; result emails cannot be sent)` };
  } finally {
    mailer.close();
  }
}
