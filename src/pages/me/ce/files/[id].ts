import type { APIRoute } from 'astro';
import { requireUser } from '~/lib/server/access';
import { db } from '~/lib/server/db';
import { readExternalFile } from '~/lib/server/external-ce';

/** An outside certificate file, for its owner or an admin only; anyone else gets 404. */
export const GET: APIRoute = async (context) => {
  const user = await requireUser(context);
  if (user instanceof Response) return user;
  const id = Number(context.params.id);
  const file = Number.isSafeInteger(id) ? readExternalFile(db(), id, user) : null;
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'content-type': file.type,
      'content-disposition': `attachment; filename="${file.name.replace(/"/g, '')}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
};
