/**
 * Parses a lesson file (MDX) the way the build does: Astro's own frontmatter parser, then the MDX
 * grammar @astrojs/mdx uses (micromark's mdxjs extension, with acorn for the expressions). The
 * result lists every JSX element with its line and the literal value of each prop, so checks read
 * props from a syntax tree rather than from regular expressions.
 */
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Expression, Node as EsNode, Program } from 'estree';
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { mdxjs } from 'micromark-extension-mdxjs';

/** One prop as written: its value when it is a literal, and where it is. */
export interface PropSource {
  line: number;
  /** false when the value is code (a variable, a call...) rather than a literal. */
  literal: boolean;
  value: unknown;
}
/** One use of a JSX element in a lesson body, e.g. `<Checkpoint answer={1} ... />`. */
export interface ComponentUse {
  name: string;
  line: number;
  props: Record<string, PropSource>;
  /** Lines of `{...spread}` props, which no check can read. */
  spreadLines: number[];
}
export interface LessonSource {
  frontmatter: unknown;
  /** The body, with blank lines where the frontmatter was. */
  body: string;
  components: ComponentUse[];
  /** Lines of `import`/`export` statements and of `{expressions}` in the text. */
  esmLines: number[];
  expressionLines: number[];
}
export type LessonSourceResult = { ok: true; lesson: LessonSource } | { ok: false; field: string; line?: number; message: string };

export function parseLessonSource(source: string): LessonSourceResult {
  let frontmatter: unknown;
  let rawFrontmatter: string;
  let content: string;
  try {
    // 'empty-with-lines' keeps every line where it was, so positions in the tree are file lines.
    ({ frontmatter, rawFrontmatter, content } = parseFrontmatter(source, { frontmatter: 'empty-with-lines' }));
  } catch (e) {
    return { ok: false, field: '(frontmatter)', message: `not valid YAML: ${firstLine(e)}` };
  }
  if (!rawFrontmatter.trim()) return { ok: false, field: '(frontmatter)', line: 1, message: 'the file must start with --- frontmatter ---' };
  let root: Root;
  try {
    root = fromMarkdown(content, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] });
  } catch (e) {
    // micromark's messages carry a line, or only a "(line:column-line:column)" range in the text.
    const line = ((e as { line?: number }).line ?? Number(/\((\d+):\d+/.exec(firstLine(e))?.[1])) || undefined;
    return { ok: false, field: 'body', line, message: `not valid MDX: ${firstLine(e)}` };
  }
  const lesson: LessonSource = { frontmatter, body: content, components: [], esmLines: [], expressionLines: [] };
  visit(root, (node) => {
    const line = node.position?.start.line ?? 0;
    if (node.type === 'mdxjsEsm') lesson.esmLines.push(line);
    else if ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && hasCode(node.data?.estree)) lesson.expressionLines.push(line);
    else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const use: ComponentUse = { name: node.name ?? '(fragment)', line, props: {}, spreadLines: [] };
      for (const attr of node.attributes) {
        const attrLine = attr.position?.start.line ?? line;
        if (attr.type === 'mdxJsxExpressionAttribute') {
          use.spreadLines.push(attrLine);
        } else if (attr.value === null || attr.value === undefined) {
          use.props[attr.name] = { line: attrLine, literal: true, value: true };
        } else if (typeof attr.value === 'string') {
          use.props[attr.name] = { line: attrLine, literal: true, value: attr.value };
        } else {
          const expression = onlyExpression(attr.value.data?.estree);
          const evaluated = expression ? literalValue(expression) : NOT_LITERAL;
          use.props[attr.name] = evaluated === NOT_LITERAL ? { line: attrLine, literal: false, value: undefined } : { line: attrLine, literal: true, value: evaluated };
        }
      }
      lesson.components.push(use);
    }
  });
  return { ok: true, lesson };
}

function visit(node: Nodes, fn: (node: Nodes) => void): void {
  fn(node);
  if ('children' in node) for (const child of node.children) visit(child as Nodes, fn);
}

function firstLine(e: unknown): string {
  return String((e as Error).message ?? e).split('\n')[0]!;
}

function hasCode(program: Program | null | undefined): boolean {
  return !!program && program.body.length > 0;
}

function onlyExpression(program: Program | null | undefined): Expression | undefined {
  const statement = program?.body.length === 1 ? program.body[0] : undefined;
  return statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
}

const NOT_LITERAL = Symbol('not a literal');

/** The value of a literal expression (numbers, text, true/false/null, lists and objects of them). */
function literalValue(node: EsNode): unknown {
  switch (node.type) {
    case 'Literal':
      return 'regex' in node || 'bigint' in node ? NOT_LITERAL : node.value;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? node.quasis.map((q) => q.value.cooked).join('') : NOT_LITERAL;
    case 'UnaryExpression': {
      if (node.operator !== '-' && node.operator !== '+') return NOT_LITERAL;
      const v = literalValue(node.argument);
      return typeof v === 'number' ? (node.operator === '-' ? -v : v) : NOT_LITERAL;
    }
    case 'ArrayExpression': {
      const out: unknown[] = [];
      for (const el of node.elements) {
        const v = el && el.type !== 'SpreadElement' ? literalValue(el) : NOT_LITERAL;
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out.push(v);
      }
      return out;
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (p.type !== 'Property' || p.computed || p.kind !== 'init') return NOT_LITERAL;
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
        const v = literalValue(p.value);
        if (key === undefined || v === NOT_LITERAL) return NOT_LITERAL;
        out[key] = v;
      }
      return out;
    }
    default:
      return NOT_LITERAL;
  }
}
