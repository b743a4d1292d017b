/**
 * Work done a step at a time: a generator that pauses (`yield`) between steps and returns its
 * result. The language server serves other requests between the steps of a large document; the
 * CLI and small documents run them all at once.
 */
export type Steps<T> = Generator<void, T, undefined>;

/** Runs every step now and answers the result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps with `pause` between them; undefined when a pause says the result is no longer wanted. */
export async function runInSteps<T>(steps: Steps<T>, pause: () => Promise<boolean>): Promise<T | undefined> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (!(await pause())) return undefined;
  }
}
