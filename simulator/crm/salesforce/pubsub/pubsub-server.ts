import { fileURLToPath } from 'node:url';
import { loadPackageDefinition, Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { PubSubBackend } from './pubsub-backend.ts';
import { pubSubService } from './pubsub-service.ts';

const PROTO = fileURLToPath(new URL('../../../../contracts/salesforce/pubsub_api.proto', import.meta.url));

/** Salesforce sends an idle subscriber an empty FetchResponse within 270 seconds. */
export const DEFAULT_KEEPALIVE_MS = 270_000;

export interface PubSubServerOptions {
  /** Which org state answers: asked on every call, so the server outlives simulator resets. */
  readonly backend: () => PubSubBackend | undefined;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /**
   * Key and certificate (PEM) to serve TLS, as Salesforce does on api.pubsub.salesforce.com:7443.
   * Default: none, plaintext HTTP/2 — fine for clients that take insecure credentials; the
   * published Node client always speaks TLS, so give it a self-signed pair and
   * `rejectUnauthorizedSsl: false`.
   */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** Default 270 s; a test lowers it to see keepalives without waiting. */
  readonly keepaliveMs?: number;
}

export interface RunningPubSubServer {
  /** `host:port`, what a client takes as its Pub/Sub endpoint. */
  readonly address: string;
  stop(): Promise<void>;
}

/** The Salesforce Pub/Sub API (`eventbus.v1.PubSub`, gRPC) of the simulated org. */
export async function startPubSubServer(options: PubSubServerOptions): Promise<RunningPubSubServer> {
  const definition = loadPackageDefinition(loadSync(PROTO, { defaults: true })) as unknown as {
    eventbus: { v1: { PubSub: { service: ServiceDefinition } } };
  };
  const server = new Server();
  server.addService(
    definition.eventbus.v1.PubSub.service,
    pubSubService(options.backend, { keepaliveMs: options.keepaliveMs ?? DEFAULT_KEEPALIVE_MS }),
  );
  const credentials = options.tls
    ? ServerCredentials.createSsl(
        null,
        [{ private_key: Buffer.from(options.tls.key), cert_chain: Buffer.from(options.tls.cert) }],
        false,
      )
    : ServerCredentials.createInsecure();
  const host = options.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${options.port ?? 0}`, credentials, (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `${host}:${port}`,
    // Subscribe streams never end by themselves: cancel them rather than wait.
    stop: async () => server.forceShutdown(),
  };
}
