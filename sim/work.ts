/**
 * Work that can pause: a generator that yields between units of work, so a long computation can
 * run to the end at once (tests, small requests) or a slice at a time on the event loop, leaving
 * room for the other calls the sim is serving (as AWS answers calls concurrently).
 *
 * All sliced work shares one scheduler: each turn of the event loop runs at most about SLICE_MS
 * of it, the pieces of work taking turns, and then lets the loop handle I/O and timers. (Each
 * piece scheduling its own setImmediate would not do: all the callbacks queued for a turn run
 * back to back, so twenty pieces of work would hold the loop for twenty slices.)
 */
export type Work<T> = Generator<void, T, void>;

/** Wall time the sliced work may hold the event loop in one turn. */
export const SLICE_MS = 15;

/** Runs work to the end, synchronously. */
export function runNow<T>(work: Work<T>): T {
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
  }
}

interface Task {
  /** Advances the work until `until` (performance.now() time); true once it has settled. */
  step(until: number): boolean;
}

const tasks: Task[] = [];
let scheduled = false;

function turn(): void {
  scheduled = false;
  const until = performance.now() + SLICE_MS;
  // Round robin: a task runs until the turn is over or it ends; the next turn starts with the next task.
  while (tasks.length > 0 && performance.now() < until) {
    const task = tasks.shift();
    if (task && !task.step(until)) tasks.push(task);
  }
  if (tasks.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(turn);
}

/** Runs work in slices on the event loop, taking turns with the other sliced work. */
export function runInSlices<T>(work: Work<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    tasks.push({
      step(until) {
        try {
          for (;;) {
            const r = work.next();
            if (r.done) {
              resolve(r.value);
              return true;
            }
            if (performance.now() >= until) return false;
          }
        } catch (err) {
          reject(err);
          return true;
        }
      },
    });
    schedule();
  });
}
