/**
 * Pact's provider-state expression for a value the provider's state handler returns: `${name}`.
 * Built by joining, so it is not mistaken for (or linted as) a template literal.
 */
export function stateValue(name: string): string {
  return ['$', '{', name, '}'].join('');
}
