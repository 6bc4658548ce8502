// Bounding work that may not honour its AbortSignal (a token provider that hangs, a refresh stuck on the
// network): the caller stops waiting when the signal fires, whatever the work does.

/** Settles like `run()`, or rejects with the signal's reason as soon as the signal aborts. */
export function untilAborted<T>(run: () => Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const detach = () => signal.removeEventListener('abort', onAbort);
    try {
      run().then(resolve, reject).finally(detach);
    } catch (e) {
      detach();
      reject(e);
    }
  });
}
