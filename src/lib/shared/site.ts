/** Site-wide constants safe for both server and browser. */
export const SITE_NAME = 'Dental CE Club';
export const SITE_TAGLINE = 'Continuing education for the whole dental team';
