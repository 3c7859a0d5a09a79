import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageFromProviderWithMetadata } from '@pact-foundation/pact';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A webhook endpoint for provider verifications: takes every delivery (answering 204) so a
 * message provider can hand Pact the body and headers exactly as the simulator sent them.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    url: `http://127.0.0.1:${port}/webhooks/crm`,
    /** The first delivery `accept` takes after `trigger` ran, as a Pact message with the headers as metadata. */
    async next(
      trigger: () => unknown,
      accept: (webhook: ReceivedWebhook) => boolean,
    ): Promise<MessageFromProviderWithMetadata> {
      const from = received.length;
      await trigger();
      for (let waited = 0; waited < 5_000; waited += 10) {
        const found = received.slice(from).find(accept);
        if (found) {
          const metadata = Object.fromEntries(
            Object.entries(found.headers).filter(
              (entry): entry is [string, string] => typeof entry[1] === 'string',
            ),
          );
          return { __pactMessageMetadata: metadata, message: JSON.parse(found.body) };
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(
        'Failed to receive the webhook: none came within 5 s. Check the trigger and crmWebhook.',
      );
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
