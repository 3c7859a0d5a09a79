import type { Response } from 'express';

/**
 * An error the simulated Salesforce answers with. Its message is Salesforce's own wording, not this
 * project's `Failed to …` style: clients match on these texts and codes, so they must read as the
 * real org's do. Every body is an array of `{message, errorCode, fields?}`.
 */
export class SalesforceApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: readonly string[] | undefined;

  constructor(status: number, errorCode: string, message: string, fields?: readonly string[]) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
  }

  get body(): Array<{ message: string; errorCode: string; fields?: readonly string[] }> {
    return [
      this.fields === undefined
        ? { message: this.message, errorCode: this.errorCode }
        : { message: this.message, errorCode: this.errorCode, fields: this.fields },
    ];
  }
}

export function isSalesforceApiError(error: unknown): error is SalesforceApiError {
  return error instanceof SalesforceApiError;
}

export function sendSalesforceError(response: Response, error: SalesforceApiError): void {
  response.status(error.status).json(error.body);
}

export function resourceNotFound(): SalesforceApiError {
  return new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

export function noSuchColumn(field: string, object: string): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'INVALID_FIELD',
    `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}
