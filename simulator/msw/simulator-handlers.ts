import { bypass, HttpResponse, http, type RequestHandler } from 'msw';
import { type Simulator, type SimulatorOptions, startSimulator } from '../start-simulator.ts';

/** The base URL client code under test points at. */
export const IN_PROCESS_SIMULATOR_URL = 'http://simulator.corebridge.test';

export interface InProcessSimulator {
  readonly handlers: RequestHandler[];
  readonly simulator: Simulator;
  stop(): Promise<void>;
}

/**
 * The simulator as msw handlers, for unit tests of client code: `setupServer(...sim.handlers)`,
 * and the client's requests to `baseUrl` are answered by a simulator running in the same process
 * (on a private loopback port, so its socket-level faults — refused, reset, garbage — behave as on
 * the wire and reach the client as network errors).
 */
export async function inProcessSimulator(
  options: SimulatorOptions,
  baseUrl = IN_PROCESS_SIMULATOR_URL,
): Promise<InProcessSimulator> {
  const simulator = await startSimulator(options);
  const handler = http.all(`${baseUrl}/*`, async ({ request }) => {
    const url = new URL(request.url);
    // bypass() keeps msw from intercepting our own forwarding request.
    const forwarded = new Request(`${simulator.url}${url.pathname}${url.search}`, request);
    try {
      return await fetch(bypass(forwarded));
    } catch {
      return HttpResponse.error();
    }
  });
  return { handlers: [handler], simulator, stop: () => simulator.stop() };
}
