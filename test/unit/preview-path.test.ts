import { describe, expect, it } from 'vitest';
import { decisionFromQuery, decodePath, encodePath } from '~/lib/domain/simulation/preview-path';

describe('case preview path in the address', () => {
  it('round-trips decisions, text with accents included', () => {
    const path = [
      { node: 'call', kind: 'continue' as const },
      { node: 'greet', kind: 'choice' as const, choice: 'calm' },
      { node: 'code', kind: 'input' as const, value: 'Café 1805,00 €' },
    ];
    const encoded = encodePath(path);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePath(encoded)).toEqual(path);
  });

  it('starts over on anything that is not a list of decisions', () => {
    expect(decodePath(null)).toEqual([]);
    expect(decodePath('not base64!')).toEqual([]);
    expect(decodePath(encodePath([{ node: 'x', kind: 'choice', choice: '' } as never]))).toEqual([]);
    expect(decodePath(btoa('{"a":1}'))).toEqual([]);
  });

  it('reads a decision from a link or form query', () => {
    expect(decisionFromQuery(new URLSearchParams('node=greet&kind=choice&choice=calm'))).toEqual({ node: 'greet', kind: 'choice', choice: 'calm' });
    expect(decisionFromQuery(new URLSearchParams('node=claim&kind=form&field:name=Ana&field:dob=1980-01-02&d=xyz'))).toEqual({ node: 'claim', kind: 'form', fields: { name: 'Ana', dob: '1980-01-02' } });
    expect(decisionFromQuery(new URLSearchParams('node=t&kind=task&element=a&element=c'))).toEqual({ node: 't', kind: 'task', elements: ['a', 'c'] });
    expect(decisionFromQuery(new URLSearchParams('node=greet&kind=delete'))).toBeNull();
    expect(decisionFromQuery(new URLSearchParams(''))).toBeNull();
  });
});
