/** What a domain implements to schedule work. Registered by name with the JobRegistry. */
export interface JobContext {
  runId: string;
  trigger: 'schedule' | 'manual';
}

export interface ScheduledJob {
  readonly name: string;
  readonly description: string;
  readonly defaultIntervalMinutes: number;
  /** Enabled on first boot; later boots keep whatever the operator chose. */
  readonly defaultEnabled?: boolean;
  /** Does the work; the returned text is kept as the run's summary. */
  run(ctx: JobContext): Promise<string | void>;
}

export const MIN_INTERVAL_MINUTES = 1;
export const MAX_INTERVAL_MINUTES = 10080;
