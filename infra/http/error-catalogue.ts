/** One way an API answers a request it cannot serve: the code clients branch on, its status, and the line the README shows. */
export interface ErrorEntry<C extends string = string> {
  readonly code: C;
  readonly status: number;
  /** When a client gets it and what to do, one sentence: the README's error table is made of these. */
  readonly doc: string;
}

export interface ErrorDefinition {
  readonly status: number;
  readonly doc: string;
}

export type ErrorCatalogue<C extends string = string> = { readonly [K in C]: ErrorEntry<K> };

/**
 * A service's catalogue from shared entries and its own. A code in both is refused when the module
 * loads: spreading one object over another would let one status silently win over the other.
 */
export function errorCatalogue<
  S extends Readonly<Record<string, ErrorDefinition>>,
  O extends Readonly<Record<string, ErrorDefinition>>,
>(shared: S, own: O): ErrorCatalogue<Extract<keyof S | keyof O, string>> {
  const entries: Record<string, ErrorEntry> = {};
  for (const [code, { status, doc }] of [...Object.entries(shared), ...Object.entries(own)]) {
    if (code in entries) throw new Error(`Failed to build the error catalogue: ${code} is defined twice.`);
    entries[code] = Object.freeze({ code, status, doc });
  }
  return Object.freeze(entries) as ErrorCatalogue<Extract<keyof S | keyof O, string>>;
}
