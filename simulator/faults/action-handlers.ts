import type { ActionEffectType, EffectOf } from './fault-effect-schema.ts';
import type { ActiveFaultRule } from './rule-runtime.ts';
import type { Random } from './seeded-random.ts';

export interface ActionContext<T extends ActionEffectType> {
  readonly rule: ActiveFaultRule;
  readonly target: string;
  readonly effect: EffectOf<T>;
  /** Clock time of the activation (the window start). */
  readonly at: number;
  /** Seeded from the rule's activation: use it for every choice, so the action replays. */
  readonly random: Random;
}

/** What a handler did, for the journal (`{ edited: ['org-17'] }`); nothing is fine too. */
export type ActionOutcome = Readonly<Record<string, unknown>> | undefined;

/**
 * Done by the system that owns the target. A handler sees every action of its type and ignores
 * targets that are not its own.
 */
export type ActionHandler<T extends ActionEffectType> = (
  context: ActionContext<T>,
) => ActionOutcome | Promise<ActionOutcome>;

export interface ActionResult {
  readonly handlers: number;
  readonly outcomes: readonly ActionOutcome[];
  /** Messages of handlers that threw or rejected; the action is journaled either way. */
  readonly errors: readonly string[];
}

/** The handlers systems registered per action type. */
export class ActionHandlers {
  private readonly byType = new Map<ActionEffectType, Set<ActionHandler<ActionEffectType>>>();

  on<T extends ActionEffectType>(type: T, handler: ActionHandler<T>): () => void {
    const set = this.byType.get(type) ?? new Set();
    this.byType.set(type, set);
    const stored = handler as unknown as ActionHandler<ActionEffectType>;
    set.add(stored);
    return () => set.delete(stored);
  }

  /** Runs the handlers; synchronous handlers settle synchronously, so the journal order is the rule order. */
  fire<T extends ActionEffectType>(context: ActionContext<T>, done: (result: ActionResult) => void): void {
    const handlers = [...(this.byType.get((context.effect as { type: ActionEffectType }).type) ?? [])];
    const settled = handlers.map((handler) => {
      try {
        return handler(context as unknown as ActionContext<ActionEffectType>) ?? undefined;
      } catch (error) {
        return Promise.reject(error);
      }
    });
    if (!settled.some((value) => value instanceof Promise)) {
      done({ handlers: handlers.length, outcomes: settled as ActionOutcome[], errors: [] });
      return;
    }
    void Promise.allSettled(settled).then((results) =>
      done({
        handlers: handlers.length,
        outcomes: results.map((r) => (r.status === 'fulfilled' ? (r.value ?? undefined) : undefined)),
        errors: results.flatMap((r) => (r.status === 'rejected' ? [messageOf(r.reason)] : [])),
      }),
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
