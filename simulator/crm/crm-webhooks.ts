import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import type { OutgoingMessage } from '../../infra/event-bus.ts';
import { type MessageFaultStage, startHeldMessagePump } from '../faults/index.ts';
import type { WebhookSender } from '../webhooks/webhook-sender.ts';
import type { CrmStore } from './crm-store.ts';

type Envelope = OutgoingMessage & { value: string };

/** The JSON body of every CRM webhook: the change and the record's state after it. */
export interface CrmWebhookBody {
  readonly deliveryId: string;
  readonly change: Parameters<Parameters<CrmStore['onChange']>[0]>[0];
  readonly record: CrmRecord | null;
}

/**
 * Sends every CRM change as a signed webhook. Each delivery passes the `crm.webhooks` fault stage
 * first, so a rule can deliver it twice (same delivery id: a retry the receiver must deduplicate),
 * hold it back so later ones overtake it, delay or corrupt it. The sender itself retries failures.
 */
export function startCrmWebhooks(
  store: CrmStore,
  sender: WebhookSender,
  stage: MessageFaultStage<Envelope>,
): { stop(): Promise<void> } {
  const send = (messages: Envelope[]) => {
    for (const message of messages) {
      const { deliveryId, change } = JSON.parse(message.value) as CrmWebhookBody;
      sender.send(`crm.${change.entity}.${change.operation}`, message.value, 'application/json', deliveryId);
    }
  };
  const pump = startHeldMessagePump(stage, async (_topic, messages) => send(messages));
  let delivery = 0;
  const unsubscribe = store.onChange((change, record) => {
    const deliveryId = `${change.entity}-${change.id}-${change.sequence}-${++delivery}`;
    const body: CrmWebhookBody = { deliveryId, change, record };
    send(stage.process('crm.webhooks', [{ key: change.id, value: JSON.stringify(body) }]).publish);
  });
  return {
    async stop() {
      unsubscribe();
      await pump.stop();
      sender.stop();
    },
  };
}
