/**
 * Fields whose value the reader may drop instead of rejecting the record (docs/flow-logs-validity.md).
 * Whether such a field matters depends on how the record is classified (the service name of a pod
 * destination, the domains of a private one, a port on ICMP): the reader keeps the record, sets
 * the field to null (or no domains) and marks it in `FlowRecord.dropped`; classification rejects
 * the record only if it needs a marked field, and counts the other marks as dropped values.
 */
export const DROPPED = {
  source_namespace: 1,
  source_name_aggr: 2,
  dest_namespace: 4,
  dest_name_aggr: 8,
  dest_service_name: 16,
  dest_service_namespace: 32,
  dest_domains: 64,
  dest_port: 128,
} as const;

/** JSON field names, as they appear in the run statistics. */
export type DroppableField = keyof typeof DROPPED;

export const DROPPABLE_FIELDS = Object.keys(DROPPED) as readonly DroppableField[];
