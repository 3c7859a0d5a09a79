/**
 * Which way the imports between the parts may point, checked by `npm run check`
 * (tools/dependency-check). The shape is dependency-cruiser's `forbidden` rules, so the file can
 * move to it once it reads TypeScript 7 (it needs the compiler API that 7.0 does not ship). Paths
 * are regular expressions on repo-relative paths; test files count like any other module.
 */
export interface DependencyRule {
  readonly name: string;
  /** Why the arrow must not exist: printed with every import that breaks the rule. */
  readonly comment: string;
  readonly from: { readonly path: string };
  readonly to: { readonly path: string } | { readonly circular: true };
}

export const forbidden: readonly DependencyRule[] = [
  {
    name: 'product-not-on-harness',
    comment:
      'the sync service, the contracts and infra ship to the bank; the simulator and the scenarios are test tooling that uses them, not the other way round',
    from: { path: '^(sync-service|contracts|infra)/' },
    to: { path: '^(simulator|scenarios)/' },
  },
  {
    name: 'scenarios-not-on-cli',
    comment:
      'the CLI is the edge that starts scenarios; a scenario reaching back into it ties the runner to one front end',
    from: { path: '^scenarios/' },
    to: { path: '^cli/' },
  },
  {
    name: 'simulator-not-on-sync-service',
    comment:
      'the simulator stands in for the sources: verifying it with the sync service’s own clients would prove the two agree with each other, not with the real systems',
    from: { path: '^simulator/' },
    to: { path: '^sync-service/' },
  },
  {
    name: 'no-circular',
    comment: 'modules in a circle cannot be understood, tested or moved one at a time',
    from: { path: '' },
    to: { circular: true },
  },
];
