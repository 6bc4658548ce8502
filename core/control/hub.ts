// Fans live values out to every open event stream: one subscription to each service however many tabs
// listen, and the live figures computed once a second for all of them (only sent when they changed).
import type { EventName, EventPayloads } from '../../shared/api/events.js';
import type { ControlServices, Unsubscribe } from './services.js';

export type HubListener = <K extends EventName>(name: K, data: EventPayloads[K]) => void;

export interface Hub {
  subscribe(listener: HubListener): Unsubscribe;
  /** For changes the services do not announce themselves (the token list). */
  emit<K extends EventName>(name: K, data: EventPayloads[K]): void;
  close(): void;
}

export function createHub(services: ControlServices, statsEveryMs = 1_000): Hub {
  const listeners = new Set<HubListener>();
  let detach: Unsubscribe[] = [];
  let lastStats = '';

  const emit: Hub['emit'] = (name, data) => {
    for (const listener of [...listeners]) listener(name, data);
  };

  const attach = (): void => {
    const timer = setInterval(() => {
      const stats = services.stats.live();
      const text = JSON.stringify(stats);
      if (text === lastStats) return;
      lastStats = text;
      emit('stats', stats);
    }, statsEveryMs);
    timer.unref();
    detach = [
      services.calls.subscribe((row) => emit('call', row)),
      services.server.subscribe((state) => emit('server', state)),
      services.account.subscribe((view) => emit('account', view)),
      services.tools.subscribe((view) => emit('tools', view)),
      () => clearInterval(timer),
    ];
  };

  return {
    subscribe(listener) {
      if (listeners.size === 0) attach();
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        for (const off of detach.splice(0)) off();
        lastStats = '';
      };
    },
    emit,
    close() {
      listeners.clear();
      for (const off of detach.splice(0)) off();
    },
  };
}
