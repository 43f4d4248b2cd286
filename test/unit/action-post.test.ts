import { describe, expect, it } from 'vitest';
import { stringify } from 'devalue';
import { unflatten } from '~/lib/shared/action-post';

describe('reading an action answer without the astro:actions client', () => {
  it('decodes devalue’s flat form, written out by hand', () => {
    // Root object at 0; its values are indices: a → 1 (an array of 2, 3, undefined), c → -0, s → 3.
    expect(unflatten('[{"a":1,"c":-6,"s":3},[2,3,-1],1,"x"]')).toEqual({ a: [1, 'x', undefined], c: -0, s: 'x' });
    expect(unflatten('[{"next":1,"ok":2},null,true]')).toEqual({ next: null, ok: true });
    expect(unflatten('-1')).toBeUndefined();
  });

  it('reads what Astro’s server side writes for a decision answer (devalue.stringify)', () => {
    const answer = {
      runId: 7,
      step: { type: 'end', node: 'done', result: { passed: true, score: 12 } },
      history: [{ node: 'a', text: 'Hello “there”' }, { node: 'b', text: 'again' }],
      next: { label: 'Take the post-test', href: '/courses/medical-cross-coding/test' },
      result: undefined,
    };
    expect(unflatten(stringify(answer))).toEqual(answer);
  });

  it('refuses typed values it cannot rebuild', () => {
    expect(() => unflatten(stringify({ at: new Date(0) }))).toThrow('Unsupported value: Date');
    expect(() => unflatten('{"a":1}')).toThrow('Invalid input');
  });
});
