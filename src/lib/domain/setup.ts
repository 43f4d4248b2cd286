/**
 * What is still missing before the platform can issue real CE credit: the provider's details and
 * each published credit course's authorship. Every item names the file and the field to fix; the
 * admin set-up page, the admin banner and `npm start` all read this one list.
 */
import { providerSetupMissing, type Provider, type SetupItem } from '../shared/schemas/provider';
import { courseCredit, type CourseCreditFields } from './course-credit';

export type { SetupItem };

export function setupChecklist(provider: Provider, courses: Array<{ id: string; published: boolean; fields: CourseCreditFields }>): SetupItem[] {
  const items = providerSetupMissing(provider);
  for (const c of courses) {
    if (!c.published) continue;
    const credit = courseCredit(c.fields);
    const file = `content/courses/${c.id}/course.yaml`;
    if (credit.kind === 'pending') {
      for (const field of credit.pending) items.push({ file, field, message: `${field} still holds a placeholder: until it is filled in, this course issues sample certificates` });
    } else if (credit.kind === 'missing') {
      for (const m of credit.missing) items.push({ file, field: m.match(/\((\w+) in course\.yaml\)/)?.[1] ?? 'authors', message: `${m}: this course carries no CE credit until it is added` });
    }
  }
  return items;
}
