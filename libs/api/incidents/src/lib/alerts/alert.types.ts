/** Value sets of the alert model, shared by entities, DTOs and the service. */
export const ALERT_STATUSES = ['OPEN', 'IN_PROGRESS', 'CLOSED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const VERDICTS = ['TRUE_POSITIVE', 'FALSE_POSITIVE'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why an alert was a false positive; required for FALSE_POSITIVE so tuning has data to work from. */
export const VERDICT_REASONS = ['EXPECTED_ACTIVITY', 'KNOWN_APPLICATION', 'AUTHORIZED_USER', 'RULE_TOO_SENSITIVE', 'OTHER'] as const;
export type VerdictReason = (typeof VERDICT_REASONS)[number];

/** The list filter's extra verdict value: alerts nobody has judged yet (verdict IS NULL). */
export const UNTRIAGED = 'UNTRIAGED';

export const ALERT_EVENT_KINDS = ['CREATED', 'STATUS', 'ASSIGNEE', 'SEVERITY', 'VERDICT', 'TAGS', 'ESCALATED', 'COMMENT', 'LINKED', 'UNLINKED', 'MERGED'] as const;
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number];

export const MAX_TAGS = 50;
export const TAG_MAX_LENGTH = 64;
export const VERDICT_NOTE_MAX = 1024;
