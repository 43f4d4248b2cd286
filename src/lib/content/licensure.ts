import { getCollection } from 'astro:content';
import { providerApprovals, type Licensure, type ProviderApproval } from '~/lib/shared/schemas/licensure';
import { provider } from './provider';

/** The states whose CE rules the tracker knows, by name. */
export async function listLicensure(): Promise<Licensure[]> {
  return (await getCollection('licensure')).map((e) => e.data as Licensure).sort((a, b) => a.name.localeCompare(b.name));
}

/** The approvals this platform's provider holds now (content/provider.yaml), for "what counts for me". */
export async function platformApprovals(): Promise<ProviderApproval[]> {
  return providerApprovals(await provider());
}
