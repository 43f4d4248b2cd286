/**
 * The words of every email, as plain text and HTML from one description, so the two parts always
 * say the same thing. Each message names the provider and how to reach them (content/provider.yaml)
 * and carries at most the one link it exists for. Times arrive formatted in the recipient's zone
 * (lib/shared/dates.ts), the zone named. Every value is escaped: names may hold markup.
 */
import { SITE_NAME } from '~/lib/shared/site';

export interface Sender {
  /** The provider's name and contact, from content/provider.yaml. */
  name: string;
  contact?: string | undefined;
  /** The provider's primary colour (provider.yaml), for the HTML part's button and links. */
  color?: string | undefined;
  /** Who signs the emails off (provider.yaml's signatory). */
  signatory?: { name: string; title: string } | undefined;
}

/** The HTML part's button and link colour without a provider colour: 8.3:1 with white. */
const NEUTRAL = '#0b5394';

export interface Composed {
  subject: string;
  text: string;
  html: string;
}

interface Body {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Lines shown as a list, e.g. what is still missing in a license cycle. */
  list?: string[];
  action?: { label: string; url: string };
  after?: string[];
  /** A last line under the provider's details, e.g. the unsubscribe link. */
  footer?: { text: string; url: string; label: string };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function compose(sender: Sender, body: Body): Composed {
  const contact = sender.contact ? `Questions? Contact ${sender.name}: ${sender.contact}` : `Sent by ${sender.name}.`;
  const color = sender.color ?? NEUTRAL;
  const who = sender.signatory;
  const signOff = who ? ['Kind regards,', who.name, `${who.title}, ${sender.name}`] : [];
  const text = [
    body.greeting,
    '',
    ...body.paragraphs.flatMap((p) => [p, '']),
    ...(body.list?.length ? [...body.list.map((l) => `- ${l}`), ''] : []),
    ...(body.action ? [`${body.action.label}:`, body.action.url, ''] : []),
    ...(body.after ?? []).flatMap((p) => [p, '']),
    ...(who ? [...signOff, ''] : []),
    '--',
    `${SITE_NAME}, a service of ${sender.name}`,
    contact,
    ...(body.footer ? [body.footer.text, `${body.footer.label}: ${body.footer.url}`] : []),
  ].join('\n');
  const p = (s: string) => `<p style="margin:0 0 16px">${escape(s)}</p>`;
  const html = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escape(body.subject)}</title></head>`,
    `<body style="margin:0;padding:24px;border-top:6px solid ${color};background:#ffffff;color:#1a1a1a;font:16px/1.5 Arial,Helvetica,sans-serif">`,
    '<div style="max-width:560px">',
    p(body.greeting),
    ...body.paragraphs.map(p),
    ...(body.list?.length ? [`<ul style="margin:0 0 16px">${body.list.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>`] : []),
    ...(body.action
      ? [`<p style="margin:0 0 16px"><a href="${escape(body.action.url)}" style="display:inline-block;padding:10px 16px;background:${color};color:#ffffff;text-decoration:none;border-radius:4px">${escape(body.action.label)}</a></p>`, `<p style="margin:0 0 16px;font-size:14px">Or copy this address into your browser: ${escape(body.action.url)}</p>`]
      : []),
    ...(body.after ?? []).map(p),
    ...(who ? [`<p style="margin:0 0 16px">${escape(signOff[0]!)}<br><strong>${escape(who.name)}</strong><br>${escape(signOff[2]!)}</p>`] : []),
    `<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0 16px">`,
    `<p style="margin:0 0 8px;font-size:14px;color:#444444">${escape(`${SITE_NAME}, a service of ${sender.name}`)}<br>${escape(contact)}</p>`,
    ...(body.footer ? [`<p style="margin:0;font-size:14px;color:#444444">${escape(body.footer.text)} <a href="${escape(body.footer.url)}" style="color:${color}">${escape(body.footer.label)}</a></p>`] : []),
    '</div></body></html>',
  ].join('\n');
  return { subject: body.subject, text, html };
}

const hi = (name: string) => `Hello ${name},`;

export function passwordResetMail(sender: Sender, a: { name: string; url: string; minutes: number; until: string; byAdmin?: boolean }): Composed {
  return compose(sender, {
    subject: `Reset your ${SITE_NAME} password`,
    greeting: hi(a.name),
    paragraphs: [a.byAdmin ? 'A site administrator sent you this link to choose a new password for your account.' : 'Someone, probably you, asked to reset the password of your account.', `The link works once, for ${a.minutes} minutes (until ${a.until}). Choosing a new password signs you out everywhere else.`],
    action: { label: 'Choose a new password', url: a.url },
    after: ['If you did not ask for this, ignore this email: your password stays as it is.'],
  });
}

export function verifyEmailMail(sender: Sender, a: { name: string; url: string; hours: number; until: string }): Composed {
  return compose(sender, {
    subject: `Confirm your email address for ${SITE_NAME}`,
    greeting: hi(a.name),
    paragraphs: ['Thank you for creating an account. Please confirm that this email address is yours.', `You can start learning straight away, but certificates are issued only to confirmed addresses: any certificate you earn before confirming is issued as soon as you do. The link works for ${a.hours} hours, until ${a.until}.`],
    action: { label: 'Confirm my email address', url: a.url },
    after: ['If you did not create an account, ignore this email.'],
  });
}

export function signupExistingMail(sender: Sender, a: { name: string; loginUrl: string; resetUrl: string }): Composed {
  return compose(sender, {
    subject: `Someone tried to sign up with your address at ${SITE_NAME}`,
    greeting: hi(a.name),
    paragraphs: ['Someone just tried to create a new account with this email address, which already has an account. No new account was created and nothing in yours changed.', `If it was you, sign in at ${a.loginUrl} instead. If you forgot your password, you can reset it:`],
    action: { label: 'Reset my password', url: a.resetUrl },
    after: ['If it was not you, you can ignore this email.'],
  });
}

export function certificateMail(sender: Sender, a: { name: string; course: string; hours: number; code: string; verifyUrl: string; certificateUrl: string }): Composed {
  const hours = `${a.hours} CE hour${a.hours === 1 ? '' : 's'}`;
  return compose(sender, {
    subject: `Your certificate: ${a.course}`,
    greeting: hi(a.name),
    paragraphs: [`Congratulations: you completed “${a.course}” and earned ${hours}.`, `Your certificate code is ${a.code}. Anyone, such as your licensing board, can check it at the public verification page:`],
    action: { label: 'Verify this certificate', url: a.verifyUrl },
    after: [`Download the PDF or print it from your account: ${a.certificateUrl}`],
  });
}

export function reminderMail(sender: Sender, a: { name: string; daysLeft: number; cycleEnd: string; missing: string[]; trackerUrl: string; unsubscribeUrl: string }): Composed {
  return compose(sender, {
    subject: `${a.daysLeft} days left in your license cycle`,
    greeting: hi(a.name),
    paragraphs: [`Your license cycle ends on ${a.cycleEnd}, in ${a.daysLeft} days. According to your CE tracker, this is still missing:`],
    list: a.missing,
    action: { label: 'Open my CE tracker', url: a.trackerUrl },
    after: ['If you recorded CE elsewhere, add it to your tracker so the count is right.'],
    footer: { text: 'You get this because license-cycle reminders are on in your profile.', url: a.unsubscribeUrl, label: 'Stop these reminders' },
  });
}

export function signInLinkMail(sender: Sender, a: { name: string; url: string; minutes: number; until: string }): Composed {
  return compose(sender, {
    subject: `Your one-time sign-in link for ${SITE_NAME}`,
    greeting: hi(a.name),
    paragraphs: ['Your account is locked for a while after several wrong passwords. This link signs you in once, without your password.', `It works for ${a.minutes} minutes, until ${a.until}. If you did not ask for it, someone may be guessing your password: you can ignore this email, and consider choosing a new password.`],
    action: { label: 'Sign me in', url: a.url },
  });
}
