import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { whatCountsFor } from '~/lib/domain/state-notes';
import { licensureSchema, type Licensure } from '~/lib/shared/schemas/licensure';

const state = (code: string): Licensure => licensureSchema.parse(parse(readFileSync(join(process.cwd(), 'content', 'licensure', `${code}.yaml`), 'utf8')));
const texts = (w: ReturnType<typeof whatCountsFor>) => w!.lines.map((l) => l.text);

describe('what counts for me', () => {
  it('a California RDA: the 12.5-unit home-study limit, the accepted approvals, and the topics this course cannot meet', () => {
    const w = whatCountsFor(state('ca'), 'rda', { agd: [{ code: '730', hours: 1.5 }], approvals: ['ada-cerp'] });
    expect(w!.license).toBe('California, Registered dental assistant (RDA)');
    expect(texts(w)).toEqual([
      'This course is self-study. California counts at most 12.5 units of self-study per cycle, so its 1.5 hours count only while you are under that limit.',
      'California accepts courses from board-registered, ADA CERP and AGD PACE providers, and this provider is approved by ADA CERP.',
      'It does not meet California infection control (2 units, Board-approved provider) and California Dental Practice Act (2 units, Board-approved provider): those count only from a provider your board approved for them.',
    ]);
    expect(w!.lines[0]!.source).toBe('http://www.dbc.ca.gov/licensees/rda/rda_cont_ed.shtml');
  });

  it('says when this provider has no approval yet', () => {
    const w = whatCountsFor(state('ca'), 'dentist', { agd: [{ code: '550', hours: 2 }], approvals: [] });
    expect(texts(w)).toContain("California accepts courses from board-registered, ADA CERP and AGD PACE providers; this provider's approval is not in place yet, so check with your board before you count these hours.");
  });

  it('a Texas dentist: the 8-hour self-study limit; clinical hours count toward the 16', () => {
    const w = whatCountsFor(state('tx'), 'dentist', { agd: [{ code: '490', hours: 1 }, { code: '550', hours: 2 }], approvals: [] });
    expect(texts(w)).toEqual([
      'This course is self-study. Texas counts at most 8 hours of self-study per cycle, so its 3 hours count only while you are under that limit.',
      '1 of its hours count toward "Technical or scientific courses related to clinical care" (at least 16 hours).',
    ]);
  });

  it('a Florida dentist: no self-study limit; practice management is left to the course note', () => {
    const w = whatCountsFor(state('fl'), 'dentist', { agd: [{ code: '550', hours: 2 }], approvals: ['agd-pace'] });
    expect(texts(w)).toEqual(['This course is self-study; we found no Florida limit on self-study for your license, so its 2 hours count toward your 30 hours.']);
  });

  it('a license tracked by hours only says so; an unknown type gets nothing', () => {
    expect(texts(whatCountsFor(state('fl'), 'dental-assistant', { agd: [{ code: '550', hours: 2 }], approvals: [] }))).toEqual([
      'Florida has no CE requirement we could confirm for your license, so the tracker records these 2 hours without a target.',
    ]);
    expect(whatCountsFor(state('fl'), 'pilot', { agd: [], approvals: [] })).toBeUndefined();
  });
});
