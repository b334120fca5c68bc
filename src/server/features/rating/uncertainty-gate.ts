/** The run holding the gate: how far it has got, to tell others when to come back. */
export interface UncertaintySlot {
  progress(done: number): void;
  release(): void;
}

/**
 * One Monte Carlo run at a time per server: a run already takes every worker it is allowed,
 * so a second one would only slow both and double the memory. A request that finds the gate
 * taken is refused at once with an estimate of when the running one ends (for Retry-After),
 * rather than queued behind it.
 *
 * @example const slot = gate.enter(1000); if (!slot) reply 429 after gate.retryAfterSeconds()
 */
export class UncertaintyGate {
  private running: { started: number; done: number; total: number } | null = null;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes the only slot for a run of `total` draws, or null when a run is in progress. */
  enter(total: number): UncertaintySlot | null {
    if (this.running) return null;
    const run = { started: this.now(), done: 0, total };
    this.running = run;
    return {
      progress: (done) => {
        run.done = done;
      },
      release: () => {
        if (this.running === run) this.running = null;
      },
    };
  }

  /** Seconds until the running run should end, extrapolated from its pace; at least 1. */
  retryAfterSeconds(): number {
    const run = this.running;
    if (!run || run.done === 0) return 5;
    const elapsed = (this.now() - run.started) / 1000;
    const remaining = (elapsed / run.done) * (run.total - run.done);
    return Math.max(1, Math.ceil(remaining));
  }
}
