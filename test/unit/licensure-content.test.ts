import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { currentCycle, cycleReport } from '~/lib/domain/ce-cycle';
import { licensureSchema, onOfficialDomain, rulesFor, type Licensure } from '~/lib/shared/schemas/licensure';
import { checkLicensureSources } from '~/lib/content/checks/licensure-sources';
import type { ContentTree } from '~/lib/content/reader';

const dir = join(process.cwd(), 'content', 'licensure');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function load(file: string): { raw: unknown; parsed: ReturnType<typeof licensureSchema.safeParse> } {
  const raw: unknown = parse(readFileSync(join(dir, file), 'utf8'));
  return { raw, parsed: licensureSchema.safeParse(raw) };
}

function parsed(file: string): Licensure {
  const { parsed: p } = load(file);
  if (!p.success) throw new Error(`${file}: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return p.data;
}

describe('content/licensure', () => {
  it('has at least the four states DOMAIN.md covers', () => {
    expect(files).toEqual(expect.arrayContaining(['ca.yaml', 'fl.yaml', 'ny.yaml', 'tx.yaml']));
  });

  it.each(files)('%s parses with the schema and is named after its state', (file) => {
    const data = parsed(file);
    expect(`${data.state.toLowerCase()}.yaml`).toBe(file);
    expect(data.licenceTypes.dentist).toBeDefined();
    expect(data.licenceTypes.hygienist).toBeDefined();
  });

  it.each(files)('%s: every rule object carries a source URL', (file) => {
    const { raw } = load(file);
    const types = (raw as { licenceTypes: Record<string, Record<string, unknown>> }).licenceTypes;
    let rulesSeen = 0;
    for (const [type, rules] of Object.entries(types)) {
      if ('hoursOnly' in rules) continue;
      for (const [key, value] of Object.entries(rules)) {
        if (key === 'notes' || key === 'label') continue;
        for (const [i, rule] of (Array.isArray(value) ? value : [value]).entries()) {
          const where = `${file}: licenceTypes.${type}.${key}${Array.isArray(value) ? `[${i}]` : ''}`;
          const src = (rule as { source?: unknown }).source;
          expect(typeof src, `${where} has no source`).toBe('string');
          expect(() => new URL(src as string), `${where}: source is not a URL`).not.toThrow();
          expect(src as string, where).toMatch(/^https?:\/\/[^/]+\.[a-z]+\//);
          rulesSeen++;
        }
      }
    }
    expect(rulesSeen).toBeGreaterThanOrEqual(4);
  });

  it('refuses a rule without a source', () => {
    const { raw } = load('tx.yaml');
    const copy = structuredClone(raw) as { licenceTypes: { dentist: { selfStudy: Record<string, unknown> } } };
    delete copy.licenceTypes.dentist.selfStudy.source;
    const result = licensureSchema.safeParse(copy);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['licenceTypes', 'dentist', 'selfStudy', 'source']);
  });

  it('encodes the hours and cycle lengths of the DOMAIN.md table', () => {
    const table: Record<string, Record<'dentist' | 'hygienist', [number, number]>> = {
      CA: { dentist: [50, 2], hygienist: [25, 2] },
      TX: { dentist: [24, 2], hygienist: [24, 2] },
      FL: { dentist: [30, 2], hygienist: [24, 2] },
      NY: { dentist: [60, 3], hygienist: [24, 3] },
    };
    for (const [state, expected] of Object.entries(table)) {
      const data = parsed(`${state.toLowerCase()}.yaml`);
      for (const type of ['dentist', 'hygienist'] as const) {
        const r = rulesFor(data, type)!;
        expect([r.hoursPerCycle.hours, r.cycle.years], `${state} ${type}`).toEqual(expected[type]);
      }
    }
  });

  it('gives every license type a cycle the tracker can place', () => {
    for (const file of files) {
      const data = parsed(file);
      for (const type of Object.keys(data.licenceTypes)) {
        const r = rulesFor(data, type);
        if (!r) continue;
        const cycle = currentCycle(r, { licenceExpiresOn: '2027-06-30', birthMonth: 6 }, '2026-01-15');
        expect(cycle.start < '2026-01-15' && cycle.end >= '2026-01-15', `${file} ${type}`).toBe(true);
        const report = cycleReport({ rules: r, member: { licenceExpiresOn: '2027-06-30' }, today: '2026-01-15', records: [] });
        expect(report.requiredCenti).toBe(Math.round(r.hoursPerCycle.hours * 100));
      }
    }
  });

  it('puts the Florida renewal on 28 February of even years', () => {
    const fl = parsed('fl.yaml');
    expect(currentCycle(rulesFor(fl, 'dentist')!, {}, '2026-01-15')).toEqual({ start: '2024-02-29', end: '2026-02-28', years: 2 });
  });
});

describe('official sources only', () => {
  const tree = (entries: Array<{ file: string; data: Licensure }>) => ({ licensure: entries }) as unknown as ContentTree;

  it('every shipped rule cites a domain its state file lists as official', () => {
    const entries = files.map((file) => ({ file: `content/licensure/${file}`, data: parsed(file) }));
    expect(checkLicensureSources(tree(entries))).toEqual([]);
  });

  it('refuses a rule that cites a vendor blog, naming the file, the rule and the domains allowed', () => {
    const { raw } = load('tx.yaml');
    const copy = structuredClone(raw) as { licenceTypes: { dentist: { selfStudy: { source: string } } } };
    copy.licenceTypes.dentist.selfStudy.source = 'https://www.dentaldidacticsce.com/blog/texas-dental-license-renewal-ce-requirements/';
    const errors = checkLicensureSources(tree([{ file: 'content/licensure/tx.yaml', data: licensureSchema.parse(copy) }]));
    // tx.yaml gives hygienists the dentists' self-study rule through a YAML alias, so both are refused.
    expect(errors).toEqual([
      expect.stringMatching(/^content\/licensure\/tx\.yaml: licenceTypes\.dentist\.selfStudy\.source: https:\/\/www\.dentaldidacticsce\.com\/.* is not on an official Texas domain \(officialDomains: tsbde\.texas\.gov, /),
      expect.stringMatching(/^content\/licensure\/tx\.yaml: licenceTypes\.hygienist\.selfStudy\.source: /),
    ]);
  });

  it('accepts subdomains of a listed domain but not look-alikes', () => {
    expect(onOfficialDomain('https://www.dbc.ca.gov/licensees/x', ['dbc.ca.gov'])).toBe(true);
    expect(onOfficialDomain('https://dbc.ca.gov.evil.example/x', ['dbc.ca.gov'])).toBe(false);
    expect(onOfficialDomain('https://notdbc.ca.gov/x', ['dbc.ca.gov'])).toBe(false);
    expect(onOfficialDomain('not a url', ['dbc.ca.gov'])).toBe(false);
  });

  it('member-facing notes never point at internal documents', () => {
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
      expect(text, file).not.toMatch(/DOMAIN\.md|internal brief|the brief/i);
    }
  });
});
