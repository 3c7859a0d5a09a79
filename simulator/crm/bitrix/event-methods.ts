import { BitrixError } from './bitrix-error.ts';
import { type BitrixMethod, paramOf } from './bitrix-method.ts';
import type { BitrixEventHandlers } from './event-handlers.ts';
import { KNOWN_EVENTS } from './event-names.ts';

function text(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/**
 * `event.bind`, `event.get`, `event.unbind`: register the URLs outgoing events are POSTed to.
 * Only online events exist here; `event_type=offline` is refused.
 */
export function eventMethods(handlers: BitrixEventHandlers): Array<[string, BitrixMethod]> {
  return [
    [
      'event.bind',
      (params) => {
        const event = text(paramOf(params, 'event'))?.toUpperCase();
        const handler = text(paramOf(params, 'handler'));
        if (!event || !KNOWN_EVENTS.has(event))
          throw new BitrixError('ERROR_EVENT_NOT_FOUND', 'Event not found');
        if (!handler || !/^https?:\/\/[^\s]+$/.test(handler)) {
          throw new BitrixError(
            '',
            'Handler URL is invalid: give an absolute http(s) URL the portal can POST to.',
          );
        }
        if (text(paramOf(params, 'event_type')) === 'offline') {
          throw new BitrixError('', 'Offline events are not simulated: bind an online handler.');
        }
        handlers.bind(event, handler, text(paramOf(params, 'auth_type')) ?? '0');
        return { result: true };
      },
    ],
    [
      'event.get',
      () => ({
        result: handlers.list().map((binding) => ({
          event: binding.event,
          handler: binding.handler,
          auth_type: binding.authType,
          offline: 0,
        })),
      }),
    ],
    [
      'event.unbind',
      (params) => {
        const event = text(paramOf(params, 'event'));
        if (!event) throw new BitrixError('', 'Event name is not defined.');
        const count = handlers.unbind(
          event,
          text(paramOf(params, 'handler')),
          text(paramOf(params, 'auth_type')),
        );
        return { result: { count } };
      },
    ],
  ];
}
