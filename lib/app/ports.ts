/** Ports owned by the application: small, no vendor types. Adapters implement them. */

export interface FlowObjectRef {
  /** S3 key or file path; unique within the source. */
  readonly key: string;
  readonly size?: number;
}

/** Where archived flow-log objects come from (a folder, a file, an S3 prefix). */
export interface FlowObjectSource {
  /** A human-readable location for messages, never containing credentials. */
  readonly description: string;
  list(): AsyncIterable<FlowObjectRef>;
  open(ref: FlowObjectRef): Promise<AsyncIterable<Uint8Array>>;
}
