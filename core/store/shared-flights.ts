// Work several callers want at once, done once: the first caller starts it, later ones join it, and each
// may give up on its own (its signal rejects only its wait). The work is aborted only when nobody waits
// for it any more. The file cache uses it so concurrent misses of one file share one download.
import { CancelledError } from '../worksection/errors.js';

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

export class SharedFlights<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /** Joins the work for `key`, starting it with `start` when none is under way. */
  join(
    key: string,
    start: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): { started: boolean; result: Promise<T> } {
    let flight = this.flights.get(key);
    // Everyone left it (it is being aborted): a newcomer starts afresh rather than inherit the abort.
    if (flight?.controller.signal.aborted) flight = undefined;
    const started = flight === undefined;
    if (!flight) {
      const controller = new AbortController();
      const created: Flight<T> = {
        controller,
        waiters: 0,
        promise: start(controller.signal).finally(() => {
          if (this.flights.get(key) === created) this.flights.delete(key);
        }),
      };
      this.flights.set(key, created);
      flight = created;
    }
    return { started, result: wait(flight, signal) };
  }
}

function wait<T>(flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
  flight.waiters++;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      if (--flight.waiters === 0) flight.controller.abort(signal?.reason);
      reject(new CancelledError('download', true, { cause: signal?.reason }));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const leave = () => signal?.removeEventListener('abort', onAbort);
    flight.promise.then(
      (value) => {
        leave();
        resolve(value);
      },
      (err: unknown) => {
        leave();
        reject(err);
      },
    );
  });
}
