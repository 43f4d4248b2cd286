import { describe, expect, it } from 'vitest';
import { defuse, toCsv } from '~/lib/server/csv';

describe('CSV', () => {
  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(defuse('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(defuse('+1')).toBe("'+1");
    expect(defuse('-2+3')).toBe("'-2+3");
    expect(defuse('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(defuse('\tx')).toBe("'\tx");
    expect(defuse('Ana Lopez')).toBe('Ana Lopez');
    expect(defuse(null)).toBe('');
  });

  it('quotes commas, quotes and new lines, with a BOM and CRLF rows', () => {
    const csv = toCsv(['name', 'note'], [['O\'Neill, "Jr."', 'line1\nline2'], ['=1+1', 'ok']]);
    expect(csv).toBe('\uFEFFname,note\r\n"O\'Neill, ""Jr.""","line1\nline2"\r\n\'=1+1,ok\r\n');
  });
});
