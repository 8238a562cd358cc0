import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces go into an encoded payload (then encrypted by the codec) instead of the clear
 * `message`/`stackTrace` fields of Temporal's history: an error text can name a person. Loaded by path (workers
 * bundle it into the workflow sandbox; clients require it), see data-converter.ts.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
