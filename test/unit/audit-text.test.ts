import { describe, expect, it } from 'vitest';
import { auditSentence } from '~/lib/domain/audit-text';

const ana = { kind: 'user', label: 'Ana Lopez (ana@x.test)' };

describe('audit entries as sentences', () => {
  it('gives membership dates as days', () => {
    // 2027-12-31T23:59:59.999Z and 2026-06-30T23:59:59.999Z
    expect(auditSentence('user.membership.set', { from: Date.UTC(2026, 5, 30, 23, 59, 59, 999), to: Date.UTC(2027, 11, 31, 23, 59, 59, 999) }, ana)).toBe(
      'Set the membership of Ana Lopez (ana@x.test) until 2027-12-31 (was until 2026-06-30).',
    );
    expect(auditSentence('user.membership.set', { from: null, to: Date.UTC(2027, 11, 31, 23, 59, 59, 999) }, ana)).toBe('Set the membership of Ana Lopez (ana@x.test) until 2027-12-31 (was not a member).');
  });

  it('lists profile changes with before and after', () => {
    expect(auditSentence('user.profile', { changes: [{ field: 'fullName', from: 'Ana Lopes', to: 'Ana Lopez' }, { field: 'licenceNumber', from: null, to: 'RDH 1' }] }, ana)).toBe(
      'Changed the profile of Ana Lopez (ana@x.test): name from “Ana Lopes” to “Ana Lopez”; license number from “—” to “RDH 1”.',
    );
  });

  it('names certificate holders, reasons and reissue changes', () => {
    expect(auditSentence('certificate.reissue', { from: 'AAA', to: 'BBB', reason: 'Name corrected', changes: [{ field: 'Name', before: 'Ana Lopes', after: 'Ana Lopez' }] }, { kind: 'certificate', label: 'Ana Lopez (ana@x.test)' })).toBe(
      'Reissued certificate AAA of Ana Lopez (ana@x.test) as BBB, because “Name corrected”: name from “Ana Lopes” to “Ana Lopez”.',
    );
  });

  it('keeps unknown actions readable with their details', () => {
    expect(auditSentence('thing.new', { a: 1 }, null)).toBe('thing.new (a: 1).');
  });
});

describe('tracker audit entries', () => {
  it('names the outside record changed and the CE Broker roster downloaded', () => {
    expect(auditSentence('external-ce.update', { before: { title: 'Infection control', format: 'live' } }, ana)).toBe('Changed the outside CE record “Infection control”.');
    expect(auditSentence('ce-broker.export', { course: 'customer-service', from: '2026-01-01', to: '2026-01-31', rows: 3, missing: 1 }, null)).toBe(
      'Downloaded the CE Broker roster of customer-service for 2026-01-01 to 2026-01-31: 3 ready, 1 missing a license number.',
    );
  });
});
