import type { APIRoute } from 'astro';
import { certificateBrand } from '~/lib/content/brand';
import { requireUser } from '~/lib/server/access';
import { db } from '~/lib/server/db';
import { logError } from '~/lib/server/log';
import { renderTranscriptPdf } from '~/lib/server/pdf/transcript';
import { transcriptOf } from '~/lib/server/transcript';

export const GET: APIRoute = async (context) => {
  const user = await requireUser(context);
  if (user instanceof Response) return user;
  const t = transcriptOf(db(), user);
  try {
    // The provider's colour and logo, as on its certificates (the signatory signs certificates only).
    const { color, logo } = await certificateBrand();
    const pdf = await renderTranscriptPdf(t, { brand: { color, logo } });
    return new Response(pdf, { headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="ce-transcript-${t.generatedOn}.pdf"`, 'cache-control': 'private, no-store' } });
  } catch (error) {
    logError('transcript.pdf.failed', error, { user: user.id });
    return new Response('The PDF could not be generated. Please try again later.', { status: 500 });
  }
};
