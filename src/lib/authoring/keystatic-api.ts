/**
 * The editor's API (dev only, injected by ./integration.ts). Keystatic's own local handler lists
 * and writes files; around it:
 * - reading a content file hands Keystatic the data in its form shape (./house-format.ts toEditor);
 * - saving turns Keystatic's output back into the house format (comments and layout of the old
 *   file kept), runs every content check (src/lib/content/checks) on the tree as it would be, and
 *   writes nothing when the save adds a finding: the answer lists each finding by file and field.
 */
import type { APIRoute } from 'astro';
import { makeGenericAPIRouteHandler } from '@keystatic/core/api/generic';
import { basename, dirname, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import config, { lessonComponentsForEditor } from './keystatic.config';
import { editedCollections } from './collections';
import { formTargets, type FormsOf } from './finding-targets';
import { settings } from '~/lib/server/settings';
import { editorData, fileBytes, findingsOf, type Change } from './save';

export const prerender = false;

const contentRoot = resolve(settings.CONTENT_DIR);
if (basename(contentRoot) !== 'content') throw new Error(`the editor needs CONTENT_DIR to be a folder named content (it is ${contentRoot})`);
const base = dirname(contentRoot);
const keystatic = makeGenericAPIRouteHandler({ config, localBaseDirectory: base });
const forms: FormsOf = {
  schemaOf: (path) => {
    const name = Object.entries(editedCollections).find(([, e]) => e.file.test(path))?.[0] as keyof typeof config.collections | undefined;
    return name && config.collections[name].schema;
  },
  components: lessonComponentsForEditor,
};

async function pass(request: Request): Promise<Response> {
  const { body, headers, status } = await keystatic(request);
  return new Response(body as BodyInit, { status, headers });
}

export const ALL: APIRoute = async ({ request }) => {
  const params = new URL(request.url).pathname.replace(/^\/api\/keystatic\/?/, '').split('/').map(decodeURIComponent);
  if (request.method === 'GET' && params[0] === 'blob') {
    const answer = await pass(request);
    const path = params.slice(2).join('/');
    if (!answer.ok) return answer;
    const text = await answer.text();
    return new Response(editorData(path, text), { status: 200 });
  }
  if (request.method === 'POST' && params[0] === 'update') {
    let updates: { additions: Array<{ path: string; contents: string }>; deletions: Array<{ path: string }> };
    try {
      updates = (await request.clone().json()) as typeof updates;
    } catch {
      return new Response('Bad data', { status: 400 });
    }
    const paths = [...(updates.additions ?? []), ...(updates.deletions ?? [])].map((u) => u.path);
    if (paths.some((p) => typeof p !== 'string' || !p.startsWith('content/') || p.split('/').some((s) => s === '..' || s === '.' || s === ''))) {
      return new Response('Bad path', { status: 400 });
    }
    const changes: Change[] = [];
    for (const a of updates.additions ?? []) {
      const full = resolve(base, a.path);
      const previous = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
      changes.push({ path: a.path, contents: fileBytes(a.path, Buffer.from(a.contents, 'base64url').toString('utf8'), previous) });
    }
    for (const d of updates.deletions ?? []) changes.push({ path: d.path, contents: null });
    const findings = findingsOf(contentRoot, changes, resolve('public'));
    if (findings.length) {
      // The text is the summary Keystatic shows; the header tells the page's script (./finding-marks.ts) which field each finding is about.
      const targets = encodeURIComponent(JSON.stringify(formTargets(findings, changes, forms)));
      return new Response(`Not saved: the content check found\n${findings.map((f) => `- ${f}`).join('\n')}`, {
        status: 422,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-finding-targets': targets },
      });
    }
    const body = JSON.stringify({
      additions: changes.filter((c) => c.contents !== null).map((c) => ({ path: c.path, contents: Buffer.from(c.contents!, 'utf8').toString('base64url') })),
      deletions: updates.deletions ?? [],
    });
    return pass(new Request(request.url, { method: 'POST', headers: request.headers, body }));
  }
  return pass(request);
};

