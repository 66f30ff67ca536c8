export type Log = (line: string) => void;

/**
 * Everything started so far, stopped and dropped in reverse on any exit (including Ctrl-C). One
 * release for both paths: after Ctrl-C the load generator fails too, and its error path must wait
 * for the same cleanup instead of exiting halfway through it.
 */
export class Resources {
  private readonly undo: (() => Promise<void>)[] = [];
  private releasing?: Promise<void>;
  add(step: () => Promise<void>): void {
    this.undo.push(step);
  }
  release(log: Log): Promise<void> {
    this.releasing ??= (async () => {
      for (const step of this.undo.splice(0).reverse()) {
        await step().catch((err: unknown) => log(`cleanup: ${err instanceof Error ? err.message : String(err)}`));
      }
    })();
    return this.releasing;
  }
}

/** Ctrl-C or SIGTERM releases everything, then exits 130. Returns the unhook for a run that ended on its own. */
export function releaseOnSignal(res: Resources, log: Log, what: string): () => void {
  const onSignal = () => {
    log(`interrupted: ${what}...`);
    void res.release(log).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
