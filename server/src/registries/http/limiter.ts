/**
 * At most N tasks at once (the `maxConcurrentRequests` setting), first come first served. A task
 * whose signal aborts while it waits leaves the queue at once.
 */
import { RegistryError } from '../errors';

interface Waiter {
  start: () => void;
  cancel: () => void;
  signal?: AbortSignal;
}

export class Limiter {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(private max: number) {}

  setMax(max: number): void {
    this.max = Math.max(1, Math.floor(max));
    this.drain();
  }

  get active(): number {
    return this.running;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.running--;
      this.drain();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new RegistryError('cancelled', 'cancelled'));
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        signal,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        cancel: () => reject(new RegistryError('cancelled', 'cancelled')),
      };
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i !== -1) this.queue.splice(i, 1);
        waiter.cancel();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private drain(): void {
    while (this.running < this.max && this.queue.length > 0) {
      const next = this.queue.shift() as Waiter;
      this.running++;
      next.start();
    }
  }
}
