import type { FaultEnvelope, MessageFaultStage } from './message-faults.ts';

export interface HeldMessagePump {
  /** Resolves when the publish in progress (if any) is done; held messages stay held. */
  stop(): Promise<void>;
}

/**
 * Publishes what a stage held back (delayed, reordered) once its clock time comes, for feeds that
 * have no loop of their own to call `takeDue()` from. Consecutive messages of one topic go out as
 * one publish; a failed publish puts nothing back but reports the error, as a real producer
 * would lose a delayed message whose send failed (the journal already holds the fault).
 */
export function startHeldMessagePump<M extends FaultEnvelope>(
  stage: MessageFaultStage<M>,
  publish: (topic: string, messages: M[]) => Promise<void>,
  options: { pollMs?: number; onError?: (error: unknown) => void } = {},
): HeldMessagePump {
  let busy: Promise<void> = Promise.resolve();
  const pump = () => {
    busy = busy.then(async () => {
      const due = stage.takeDue();
      for (let i = 0; i < due.length; ) {
        const topic = due[i]?.topic as string;
        const run: M[] = [];
        for (; i < due.length && due[i]?.topic === topic; i++) run.push((due[i] as { message: M }).message);
        await publish(topic, run).catch((error: unknown) => options.onError?.(error));
      }
    });
  };
  const timer = setInterval(pump, options.pollMs ?? 20);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await busy;
    },
  };
}
