/**
 * Errors the fake returns. `code` is emitted as a TOP-LEVEL field of the GraphQL error (as Xledger does for
 * throttling); `extensions` carries the rest.
 */
export class FakeError extends Error {
  readonly extensions: Record<string, unknown>;
  readonly code?: string;
  constructor(message: string, options: { code?: string; extensions?: Record<string, unknown> } = {}) {
    super(message);
    this.extensions = options.extensions ?? {};
    if (options.code) this.code = options.code;
  }
}

/** Several errors from one field (e.g. every invalid record of a batch); expanded when the response is built. */
export class FakeErrors extends Error {
  constructor(readonly errors: FakeError[]) {
    super(errors[0]?.message ?? 'errors');
  }
}

export const BAD_TOKEN_MESSAGE = 'Bad format for API Token. Expected header: "Authorization: token <your-token>"';

export interface Issue {
  index: number;
  clientId?: string | null;
  field: string;
  message: string;
  code: 'INVALID_VALUE' | 'DUPLICATE_VALUE' | 'LOOKUP_FAILED' | 'NOT_FOUND';
  recordCode?: string;
  exampleValidInputs?: unknown[];
}

export function issueToError(root: string, issue: Issue): FakeError {
  const ext: Record<string, unknown> = { code: issue.code, field: issue.field, index: issue.index };
  if (issue.clientId != null) ext.clientId = issue.clientId;
  if (issue.recordCode !== undefined) ext.recordCode = issue.recordCode;
  if (issue.exampleValidInputs) ext.exampleValidInputs = issue.exampleValidInputs;
  return new FakeError(`${root}: inputs[${issue.index}].node.${issue.field}: ${issue.message}`, { extensions: ext });
}
