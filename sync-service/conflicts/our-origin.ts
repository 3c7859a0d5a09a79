/**
 * The name this integration gives itself in the CRM: Salesforce records it as the `changeOrigin`
 * of our writes (`Sforce-Call-Options: client=corebridge`), and the CRM's webhooks carry it back.
 */
export const INTEGRATION_CLIENT = 'corebridge';

/** Whether a change's origin names this integration (one signal of an echo; the other is content). */
export function isOurOrigin(origin: { readonly client: string | null } | null | undefined): boolean {
  return origin?.client === INTEGRATION_CLIENT;
}
