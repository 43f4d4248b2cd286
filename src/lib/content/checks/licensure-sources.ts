/**
 * Licensure rules cite the boards, not vendors: every `source` in content/licensure/<state>.yaml
 * must be on one of the official domains the file lists for its state (its boards, legislature and
 * official administrative-code publisher) or a subdomain of one. Which domains are official is a
 * reviewer's call when the list changes; this check makes sure no rule slips past the list.
 */
import { onOfficialDomain, sourcesOf } from '~/lib/shared/schemas/licensure';
import type { ContentTree } from '../reader';

export function checkLicensureSources(tree: ContentTree): string[] {
  return tree.licensure.flatMap(({ file, data }) =>
    sourcesOf(data)
      .filter((s) => !onOfficialDomain(s.url, data.officialDomains))
      .map((s) => `${file}: ${s.where}: ${s.url} is not on an official ${data.name} domain (officialDomains: ${data.officialDomains.join(', ')}); cite the board's own page or the state's text of the rule`),
  );
}
