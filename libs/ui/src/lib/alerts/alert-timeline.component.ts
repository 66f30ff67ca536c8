import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AlertCommentDto, AlertEventDto } from '@copilot/client';
import { TimelineComponent, TimelineLine } from '../timeline/timeline.component';
import { ALERT_EVENT_ICONS, describeAlertEvent } from './alert-timeline';

/**
 * The alert's history, oldest first: who changed what, and when. Assignee changes are stored as user ids:
 * `names` maps them (the portal, which may not list users, passes none and shows a generic name).
 */
@Component({
  selector: 'ui-alert-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TimelineComponent],
  template: `<ui-timeline [lines]="lines()" />`,
})
export class AlertTimelineComponent {
  readonly events = input.required<readonly AlertEventDto[]>();
  readonly comments = input<readonly AlertCommentDto[]>([]);
  /** Display names of user ids (assignee changes are recorded as ids). */
  readonly names = input<ReadonlyMap<number, string>>(new Map());
  /** How to name a user id missing from `names`. */
  readonly unknownUser = input<(id: number) => string>((id) => `user #${id}`);

  protected readonly lines = computed<TimelineLine[]>(() => {
    const names = this.names();
    const ctx = { comments: this.comments(), userName: (id: number) => names.get(id) ?? this.unknownUser()(id) };
    return this.events().map((event) => ({
      id: event.id,
      kind: event.kind,
      icon: ALERT_EVENT_ICONS[event.kind] ?? 'history',
      actor: event.actorUsername ?? 'System',
      text: describeAlertEvent(event, ctx),
      at: event.at,
    }));
  });
}
