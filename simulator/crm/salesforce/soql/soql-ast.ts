/** The parsed shape of the SOQL subset the simulator answers. Positions point into the query text. */

export interface SoqlFieldPath {
  /** As written: `Name`, `Account.Name`. */
  readonly path: string;
  readonly position: number;
}

export type SoqlLiteral =
  | { readonly kind: 'string'; readonly value: string; readonly raw: string; readonly position: number }
  | { readonly kind: 'number'; readonly value: number; readonly position: number }
  | { readonly kind: 'date'; readonly value: string; readonly position: number }
  | { readonly kind: 'datetime'; readonly value: number; readonly position: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly position: number }
  | { readonly kind: 'null'; readonly position: number };

export type SoqlComparison = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type SoqlCondition =
  | { readonly kind: 'and' | 'or'; readonly operands: readonly SoqlCondition[] }
  | { readonly kind: 'not'; readonly operand: SoqlCondition }
  | {
      readonly kind: 'compare';
      readonly field: SoqlFieldPath;
      readonly operator: SoqlComparison;
      readonly value: SoqlLiteral;
    }
  | { readonly kind: 'like'; readonly field: SoqlFieldPath; readonly pattern: SoqlLiteral }
  | {
      readonly kind: 'in';
      readonly field: SoqlFieldPath;
      readonly values: readonly SoqlLiteral[];
      readonly negated: boolean;
    };

export interface SoqlOrder {
  readonly field: SoqlFieldPath;
  readonly descending: boolean;
  /** Salesforce sorts nulls first unless told otherwise, in either direction. */
  readonly nullsFirst: boolean;
}

export interface SoqlQuery {
  /** `count` for `SELECT COUNT()`. */
  readonly select: 'count' | readonly SoqlFieldPath[];
  readonly from: { readonly name: string; readonly position: number };
  readonly where: SoqlCondition | null;
  readonly orderBy: readonly SoqlOrder[];
  readonly limit: number | null;
  readonly offset: number | null;
}
