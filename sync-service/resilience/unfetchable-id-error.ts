/**
 * A source cannot be asked about this id at all: it is not one the source's API can name (not a
 * Salesforce id nor a CRM record number, not a Bitrix24 numeric id). No answer came back, so
 * nothing is known of the record — least of all that it is gone — and asking again cannot help:
 * the message that named it goes to the dead letters, with whatever gap it revealed left open.
 */
export class UnfetchableIdError extends Error {
  readonly code = 'UNFETCHABLE_ID';
}

export const isUnfetchableIdError = (error: unknown): error is UnfetchableIdError =>
  error instanceof UnfetchableIdError;
