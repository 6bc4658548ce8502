// A real clock that also records when the scheduler starts each attempt, so tests can assert the rate
// guarantee on the scheduler's own start times, free of the jitter between a send and the sandbox's stamp.
import { realClock, type Clock } from '../scheduler/clock.js';

export interface RecordingClock extends Clock {
  /** The scheduler's `now` at each attempt start, in order. */
  readonly starts: number[];
}

/**
 * The scheduler reads `now()` and then, synchronously in start(), asks for the attempt's `timeout()`, so
 * the last `now()` before a `timeout()` is that start's time. A token refresh also asks for a timeout:
 * compare `starts.length` with the scheduler's `started` count to be sure only starts were recorded.
 */
export function recordingClock(base: Clock = realClock): RecordingClock {
  const starts: number[] = [];
  let last = 0;
  return {
    starts,
    now: () => (last = base.now()),
    sleep: (ms, signal) => base.sleep(ms, signal),
    timeout: (ms) => {
      starts.push(last);
      return base.timeout(ms);
    },
  };
}
