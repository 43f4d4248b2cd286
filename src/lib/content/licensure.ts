import { getCollection } from 'astro:content';
import type { Licensure } from '../shared/schemas/licensure';

/** The states whose CE rules the tracker knows, by name. */
export async function listLicensure(): Promise<Licensure[]> {
  return (await getCollection('licensure')).map((e) => e.data as Licensure).sort((a, b) => a.name.localeCompare(b.name));
}
