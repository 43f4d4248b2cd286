import { describe, expect, it } from 'vitest';
import { blockMarkdown, inlineMarkdown, plainText } from '~/lib/shared/markdown';

describe('inline Markdown', () => {
  it('renders bold, italic, code and https links', () => {
    expect(inlineMarkdown('Tooth **#10** is *upper left*; code `S02.5XXA`.')).toBe('Tooth <strong>#10</strong> is <em>upper left</em>; code <code>S02.5XXA</code>.');
    expect(inlineMarkdown('[ICD-10](https://example.org/a)')).toBe('<a href="https://example.org/a" rel="noopener noreferrer">ICD-10</a>');
  });

  it('escapes markup and refuses script links', () => {
    expect(inlineMarkdown('<script>alert(1)</script> & "x"')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(inlineMarkdown('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
    expect(inlineMarkdown('[x](https://a.test/" onmouseover="y)')).not.toContain('onmouseover="');
  });

  it('splits paragraphs on blank lines', () => {
    expect(blockMarkdown('One\nline.\n\nTwo.')).toBe('<p>One line.</p><p>Two.</p>');
  });
});

describe('plain text from inline Markdown', () => {
  it('drops the marks and spells links out, for CSV cells', () => {
    expect(plainText('Tooth **#10** is *upper left*; code `S02.5XXA`.')).toBe('Tooth #10 is upper left; code S02.5XXA.');
    expect(plainText('See [the ADA](https://ada.example/x).')).toBe('See the ADA (https://ada.example/x).');
    expect(plainText('2 * 3 = 6')).toBe('2 * 3 = 6');
  });
});
