/** content/provider.yaml: who issues the certificates, and the sender every email names. */
import { getEntry } from 'astro:content';
import { PLACEHOLDER, type Provider } from '~/lib/shared/schemas/provider';
import type { Sender } from '~/lib/server/mail/messages';
import { brandPalette } from '~/lib/domain/contrast';

export async function provider(): Promise<Provider> {
  const entry = await getEntry('provider', 'provider');
  if (!entry) throw new Error('content/provider.yaml is missing');
  return entry.data as Provider;
}

/** The sender named in every email: the provider's name and contact, colour and signatory. */
export async function mailSender(): Promise<Sender> {
  return senderOf(await provider());
}

export function senderOf(p: Provider): Sender {
  return {
    name: p.name,
    contact: p.contact,
    ...(p.primaryColor ? { color: brandPalette(p.primaryColor).accent } : {}),
    // Emails are real mail: no sign-off while the signatory is still a placeholder.
    ...(p.signatory && !PLACEHOLDER.test(p.signatory.name) && !PLACEHOLDER.test(p.signatory.title) ? { signatory: { name: p.signatory.name, title: p.signatory.title } } : {}),
  };
}
