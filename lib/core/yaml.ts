import { stringify } from 'yaml';

/**
 * The project's YAML writer (manifests for the CLI, the API's `Accept: application/yaml`, the
 * directory target). Long lines are never folded, so selectors stay on one line, and shared
 * objects are written out in full (no anchors or aliases). One library reads and writes YAML:
 * `yaml`, which can also refuse aliases when it parses untrusted input (kubeconfigs).
 */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

export function toYamlStream(values: readonly unknown[]): string {
  return values.map((v) => `---\n${toYaml(v)}`).join('');
}
