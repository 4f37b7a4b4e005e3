/** INC-1: the kinds of incident, and what an outage is classified as (INC-3). */

/** INC-1 types, as the `/incident` words name them. */
export const INCIDENT_TYPES = ['fire', 'illness', 'terminal-outage', 'power-outage', 'network-outage', 'press', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** The outage types: a work-terminal (outbound or complaint system), power or network outage. */
export const OUTAGE_TYPES: readonly IncidentType[] = ['terminal-outage', 'power-outage', 'network-outage'];

/** INC-3: an outage is judged to be of the provincial system or of the local terminal. */
export const OUTAGE_CLASSIFICATIONS = ['provincial-system', 'local-terminal'] as const;
export type OutageClassification = (typeof OUTAGE_CLASSIFICATIONS)[number];

export const INCIDENT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** What someone may do to an incident (INC-3, and the attendance links of issue 7). */
export type IncidentAction = 'acknowledge' | 'classify' | 'note' | 'resolve' | 'sick-leave' | 'excuse' | 'safe';

export function isIncidentType(value: unknown): value is IncidentType {
  return typeof value === 'string' && (INCIDENT_TYPES as readonly string[]).includes(value);
}

export function isOutage(type: IncidentType): boolean {
  return OUTAGE_TYPES.includes(type);
}

export function isOutageClassification(value: unknown): value is OutageClassification {
  return typeof value === 'string' && (OUTAGE_CLASSIFICATIONS as readonly string[]).includes(value);
}
