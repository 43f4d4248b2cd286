import { describe, expect, it } from 'vitest';
import { brokerRoster, checkLicenceNumber, excelDate, type BrokerCompletion } from '~/lib/domain/ce-broker';

const completion = (id: number, completedOn: string, licenceNumber: string | null): BrokerCompletion => ({ certificateId: id, fullName: `Learner ${id}`, course: 'Front desk', completedOn, licenceNumber });
const options = { providerNumber: '50-12345', courseTracking: '20-678901', courseId: 'customer-service', professionCode: 'DN' };

describe('CE Broker roster', () => {
  it('writes columns A to H of the full-credit Excel layout, oldest completion first', () => {
    const { rows, problems } = brokerRoster([completion(2, '2026-03-14', 'DN 12345'), completion(1, '2026-01-05', 'dn-9876')], options);
    // A provider number without 50-, B course tracking without 20-, C empty when B is given, D no publishing
    // number, E license number without spaces or dashes, F M/D/YYYY, G State=FL, H Profession=code.
    expect(rows).toEqual([
      ['12345', '678901', '', '', 'DN9876', '1/5/2026', 'State=FL', 'Profession=DN'],
      ['12345', '678901', '', '', 'DN12345', '3/14/2026', 'State=FL', 'Profession=DN'],
    ]);
    expect(problems).toEqual([]);
  });

  it('puts the course id in column C when there is no CE Broker tracking number', () => {
    const { rows } = brokerRoster([completion(1, '2026-12-31', '12345')], { ...options, courseTracking: '' });
    expect(rows[0]!.slice(1, 3)).toEqual(['', 'customer-service']);
    expect(rows[0]![5]).toBe('12/31/2026');
  });

  it('lists learners without a usable license number instead of reporting them', () => {
    const { rows, problems } = brokerRoster([completion(1, '2026-01-05', null), completion(2, '2026-01-06', '   '), completion(3, '2026-01-07', 'ask me later'), completion(4, '2026-01-08', 'DH7777')], options);
    expect(rows.map((r) => r[4])).toEqual(['DH7777']);
    expect(problems.map((p) => [p.completion.certificateId, p.reason])).toEqual([[1, 'missing'], [2, 'missing'], [3, 'malformed']]);
  });

  it('checks the shape of a license number only', () => {
    expect(checkLicenceNumber('dn 0012345')).toEqual({ ok: true, number: 'DN0012345' });
    expect(checkLicenceNumber('DN')).toEqual({ ok: false, reason: 'malformed' });
    expect(checkLicenceNumber('12-34-56')).toEqual({ ok: true, number: '123456' });
    expect(checkLicenceNumber('DN12345X')).toEqual({ ok: false, reason: 'malformed' });
    expect(excelDate('2026-10-02')).toBe('10/2/2026');
  });
});
