export { escapeHtml } from './escape-html';
export { cleanValue, maskIdentifiers, oneLine } from './clean-text';
export { formatDuration, formatOsloDate, formatOsloDateTime, MAIL_TIME_ZONE } from './oslo-time';
export type { RenderedEmail } from './rendered-email';
export {
  DEFAULT_MAX_LISTED,
  renderRunResultEmail,
  renderRunResultSubject,
  runKindLabel,
  type RunCounts,
  type RunFailure,
  type ItemWords,
  EMPLOYEE_ITEM_WORDS,
  type RunResultEmailInput,
  type RunSkip,
  type RunStatus,
  type RunTrigger,
} from './render-run-result';
export { renderDecisionReminderEmail, type DecisionReminderEmailInput, type DecisionTimeoutPolicy } from './render-decision-reminder';
export {
  createMailer,
  DEFAULT_MAIL_TIMEOUT_MS,
  MailSendError,
  redactSmtpUrl,
  type MailMessage,
  type Mailer,
  type MailerOptions,
  type MailSendResult,
} from './mailer';
export { renderInvoiceDigestEmail, type InvoiceDigestEmailInput } from './render-invoice-digest';
