import { Injectable } from '@nestjs/common';
import type { ScheduledJob } from './job';

/** Jobs by name. Each domain registers its own in onModuleInit; the scheduler only knows names. */
@Injectable()
export class JobRegistry {
  private readonly jobs = new Map<string, ScheduledJob>();

  register(job: ScheduledJob): void {
    if (!/^[a-z0-9_]{1,64}$/.test(job.name)) throw new Error(`invalid job name "${job.name}"`);
    if (this.jobs.has(job.name)) throw new Error(`job "${job.name}" registered twice`);
    this.jobs.set(job.name, job);
  }

  get(name: string): ScheduledJob | undefined {
    return this.jobs.get(name);
  }

  all(): ScheduledJob[] {
    return [...this.jobs.values()];
  }
}
