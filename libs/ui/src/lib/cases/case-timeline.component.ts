import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CaseDetailDto } from '@copilot/client';
import { TimelineComponent, TimelineLine } from '../timeline/timeline.component';
import { CASE_EVENT_ICONS, describeCaseEvent } from './case-model';

/** The parts of a case detail its timeline reads. */
export type CaseHistory = Pick<CaseDetailDto, 'timeline' | 'tasks' | 'comments' | 'alerts'>;

/**
 * A case's history, oldest first: who changed what, and when. Assignee changes are stored as user ids:
 * `names` maps them (the portal, which may not list users, passes none and a generic `unknownUser`).
 */
@Component({
  selector: 'ui-case-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TimelineComponent],
  template: `<ui-timeline [lines]="lines()" label="Case timeline" />`,
})
export class CaseTimelineComponent {
  readonly case = input.required<CaseHistory>();
  readonly names = input<ReadonlyMap<number, string>>(new Map());
  readonly unknownUser = input<(id: number) => string>((id) => `user #${id}`);

  protected readonly lines = computed<TimelineLine[]>(() => {
    const kase = this.case();
    const names = this.names();
    const unknown = this.unknownUser();
    const tasks = new Map(kase.tasks.map((t) => [t.id, t.title]));
    const comments = new Map(kase.comments.map((c) => [c.id, c.body]));
    const alerts = new Map(kase.alerts.map((a) => [a.id, a.title]));
    const ctx = {
      userName: (id: number) => names.get(id) ?? unknown(id),
      taskTitle: (id: number) => tasks.get(id) ?? null,
      commentBody: (id: number) => comments.get(id) ?? null,
      alertTitle: (id: number) => alerts.get(id) ?? null,
    };
    return kase.timeline.map((event) => ({
      id: event.id,
      kind: event.kind,
      icon: CASE_EVENT_ICONS[event.kind] ?? 'history',
      actor: event.actorUsername ?? 'System',
      text: describeCaseEvent(event, ctx),
      at: event.at,
    }));
  });
}
