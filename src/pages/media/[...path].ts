/**
 * Pictures that live in content/ (the provider's logo and signature, course covers), written to
 * dist/client/media/ at build time: the front door then serves them from memory like every other
 * static file. Only pictures a content file names are published, never the rest of content/.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection, getEntry } from 'astro:content';
import { contentPictures, pictureBytes } from '~/lib/content/brand';
import type { Provider } from '~/lib/shared/schemas/provider';

export const prerender = true;

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', svg: 'image/svg+xml', webp: 'image/webp' };

export const getStaticPaths = (async () => {
  const provider = (await getEntry('provider', 'provider'))?.data as Provider | undefined;
  const courses = await getCollection('courses');
  return contentPictures(provider, courses).map((path) => ({ params: { path } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const file = pictureBytes(params.path ?? '');
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': TYPES[file.ext] ?? 'application/octet-stream' } });
};
