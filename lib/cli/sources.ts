import { stat } from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import type { FlowObjectSource } from '../app/ports';
import { flowFileSize, listFlowFiles, openFile } from '../adapters/flowsource/file-source';
import { listObjects, openObject } from '../adapters/flowsource/s3-source';
import { isFlowLogKey } from '../core/flowlog/keys';
import { UsageError } from './errors';
import { optional, processEnv } from '../config/env';

/** Turns the CLI's `<source>` argument (file, directory or s3://bucket/prefix) into a source. */
export async function openSource(spec: string): Promise<FlowObjectSource> {
  if (spec.startsWith('s3://')) return s3Source(spec);
  try {
    await stat(spec);
  } catch {
    throw new UsageError(`cannot read source ${spec}: no such file or directory`);
  }
  const files = await listFlowFiles(spec);
  return {
    description: spec,
    async *list() {
      for (const key of files) yield { key, size: await flowFileSize(key) };
    },
    open: async (ref) => openFile(ref.key),
  };
}

function s3Source(spec: string): FlowObjectSource {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(spec);
  if (!m) throw new UsageError(`invalid S3 source ${spec}: expected s3://bucket/prefix`);
  const bucket = m[1]!;
  const prefix = (m[2] ?? '').replace(/\/+$/, '');
  // Endpoint, region and credentials come from the standard AWS environment and config files.
  const client = new S3Client({ forcePathStyle: optional(processEnv(), 'AWS_S3_FORCE_PATH_STYLE') === 'true' });
  return {
    description: spec,
    async *list() {
      for await (const obj of listObjects(client, bucket, prefix ? `${prefix}/flows` : 'flows')) {
        if (isFlowLogKey(prefix, obj.key)) yield { key: obj.key, size: obj.size };
      }
    },
    open: (ref) => openObject(client, bucket, ref.key),
  };
}
