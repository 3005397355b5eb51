/**
 * Work that can pause: a generator that yields between units of work, so a long computation can
 * run to the end at once (tests, small requests) or a slice at a time on the event loop, leaving
 * room for the other calls the sim is serving (as AWS answers calls concurrently).
 *
 * All sliced work shares one scheduler: each turn of the event loop runs at most about SLICE_MS
 * of it, and then lets the loop handle I/O and timers. (Each piece scheduling its own
 * setImmediate would not do: all the callbacks queued for a turn run back to back, so twenty
 * pieces of work would hold the loop for twenty slices.)
 *
 * Work comes in lanes, one per service. Lanes take turns; within a lane, the oldest
 * PARALLEL_PER_LANE pieces take turns and the rest wait in order. AWS answers a call in about the
 * same time however many others are in flight; this machine cannot, and sharing it among every
 * call in flight (as it first did) made all of a burst of GetMetricData calls finish together,
 * each after the whole burst's work, and every one time out. In order, the first calls of a burst
 * answer in about their own time, and those that wait get the cache the earlier ones filled.
 */
export type Work<T> = Generator<void, T, void>;

/** Wall time the sliced work may hold the event loop in one turn. */
export const SLICE_MS = 15;

/** Pieces of work of one lane that progress at once; the others wait their turn. */
export const PARALLEL_PER_LANE = 2;

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

interface Lane {
  /** In arrival order. */
  tasks: Task[];
  /** Which of the lane's first PARALLEL_PER_LANE tasks goes next. */
  next: number;
}

const lanes = new Map<string, Lane>();
let laneTurn = 0;
let scheduled = false;

function turn(): void {
  scheduled = false;
  const until = performance.now() + SLICE_MS;
  // A task runs until the turn is over or it ends; the next turn starts with the next lane.
  while (lanes.size > 0 && performance.now() < until) {
    const names = [...lanes.keys()];
    const name = names[laneTurn++ % names.length] ?? "";
    const lane = lanes.get(name);
    if (!lane) continue;
    const index = lane.next++ % Math.min(PARALLEL_PER_LANE, lane.tasks.length);
    const task = lane.tasks[index];
    if (task && !task.step(until)) continue;
    lane.tasks.splice(index, 1);
    if (lane.tasks.length === 0) lanes.delete(name);
  }
  if (lanes.size > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(turn);
}

/** Runs work in slices on the event loop, in its lane (see above), taking turns with other work. */
export function runInSlices<T>(work: Work<T>, lane = "default"): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = lanes.get(lane);
    if (!queue) {
      queue = { tasks: [], next: 0 };
      lanes.set(lane, queue);
    }
    queue.tasks.push({
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
