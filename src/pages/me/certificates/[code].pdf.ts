import type { APIRoute } from 'astro';
import { canSeeRecordOf, requireUser } from '~/lib/server/access';
import { certificateByCode } from '~/lib/server/certificates';
import { db } from '~/lib/server/db';
import { logError } from '~/lib/server/log';
import { renderCertificatePdf } from '~/lib/server/pdf/certificate';
import { certificatePdf } from '~/lib/server/pdf-cache';
import { humanWait } from '~/lib/domain/rate-limit';
import { certificateBrand } from '~/lib/content/brand';

/** The certificate as a PDF, for its holder and admins. Drawn from the frozen snapshot, in the provider's look. */
export const GET: APIRoute = async (context) => {
  const gate = await requireUser(context);
  if (gate instanceof Response) return gate;
  const cert = certificateByCode(db(), context.params.code ?? '');
  if (!cert || !canSeeRecordOf(gate, cert.userId)) return new Response('Not found', { status: 404 });
  try {
    // The logo, colour and signature are today's provider.yaml, not the snapshot's: the cache key
    // carries them, so a changed look is never served from an older rendering.
    const { key, ...brand } = await certificateBrand();
    const result = await certificatePdf(db(), `${cert.code}:${key}`, gate.id, () => renderCertificatePdf(cert.snapshot, { sample: cert.sample, brand }));
    if (!result.ok) {
      const wait = result.decision.retryAfterSec;
      return new Response(`You have downloaded many PDFs in a short time. Please wait ${humanWait(wait)} and try again.`, {
        status: 429,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(wait) },
      });
    }
    const pdf = result.pdf;
    const name = `certificate-${cert.snapshot.course.id}-${cert.code}.pdf`;
    return new Response(pdf, {
      headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'private, no-store' },
    });
  } catch (error) {
    logError('certificate.pdf.failed', error, { code: cert.code });
    return new Response('The PDF could not be generated. Please try again later.', { status: 500 });
  }
};
