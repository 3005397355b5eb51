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
 * Work comes in lanes, one per service. Lanes take turns; within a lane, the first
 * PARALLEL_PER_LANE pieces take turns and the rest wait, the smallest first (by the cost its
 * caller estimates), then the oldest. AWS answers a call in about the same time however many
 * others are in flight; this machine cannot, and sharing it among every call in flight (as it
 * first did) made all of a burst of GetMetricData calls finish together, each after the whole
 * burst's work, and every one time out. In this order a small call is not stuck behind a burst of
 * large ones, the first large ones answer in about their own time, and those that wait get the
 * values the earlier ones kept.
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
  cost: number;
}

interface Lane {
  /** Ordered by cost, then arrival; the first PARALLEL_PER_LANE progress. */
  tasks: Task[];
  /** Which of the lane's first PARALLEL_PER_LANE tasks goes next. */
  next: number;
}

const lanes = new Map<string, Lane>();
let laneTurn = 0;

/** Puts a task in its place: after every task that is cheaper, or as cheap and older. */
function enqueue(lane: Lane, task: Task): void {
  const tasks = lane.tasks;
  let i = tasks.length;
  // Tasks already running keep their place, so a stream of small calls cannot stop one midway.
  const running = Math.min(PARALLEL_PER_LANE, tasks.length);
  while (i > running && (tasks[i - 1]?.cost ?? 0) > task.cost) i--;
  tasks.splice(i, 0, task);
}
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

/**
 * Runs work in slices on the event loop, in its lane (see above), taking turns with other work;
 * `cost` is the caller's estimate of its size (any unit shared by its lane).
 */
export function runInSlices<T>(work: Work<T>, lane = "default", cost = 0): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = lanes.get(lane);
    if (!queue) {
      queue = { tasks: [], next: 0 };
      lanes.set(lane, queue);
    }
    enqueue(queue, {
      cost,
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
