import { BitrixError } from './bitrix-error.ts';

export interface BitrixEventHandler {
  /** The portal's id for the binding: `event_handler_id` in every delivery. */
  readonly id: number;
  /** Upper case, as the portal stores it: `ONCRMCONTACTUPDATE`. */
  readonly event: string;
  readonly handler: string;
  readonly authType: string;
}

/**
 * The portal's event bindings: what `event.bind` registers and outgoing events are delivered to.
 * Shared by the REST routes (which bind) and `bitrixEvents` (which delivers); an outgoing webhook
 * configured in the portal's UI is a binding made with `bind()` directly.
 */
export class BitrixEventHandlers {
  private readonly bindings: BitrixEventHandler[] = [];
  private nextId = 1;

  bind(event: string, handler: string, authType = '0'): BitrixEventHandler {
    const name = event.toUpperCase();
    if (this.bindings.some((b) => b.event === name && b.handler === handler && b.authType === authType)) {
      throw new BitrixError('ERROR_HANDLER_ALREADY_EXIST', 'Handler already exists!');
    }
    const binding = { id: this.nextId++, event: name, handler, authType };
    this.bindings.push(binding);
    return binding;
  }

  /** Removes bindings of an event, narrowed by handler and auth type when given; answers how many. */
  unbind(event: string, handler?: string, authType?: string): number {
    const name = event.toUpperCase();
    let count = 0;
    for (let index = this.bindings.length - 1; index >= 0; index--) {
      const binding = this.bindings[index] as BitrixEventHandler;
      if (binding.event !== name) continue;
      if (handler !== undefined && binding.handler !== handler) continue;
      if (authType !== undefined && binding.authType !== authType) continue;
      this.bindings.splice(index, 1);
      count++;
    }
    return count;
  }

  list(): readonly BitrixEventHandler[] {
    return [...this.bindings];
  }

  handlersOf(event: string): readonly BitrixEventHandler[] {
    const name = event.toUpperCase();
    return this.bindings.filter((binding) => binding.event === name);
  }
}
