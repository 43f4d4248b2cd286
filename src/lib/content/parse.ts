/** Reading authored YAML files and reporting schema problems as "file: field: message". */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

function fieldPath(path: (string | number)[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : '(file)';
}

/** Parses one file with a schema, pushing "file: field: message" for each problem. */
export function parseWith<S extends z.ZodTypeAny>(schema: S, raw: unknown, file: string, errors: string[]): z.infer<S> | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) errors.push(`${file}: ${fieldPath(issue.path)}: ${issue.message}`);
  return undefined;
}

export function yamlFiles(dir: string): Array<{ id: string; path: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ id: f.replace(/\.yaml$/, ''), path: join(dir, f) }));
}

export function readYamlFile(path: string, file: string, errors: string[]): unknown {
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    errors.push(`${file}: (file): not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

